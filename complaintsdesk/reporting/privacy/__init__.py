"""Find personal data in free text before it goes into a published report. Pure: no Django.

The 2023-24 report printed a child's first name in a learning ("...to ensure Keira's
immediate safety"). Every free-text field of a published edition is run through
`text_findings`; publication waits until each finding is redacted or accepted by a person.

The text is first made plain (normalise.py: zero-width characters, look-alike letters,
fullwidth digits), then each detector looks for one family of kinds. A finding gives its
kind and its span in the text as written, so the officer is told what and where.

The checker prefers false alarms to misses, but not so many that people stop reading them:
each detector's module says where it draws the line. tests/reporting_docs/privacy_corpus.tsv
holds the sentences it is measured on (`python -m bench.privacy_bench`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from complaintsdesk.reporting.privacy.addresses import find_addresses, find_postcodes
from complaintsdesk.reporting.privacy.contact import find_emails, find_phones
from complaintsdesk.reporting.privacy.dates import find_dates_of_birth
from complaintsdesk.reporting.privacy.identifiers import (
    find_case_system_ids,
    find_nhs_numbers,
    find_ni_numbers,
)
from complaintsdesk.reporting.privacy.lists import ambiguous_names, given_names
from complaintsdesk.reporting.privacy.names import find_names
from complaintsdesk.reporting.privacy.normalise import normalise

__all__ = [
    "KINDS",
    "Finding",
    "ambiguous_names",
    "finding_hash",
    "given_names",
    "redact",
    "text_findings",
]

KINDS: dict[str, str] = {
    "name": "Person's name",
    "title_name": "Title and surname",
    "date_of_birth": "Date of birth",
    "postcode": "Postcode",
    "address": "Street address",
    "phone": "Phone number",
    "email": "Email address",
    "case_system_id": "Case-system id",
    "nhs_number": "NHS number",
    "ni_number": "National Insurance number",
}

# Where two findings overlap, the earlier detector's wins: the more specific kind.
DETECTORS: tuple[Callable[[str], Iterable[tuple[str, int, int]]], ...] = (
    find_emails,
    find_nhs_numbers,
    find_ni_numbers,
    find_case_system_ids,
    find_dates_of_birth,
    find_phones,
    find_postcodes,
    find_addresses,
    find_names,
)


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KINDS
    text: str  # the matched words, exactly as written
    start: int  # span in the text as written
    end: int
    plain: str = ""  # the same words normalised: what the key is made from

    @property
    def label(self) -> str:
        return KINDS[self.kind]

    @property
    def key(self) -> str:
        """Stable id of this finding within its record: an acceptance is stored against it,
        never the personal data itself."""
        return finding_hash(self.kind, self.plain or self.text)

    def where(self) -> str:
        """What and where, without the words themselves: safe for a log or a refusal."""
        return f"{self.label} at characters {self.start + 1}–{self.end}"


def finding_hash(kind: str, text: str) -> str:
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha256(f"{kind}:{normalised}".encode()).hexdigest()


def text_findings(text: str) -> list[Finding]:
    """Every piece of `text` that looks like personal data, in reading order."""
    plain = normalise(text)
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for detect in DETECTORS:
        for kind, start, end in detect(plain.text):
            if start < end and all(end <= s or start >= e for s, e in taken):
                taken.append((start, end))
                o_start, o_end = plain.span(start, end)
                found.append(
                    Finding(kind, text[o_start:o_end], o_start, o_end, plain.text[start:end])
                )
    return sorted(found, key=lambda f: f.start)


def redact(text: str, findings: list[Finding]) -> str:
    """The text with each finding replaced by a neutral placeholder ("[name]")."""
    out, last = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        out.append(text[last : f.start])
        out.append("[name]" if f.kind in ("name", "title_name") else f"[{f.label.lower()}]")
        last = f.end
    out.append(text[last:])
    return "".join(out)
