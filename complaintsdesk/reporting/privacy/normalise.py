"""Undo the Unicode tricks that hide personal data from a pattern, keeping the way back.

A zero-width space inside "Ke\u200bira", a soft hyphen, Cyrillic "Кеira", fullwidth "０７７００"
or a combining accent all read as the plain word to a person. The detectors run on the plain
text; `offsets` maps each of its characters back to the original, so a finding names the
words exactly as they were written.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from unidecode import unidecode

# Punctuation kept as written: the detectors know the curly apostrophe and the pound sign.
_KEEP = frozenset("’‘£–—")


@dataclass(frozen=True)
class Normalised:
    text: str
    offsets: tuple[int, ...] | None  # offsets[i]: index in the original of text[i]; None: same

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of text[start:end]."""
        if self.offsets is None:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1


def _plain(char: str) -> str:
    if unicodedata.category(char) in ("Cf", "Mn", "Me"):
        return ""  # invisible format characters and combining marks
    folded = unicodedata.normalize("NFKC", char)
    if folded.isascii() or char in _KEEP:
        return folded if folded.isascii() else char
    if char.isspace():
        return " "
    # Look-alike letters and digits of other scripts, accented letters: their ASCII twin.
    return "".join(unidecode(c) if c.isalnum() else c for c in folded)


def normalise(text: str) -> Normalised:
    if text.isascii():
        return Normalised(text, None)  # nothing to undo: most text
    out: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        plain = char if char.isascii() else _plain(char)
        out.append(plain)
        offsets.extend([i] * len(plain))
    return Normalised("".join(out), tuple(offsets))
