"""Undo the Unicode tricks that hide personal data from a pattern, keeping the way back.

A zero-width space inside "Ke\u200bira", a soft hyphen, Cyrillic "Кеira", fullwidth "０７７００"
or a combining accent all read as the plain word to a person. The detectors run on the plain
text; `offsets` maps each of its characters back to the original, so a finding names the
words exactly as they were written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from unidecode import unidecode

# Curly quotes and dashes as the patterns know them; currency signs stay as written, so
# "€12345" never reads as letters and digits.
_PUNCTUATION = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-", "‑": "-"}


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


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
    if char in _PUNCTUATION:
        return _PUNCTUATION[char]
    folded = unicodedata.normalize("NFKC", char)
    if folded.isascii():
        return folded
    if folded in _PUNCTUATION:
        return _PUNCTUATION[folded]
    if char.isspace():
        return " "
    # Look-alike letters and digits of other scripts, accented letters: their ASCII twin.
    return "".join(unidecode(c) if c.isalnum() else c for c in folded)


def normalise(text: str) -> Normalised:
    if text.isascii():
        return Normalised(text, None)  # nothing to undo: most text
    table = {ord(c): _plain(c) for c in set(_NON_ASCII.findall(text))}
    if all(len(p) == 1 for p in table.values()):
        # Each character stands for one ("’" for "'"): same offsets, one C-level pass.
        return Normalised(text.translate(table), None)
    out: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        plain = table.get(ord(char), char)
        out.append(plain)
        offsets.extend([i] * len(plain))
    return Normalised("".join(out), tuple(offsets))
