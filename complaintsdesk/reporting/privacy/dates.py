"""Dates of birth.

The rule: a date is personal when the words make it someone's birth date. Event dates ("on 3
April 2024 the panel met") are not, so a date needs one of:
- a birth cue ("born", "date of birth", "DOB", "birthday", "birth date") before it in the same
  sentence, at most a few words away ("DOB recorded wrongly as 3.4.12"), or just after it
  ("3 April 2012 (date of birth)"). After "born", "DOB" or "year of birth" a month and
  year, or a year alone, is enough ("born in April 2012", "DOB 04/2012", "born 2012");
- brackets or a comma straight after a child, an age or a given name: "her son
  (03/04/2012)", "Keira, 3.4.12,", "aged 11 (3 April 2012)".
"Birth" alone is not a cue: "her birth family" is no date of birth.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from complaintsdesk.reporting.privacy.lists import folded

Span = tuple[str, int, int]
_ANY_DIGIT = re.compile(r"\d")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_FULL_DATE = (
    rf"(?:\d{{1,2}}\s?[/.-]\s?\d{{1,2}}\s?[/.-]\s?(?:{_YEAR}|\d\d)"  # 03/04/2012, 3.4.12
    rf"|{_YEAR}-\d\d-\d\d"  # 2012-04-03
    rf"|{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}"  # 3rd of April 2012
    rf"|{_MONTH}\s+(?:the\s+)?{_DAY},?\s+{_YEAR})"  # April 3, 2012
)
_PARTIAL_DATE = rf"(?:{_MONTH},?\s+{_YEAR}|\d{{1,2}}\s?[/.-]\s?{_YEAR}|{_YEAR})"
_DATE = re.compile(rf"(?<![\w/.-])(?:{_FULL_DATE})(?![\w/-])", re.IGNORECASE)
_BORN_PARTIAL = re.compile(
    r"(?:\bborn|\byear\s+of\s+birth|\bdob|\bd\.\s?o\.\s?b\.?)[:\s-]+(?:(?:in|on|during|is|was)\s+)?"
    rf"({_PARTIAL_DATE})(?![\w/-])",
    re.IGNORECASE,
)
_CUE = re.compile(
    r"\b(?:born|(?:date|year)\s+of\s+birth|birth\s*date|birthday|dob)\b|\bd\.\s?o\.\s?b\b\.?",
    re.IGNORECASE,
)
# "her son (03/04/2012)", "Keira, 3.4.12,", "aged 11 (3 April 2012)": a date straight after
# a child or a name.
_SUBJECT = re.compile(
    r"\b(?:(son|daughter|child|grandson|granddaughter|brother|sister|sibling|baby|boy|girl"
    r"|young\s+person|pupil|aged\s+\d{1,2})|([A-Za-z]+))\s*[(,]\s*(?:b\.?\s*|d\.?o\.?b\.?:?\s*)?$",
    re.IGNORECASE,
)
# Cue, then at most seven words ("was recorded wrongly as"), then the date; no sentence break.
_GAP_BEFORE = re.compile(r"^[^.;!?]{0,50}$")
_GAP_WORDS = 7
_GAP_AFTER = re.compile(
    r"^[\s,]*(?:\(|-|is\s+(?:her|his|their)|was\s+(?:her|his|their))?\s*$", re.IGNORECASE
)


def _after_a_child(before: str) -> bool:
    m = _SUBJECT.search(before)
    if not m:
        return False
    name = m.group(2)
    return name is None or (
        name.casefold() in folded("given_names.txt")
        or name.casefold() in folded("other_given_names.txt")
    )


def _near(gap: str) -> bool:
    return bool(_GAP_BEFORE.match(gap)) and len(gap.split()) <= _GAP_WORDS


def find_dates_of_birth(text: str) -> Iterator[Span]:
    if not _ANY_DIGIT.search(text):
        return  # every pattern here has a digit
    cues = [(m.start(), m.end()) for m in _CUE.finditer(text)]
    if not cues and "(" not in text and "," not in text:
        return  # a date of birth needs a cue, or brackets or a comma after the child
    for m in _DATE.finditer(text):
        before = [c for c in cues if c[1] <= m.start() and _near(text[c[1] : m.start()])]
        after = [c for c in cues if c[0] >= m.end() and _GAP_AFTER.match(text[m.end() : c[0]])]
        if before or after or _after_a_child(text[max(0, m.start() - 40) : m.start()]):
            yield "date_of_birth", m.start(), m.end()
    for m in _BORN_PARTIAL.finditer(text):
        yield "date_of_birth", m.start(1), m.end(1)
