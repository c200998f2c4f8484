"""NHS numbers, National Insurance numbers, children's case-system record ids and pupil numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.gb import nhs

Span = tuple[str, int, int]
_ANY_DIGIT = re.compile(r"\d")

_NHS = re.compile(r"(?<![\d-])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\d-])")
_NHS_CUE = re.compile(r"\bNHS\b(?:\s+(?:no\b\.?|number|num\b\.?|#))?\s*[:.-]?\s*$", re.IGNORECASE)

_NI = re.compile(r"\b([A-Z]{2})[\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}[\s-]?[A-D]\b", re.IGNORECASE)
_NI_CUE = re.compile(
    r"\b(?:national\s+insurance|N\.?I\.?N\.?O?|NI)\b(?:\s+(?:no\b\.?|number))?\s*[:.-]?\s*$",
    re.IGNORECASE,
)
# HMRC never issues these prefixes, nor D, F, I, Q, U or V first, nor D, F, I, O, Q, U or V
# second: a sentence's "AB 12 34 56 C" without the words "NI number" must look issued.
_NI_NEVER = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})

_SYSTEMS = (
    r"mosaic|lcs|liquid\s?logic|eclipse|care\s?first|frameworki|azeus|protocol|contrOCC"
    r"|capita\s+one|synergy|systm\s?one|ehm|cin|cp"
)
_CUE_KEYS = (
    *"mosaic lcs liquid logic eclipse care first frameworki azeus protocol controcc".split(),
    *"capita synergy systm ehm cin cp person child client subject pupil".split(),
)
_CUE_ID = re.compile(
    rf"\b(?:(?:{_SYSTEMS})(?:\s+(?:person|child|client|case|record|subject))?"
    r"|(?:person|child|client|subject|pupil)\s+(?=id\b|no\b|number|ref|record))"
    r"\s*\(?(?P<connector>(?:\s*(?:id\b|no\b\.?|number|num\b\.?|ref\b\.?|reference|record|#)"
    r"(?:\s+(?:is|was)\b)?){0,2})"
    r"\s*[:#.-]?\s*(?P<id>[A-Z]{0,4}[-/]?\d[\d\s/-]{2,}\d)(?!\d)",
    re.IGNORECASE,
)
# Letters then five or more digits (CSC123456, EHM-12345): a record id whatever the system.
# In lower case only with a system's own prefix ("ehm-12345"), not "mt19937" or "pull/12605".
_ID = re.compile(r"\b([A-Z]{2,5}|(?i:ehm|lcs|csc|ics|cin|cp))[-/]?\d{5,}\b")
# A social-care prefix, a year and a serial (CIN/2024/0199, CP-23-0042, mash/24/118): how
# case records are numbered; not a committee's "SC/2024/117".
_YEAR_SERIAL_ID = re.compile(
    r"\b((?i:cin|cpp?|cla|lac|cic|ehm|eha?|mash|csc|pla))[-/](?:19|20)?\d\d[-/]\d{3,}\b"
)
# A child's Unique Pupil Number: a check letter and twelve digits (A123456789012).
_UPN = re.compile(r"\b[A-Z]\d{12}\b")
_YEAR = re.compile(r"(?:19|20)\d\d")
_YEARS = re.compile(r"(?:19|20)\d\d\s*[-/]\s*(?:19|20)?\d\d")
# The council's own paperwork, not a person's record: "policy reference SG-000123", "form
# CF-10234"; the word right before the id, or before its "ref"/"no.".
_PAPERWORK = re.compile(
    r"\b(?:policy|procedure|guidance|form|invoice|contract|order|purchase|budget|cost\s+code"
    r"|template|document|tender|grant|standard|version|paragraph)"
    r"(?:\s+(?:ref(?:erence)?|no|number|code|id)\b)?\.?\s*[:#-]?\s*$",
    re.IGNORECASE,
)
# Public references, not a person's record.
_PUBLIC = frozenset({"LGSCO", "FOI", "SI", "ISBN", "VAT", "UKPRN", "URN", "ISO", "BS", "EN", "GB"})


def _cued(text: str, start: int, cue: re.Pattern[str]) -> bool:
    return bool(cue.search(text[max(0, start - 30) : start]))


def find_nhs_numbers(text: str) -> Iterator[Span]:
    if len(_ANY_DIGIT.findall(text)) < 10:
        return  # an NHS number has ten digits
    for m in _NHS.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        # The check digit keeps ordinary ten-digit numbers out, unless the words say "NHS".
        if nhs.is_valid(digits) or _cued(text, m.start(), _NHS_CUE):
            yield "nhs_number", m.start(), m.end()


def find_ni_numbers(text: str) -> Iterator[Span]:
    if len(_ANY_DIGIT.findall(text)) < 6:
        return  # an NI number has six digits
    for m in _NI.finditer(text):
        prefix = m.group(1).upper()
        issued = (
            prefix[0] not in "DFIQUV" and prefix[1] not in "DFIOQUV" and prefix not in _NI_NEVER
        )
        if issued or _cued(text, m.start(), _NI_CUE):
            yield "ni_number", m.start(), m.end()


def find_case_system_ids(text: str) -> Iterator[Span]:
    if len(_ANY_DIGIT.findall(text)) < 4:
        return  # every id here has four digits or more
    for m in _UPN.finditer(text):
        yield "case_system_id", m.start(), m.end()
    for m in (*_ID.finditer(text), *_YEAR_SERIAL_ID.finditer(text)):
        if m.group(1).upper() in _PUBLIC or _PAPERWORK.search(
            text, max(0, m.start() - 30), m.start()
        ):
            continue
        yield "case_system_id", m.start(), m.end()
    lower = text.lower()
    if not any(k in lower for k in _CUE_KEYS):
        return
    for m in _CUE_ID.finditer(text):
        record = m.group("id")
        digits = re.sub(r"\D", "", record)
        # Five digits or more; four after an explicit "ID", "no." or "ref", unless a year.
        enough = len(digits) >= 5 or (
            len(digits) == 4 and m.group("connector").strip() != "" and not _YEAR.fullmatch(digits)
        )
        if enough and not _YEARS.fullmatch(record):
            yield "case_system_id", m.start("id"), m.end("id")
