"""Postcodes and street addresses, in any case ("dt4 7aa", "7 marsh fields")."""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[str, int, int]
_ANY_DIGIT = re.compile(r"\d")

# Area letters as Royal Mail issues them (no Q, V, X first; no I, J, Z second), any case.
_POSTCODE = re.compile(
    r"\b(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d([ABD-HJLNP-UW-Z]{2}))\b", re.IGNORECASE
)
_STREET = (
    r"(?:road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|gardens|gdns"
    r"|place|pl|court|ct|terrace|grove|rise|mews|row|walk|square|sq|parade|view|hill|fields?"
    r"|park|green|meadows?|croft|heights|vale|yard|wharf|quay|bank|chase|boulevard|mount"
    r"|gate|cottages|villas|estate|drove|approach|end|hollow|paddock|orchard|glade|brow|path"
    r"|wynd|leaze|lea|hey|nook)"
)
_FLAT = r"(?:flat|apartment|apt\.?|maisonette)\s+\d{1,4}[a-z]?"
# The words between the house number and the street word: names, not prose ("6 weeks the
# Court" is no address), so each is capitalised, or lower case but no common word.
_COMMON = frozenset(
    "the a an of and or to in on at for by with from within after before over under per"
    " weeks days months years hours times children young people cases complaints working"
    " stages family families more than other new all each minute minutes mile miles hour"
    " second seconds degree degrees metre metres yard yards foot feet page pages point points"
    " word words way ways bedroom bedrooms car cars bus buses".split()
)
_NUMBERED = re.compile(
    rf"(?<![\w£$.,/-])\d{{1,4}}[a-z]?,?\s+((?:[a-z'’-]+\s+){{1,3}})({_STREET}s?)\b",
    re.IGNORECASE,
)
_FLAT_BEFORE = re.compile(rf"{_FLAT}\s*,?\s*$", re.IGNORECASE)
_FLAT_ALONE = re.compile(
    rf"\b{_FLAT}\b(?!\s*(?:%|per\s*cent|percent|pounds|of\b|out\b))", re.IGNORECASE
)
# "lives on Chapel Street", "moved to Marsh Fields": a street named as someone's home.
_HOME_STREET = re.compile(
    rf"\b(?:lives?|living|lived|resides|residing|moved|moving|address\s+is|staying|stays)"
    rf"\s+(?:at|in|on|to)\s+((?:[A-Z][a-z'’-]+\s+){{1,3}})(?i:{_STREET})\b"
)


# In lower case, only street words that prose does not use after a number ("a 10 minute
# drive", "a 5 minute walk" are not addresses).
_LOWER_STREET = frozenset(
    "road rd street avenue ave lane crescent gardens terrace grove mews fields meadows croft"
    " heights cottages villas view close drive way walk park rise green hill".split()
)


def _street_address(words: str, street: str) -> bool:
    words_ = words.split()
    if all(w[0].isupper() for w in words_) and street[0].isupper():
        return True
    singular = street.lower().removesuffix("s")
    lower_street = singular in _LOWER_STREET or street.lower() in _LOWER_STREET
    return lower_street and all(w.lower() not in _COMMON for w in words_)


def find_postcodes(text: str) -> Iterator[Span]:
    if not _ANY_DIGIT.search(text):
        return  # every pattern here has a digit
    for m in _POSTCODE.finditer(text):
        inward = m.group(1) or ""
        if inward.islower() and inward in ("st", "nd", "rd", "th"):
            continue  # "y6 2nd": an ordinal, not a postcode
        yield "postcode", m.start(), m.end()


def find_addresses(text: str) -> Iterator[Span]:
    if _ANY_DIGIT.search(text):
        for m in _NUMBERED.finditer(text):
            if _street_address(m.group(1), m.group(2)):
                # "Flat 2, 7 Marsh Fields": the flat and the street as one finding.
                flat = _FLAT_BEFORE.search(text, max(0, m.start() - 25), m.start())
                yield "address", flat.start() if flat else m.start(), m.end()
        for m in _FLAT_ALONE.finditer(text):
            yield "address", m.start(), m.end()
    for m in _HOME_STREET.finditer(text):
        yield "address", m.start(1), m.end()
