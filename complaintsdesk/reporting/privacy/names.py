"""People's names, in any case: "Keira", "keira", "KEIRA", "Mrs Smith-Jones", "mrs o'brien".

A word is a name when:
- it is on the list of given names that are no ordinary word, in any case; in capitals only
  if it is no abbreviation the service uses ("ELSA", "CHAD");
- it is on the list of names that are also words or places ("Grace", "Jack", "Devon") and the
  sentence makes it a person: a possessive ("Grace's"), a relation before it ("her son
  Jack"), or a verb of a person after it ("Jack said"). Months stay months ("May was");
- it follows a title ("Mrs Smith", "dr patel"; single letters are the Ombudsman's own
  anonymisation, "Mrs X"), or a relation ("her son Tobiah"), or reads "the Kowalski family".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from complaintsdesk.reporting.privacy.lists import folded

Span = tuple[str, int, int]

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+(?:['’][A-Za-z]+)*)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_MONTHS = frozenset("april may june august".split())
_RELATION = re.compile(
    r"\b(?:son|daughter|child|grandson|granddaughter|stepson|stepdaughter|brother|sister"
    r"|sibling|twin|niece|nephew|cousin|mother|father|mum|dad|aunt|auntie|uncle|grandmother"
    r"|grandfather|nan|nana|grandma|grandad|stepfather|stepmother|partner|boyfriend"
    r"|girlfriend|baby|boy|girl|toddler|pupil|carer|foster\s+carer|called|named|known\s+as"
    r"|young\s+person)[\s,]+$",
    re.IGNORECASE,
)
_PERSON_VERB = re.compile(
    r"^[\s,]+(?:said|says|told|tells|was|is|has|had|felt|feels|wanted|wants|asked|moved"
    r"|went|attended|attends|lives|lived|stayed|started|missed|spoke|disclosed|reported"
    r"|explained|became|returned|refused|ran|ate|cried|and\s+(?:her|his)|who|herself|himself"
    r"|did|does|could|would|should|will|can|cannot|needs|needed|agreed|complained)\b",
    re.IGNORECASE,
)
_TITLED = re.compile(
    r"\b(mr|mrs|ms|miss|mx|dr|prof|master)\b\.?\s+"
    r"((?:[A-Za-z]['’])?[A-Za-z]+(?:-[A-Za-z]+)*)(?:\s+((?-i:[A-Z][a-z]+(?:-[A-Z][a-z]+)*)))?",
    re.IGNORECASE,
)
_FAMILY = re.compile(r"\bthe\s+([A-Za-z]+(?:-[A-Za-z]+)*)\s+family\b", re.IGNORECASE)
_NOT_SURNAME = frozenset(
    "and or the a an of to in on at for by with from was is has had said also who whose her"
    " his their they she he it as but not no".split()
)
# "MS Teams", "MS diagnosis": Ms in capitals or lower case is seldom a title before these.
_NOT_AFTER_MS = frozenset(
    "teams forms word excel office outlook sharepoint access project powerpoint onenote"
    " planner bookings diagnosis".split()
)
_NOT_FAMILY = frozenset(
    "foster birth host adoptive extended wider whole connected kinship troubled supporting"
    " same new other child's young immediate nuclear receiving placing".split()
)


def _acronyms() -> frozenset[str]:
    return folded("acronyms.txt")


def _distinctive(word: str) -> bool:
    key = word.casefold()
    if key not in folded("given_names.txt"):
        return False
    return not (word.isupper() and (key in _acronyms() or len(word) < 3))


def _ambiguous_person(text: str, word: str, start: int, end: int, possessive: bool) -> bool:
    key = word.casefold()
    if key not in folded("ambiguous_names.txt") or not word[0].isupper():
        return False
    if possessive:
        return True
    if key in _MONTHS:
        return False
    before = text[max(0, start - 30) : start]
    return bool(_RELATION.search(before) or _PERSON_VERB.match(text[end : end + 30]))


def _is_name(word: str) -> bool:
    parts = word.split("-")
    if any(_distinctive(p) for p in parts):
        return True
    # Double-barrelled: "Smith-Jones", with every part capitalised and one a known name.
    known = folded("surnames.txt") | folded("ambiguous_names.txt")
    return (
        len(parts) > 1
        and all(p[:1].isupper() for p in parts)
        and any(p.casefold() in known for p in parts)
    )


def _surname_follows(text: str, end: int) -> int:
    """The end of a surname right after a given name ("Keira Smith"), else `end`."""
    m = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if m and (m.group()[0].isupper() and m.group().casefold() in folded("surnames.txt")):
        return m.end()
    return end


def _find_words(text: str) -> Iterator[Span]:
    for m in _WORD.finditer(text):
        word, start = m.group(), m.start()
        possessive = bool(_POSSESSIVE.search(word))
        base = word[:-2] if possessive else word
        end = start + len(base)
        if _is_name(base) or _ambiguous_person(text, base, start, end, possessive):
            yield "name", start, _surname_follows(text, end)
        elif base[:1].isupper() and len(base) > 1 and not base.isupper():
            before = text[max(0, start - 30) : start]
            if _RELATION.search(before) and base.casefold() not in _NOT_SURNAME:
                if base.casefold() not in folded("place_names.txt"):
                    yield "name", start, end  # "her son Tobiah": a name not on the list


def _find_titled(text: str) -> Iterator[Span]:
    for m in _TITLED.finditer(text):
        title, surname = m.group(1), m.group(2)
        if len(surname) < 2 or surname.casefold() in _NOT_SURNAME:
            continue  # "Mrs X", "Mr and Mrs Y": the Ombudsman's anonymised letters
        if title.lower() in ("miss", "master") and title.islower():
            continue  # "did not miss deadlines"
        if title.lower() == "ms" and surname.casefold() in _NOT_AFTER_MS:
            continue
        if title.lower() == "master" and not _is_name(surname):
            continue  # "Master Plan"
        if title[0].isupper() and not (surname[0].isupper() or title.isupper()):
            if surname.casefold() in _NOT_SURNAME:
                continue
        end = m.end(3) if m.group(3) and surname[0].isupper() else m.end(2)
        yield "title_name", m.start(), end


def _find_families(text: str) -> Iterator[Span]:
    for m in _FAMILY.finditer(text):
        name = m.group(1)
        key = name.casefold()
        if key in _NOT_FAMILY or key in _NOT_SURNAME:
            continue
        if name[0].isupper() or key in folded("surnames.txt") or _is_name(name):
            yield "name", m.start(1), m.end(1)


def find_names(text: str) -> Iterator[Span]:
    yield from _find_titled(text)
    yield from _find_words(text)
    yield from _find_families(text)
