"""Email addresses and personal phone numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

Span = tuple[str, int, int]

_EMAIL = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    # "jo.bloggs [at] example [dot] com": written so to dodge filters, still an address.
    r"|\b[\w.+-]+\s*[\[(]at[\])]\s*[\w-]+(?:\s*(?:[\[(]dot[\])]|\.)\s*[\w-]+)+"
    # "jo.bloggs at example dot com": the same in plain words, ending in a domain's suffix.
    r"|\b[\w.+-]*[a-z][\w.+-]*\s+at\s+[\w-]+(?:\s+dot\s+[\w-]+)*\s+dot\s+"
    r"(?:com|org|net|uk|gov|co|ac|nhs|sch|edu|info|me|io)\b",
    re.IGNORECASE,
)
# A team's mailbox ("complaints@", "childrens.services@"): the organisation's, no person's.
_ROLE_WORDS = frozenset(
    "complaints complaint info information enquiries enquiry contact contactus admin office"
    " feedback foi dpo data protection dataprotection privacy customer customers service"
    " services customerservices children childrens childrensservices social care socialcare"
    " mash safeguarding fostering adoption lado help helpdesk support team reception"
    " communications press media noreply no reply donotreply education send ehcp advocacy"
    " youth family families early hub hubs duty".split()
)
_LOCAL_PART_WORDS = re.compile(r"[a-z]+")
# A UK number as people write it: 0 or +44 (or 0044), then 9 or 10 digits in any grouping.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|0044\s?|\(?0)\d(?:\)?[\s.-]?\(?\d){8,9}(?!\d)"
)
_DIGITS = re.compile(r"\d")
_ORGANISATION = re.compile(
    r"\b(?:council|services|helpline|switchboard|direct|front\s+door|enquiries|advice\s+line)\b",
    re.IGNORECASE,
)
_PERSONAL = re.compile(
    r"\b(?:her|his|their|mum|mother|dad|father|carer|grand\w*|aunt|uncle|parent|home|mobile"
    r"|personal|private|family|child|son|daughter|friend|neighbour|partner)\b|'s\b",
    re.IGNORECASE,
)
_UK_START = re.compile(r"(?<!\d)(?:\+\s?44|0044|0\d)")


def _personal(number: str) -> bool:
    """A mobile (07) or geographic (01, 02) line. Non-geographic numbers (03, 08, 09) are
    organisations' helplines, not a person's."""
    national = re.sub(r"\D", "", number)
    for prefix in ("0044", "44"):
        if number.lstrip("(").startswith(("+", "0044")) and national.startswith(prefix):
            national = "0" + national[len(prefix) :].removeprefix("0")
            break
    return national[:2] in ("01", "02", "07") and len(national) in (10, 11)


def find_emails(text: str) -> Iterator[Span]:
    lower = text.lower()
    if "@" not in text and "at]" not in lower and "at)" not in lower and " dot " not in lower:
        return
    for m in _EMAIL.finditer(text):
        if not _team_mailbox(m.group()):
            yield "email", m.start(), m.end()


def _team_mailbox(address: str) -> bool:
    local, at, _ = address.partition("@")
    words = _LOCAL_PART_WORDS.findall(local.lower())
    return bool(at) and bool(words) and all(w in _ROLE_WORDS for w in words)


def find_phones(text: str) -> Iterator[Span]:
    if len(_DIGITS.findall(text)) < 9 or not _UK_START.search(text):
        return
    seen: set[tuple[int, int]] = set()
    # libphonenumber knows the groupings; its POSSIBLE leniency also takes Ofcom's drama
    # numbers (07700 900123), which are what a careless example would use.
    matcher = phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        if _personal(match.raw_string):
            seen.add((match.start, match.end))
    for m in _PHONE.finditer(text):
        if _personal(m.group()):
            seen.add((m.start(), m.end()))
    for start, end in sorted(seen):
        if not _organisation_line(text, start, end):
            yield "phone", start, end


def _organisation_line(text: str, start: int, end: int) -> bool:
    """A landline the words give to an organisation ("call the Front Door on 01305 ..."),
    with nothing personal near it. A mobile is always someone's."""
    national = re.sub(r"\D", "", text[start:end]).removeprefix("44").removeprefix("0")
    if national.startswith("7"):
        return False
    before, after = text[max(0, start - 50) : start], text[end : end + 40]
    return bool(_ORGANISATION.search(before)) and not (
        _PERSONAL.search(before) or _PERSONAL.search(after)
    )
