"""Find personal data in free text before it goes into a published report. Pure: no Django.

The 2023-24 report printed a child's first name in a learning ("...to ensure Keira's
immediate safety"). Every free-text field of a published edition is run through
`text_findings`; publication waits until each finding is redacted or accepted by a person.

The checker prefers false alarms to misses, but not so many that people stop reading them:
capitalised words count as names only from a list of given names, and given names that are
also ordinary words ("Grace", "May", "Will") only as a possessive ("Grace's").
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

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


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KINDS
    text: str  # the matched words, exactly as written
    start: int
    end: int

    @property
    def label(self) -> str:
        return KINDS[self.kind]

    @property
    def key(self) -> str:
        """Stable id of this finding within its record: an acceptance is stored against it,
        never the personal data itself."""
        return finding_hash(self.kind, self.text)


def finding_hash(kind: str, text: str) -> str:
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha256(f"{kind}:{normalised}".encode()).hexdigest()


@cache
def _names(file: str) -> frozenset[str]:
    lines = (DATA / file).read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip() for s in lines if s.strip() and not s.startswith("#"))


def given_names() -> frozenset[str]:
    return _names("given_names.txt")


def ambiguous_names() -> frozenset[str]:
    return _names("ambiguous_names.txt")


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}})"
_STREET = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Gardens|Place|Court|"
    r"Terrace|Grove|Rise|Mews|Row|Walk|Square|Parade|View|Hill)"
)

# Order matters only for overlaps: an earlier pattern's match wins.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    # A date is personal only next to words that make it a birth date.
    (
        "date_of_birth",
        re.compile(
            rf"\b(?:born(?:\s+on)?|d\.?o\.?b\.?|date\s+of\s+birth)\s*[:\-]?\s*(?:is\s+)?{_DATE}",
            re.IGNORECASE,
        ),
    ),
    ("postcode", re.compile(r"\b(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b")),
    ("address", re.compile(rf"\b\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][a-z]+\s+){{1,3}}{_STREET}\b")),
    ("phone", re.compile(r"(?<![\w+])(?:\+44\s?\(0\)\s?|\+44\s?|0)\d(?:[\s-]?\d){8,9}(?!\d)")),
    ("ni_number", re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")),
    # Children's case-system and other record ids: letters then five or more digits.
    ("case_system_id", re.compile(r"\b[A-Z]{2,5}[-/]?\d{5,}\b")),
    ("nhs_number", re.compile(r"(?<!\d)\d{3}[\s-]?\d{3}[\s-]?\d{4}(?!\d)")),
    (
        "title_name",
        # Two letters at least: "Mrs X" is the Ombudsman's own anonymisation, not a name.
        re.compile(
            r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?\s+"
            r"(?:[A-Z]['’][A-Z][a-z]+|[A-Z][a-z]+(?:[A-Z][a-z]+)?)(?:-[A-Z][a-z]+)?\b"
        ),
    ),
)
_WORD = re.compile(r"\b([A-Z][a-z]+)(['’]s\b)?(?![\w'’])")


def _nhs_valid(digits: str) -> bool:
    """The NHS number's modulus-11 check digit: keeps ordinary 10-digit numbers out."""
    if len(digits) != 10:
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def text_findings(text: str) -> list[Finding]:
    """Every piece of `text` that looks like personal data, in reading order."""
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if kind == "nhs_number" and not _nhs_valid(re.sub(r"\D", "", m.group())):
                continue
            if free(m.start(), m.end()):
                found.append(Finding(kind, m.group(), m.start(), m.end()))
                taken.append((m.start(), m.end()))
    names, ambiguous = given_names(), ambiguous_names()
    for m in _WORD.finditer(text):
        word, possessive = m.group(1), m.group(2)
        if word in names or (possessive and word in ambiguous):
            if free(m.start(1), m.end(1)):
                found.append(Finding("name", word, m.start(1), m.end(1)))
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
