"""Zip archives (imports, .xlsx workbooks, Office uploads) opened within fixed limits. PURE.

Before anything is inflated, `zip_check` reads the directory: how many entries, how large
they say they are together, and how far each is compressed. Declared sizes can lie, so what
is then read goes through `BoundedStream`, which counts the bytes actually read against a
`Budget` and stops past it. (Python's zipfile also stops each entry at its declared size and
fails its checksum if the data runs on.) Nothing here holds more than a chunk in memory.

Refusals are `ZipRefused`, whose message completes "The file ..." or "it ...".
"""

import io
import zipfile
from dataclasses import dataclass
from typing import IO

CHUNK = 1024 * 1024
MIB = 1024 * 1024
# Small entries may compress far (a page of spaces) without harm; the ratio limit is for
# entries large enough to matter.
RATIO_FROM_BYTES = MIB


class ZipRefused(ValueError):
    """The archive would break a limit; the message says which, in words."""


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int
    max_bytes: int  # uncompressed, all entries together
    max_ratio: int  # uncompressed size / compressed size, per entry


def size_words(size: int) -> str:
    if size < 1024:
        return f"{size:,} bytes"
    if size < MIB:
        return f"{size / 1024:,.0f} KB"
    return f"{size / MIB:,.1f} MB" if size < 1024 * MIB else f"{size / (1024 * MIB):,.1f} GB"


class Budget:
    """Bytes that may still be read from one source, spent as they are inflated."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def spend(self, count: int) -> None:
        self.used += count
        if self.used > self.limit:
            raise ZipRefused(f"goes past {size_words(self.limit)} read in all, the most allowed")


def zip_check(archive: zipfile.ZipFile, limits: ZipLimits) -> None:
    """Refuse the archive from its directory alone, before inflating anything."""
    entries = archive.infolist()
    if len(entries) > limits.max_entries:
        raise ZipRefused(
            f"holds {len(entries):,} files, more than the {limits.max_entries:,} allowed"
        )
    total = 0
    for info in entries:
        total += info.file_size
        _ratio_check(info, limits)
    if total > limits.max_bytes:
        raise ZipRefused(
            f"would expand to {size_words(total)}, more than the "
            f"{size_words(limits.max_bytes)} allowed"
        )


def _ratio_check(info: zipfile.ZipInfo, limits: ZipLimits) -> None:
    if info.file_size < RATIO_FROM_BYTES:
        return
    ratio = info.file_size / max(info.compress_size, 1)
    if ratio > limits.max_ratio:
        raise ZipRefused(
            f"has a part ({info.filename}) compressed {ratio:,.0f} to 1, more than the "
            f"{limits.max_ratio} to 1 allowed: a zip bomb, or a file padded with repeats"
        )


class BoundedStream(io.RawIOBase):
    """A readable stream that counts what passes against a budget, and refuses past it."""

    def __init__(self, source: IO[bytes], *, budget: Budget) -> None:
        super().__init__()
        self._source = source
        self._budget = budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]
        data = self._source.read(min(len(buffer), CHUNK))
        count = len(data)
        buffer[:count] = data
        self._budget.spend(count)
        return count

    def close(self) -> None:
        self._source.close()
        super().close()


def bounded_open(source: IO[bytes], *, budget: Budget) -> io.BufferedReader:
    """Any byte stream (a plain file), counted against the budget as it is read."""
    return io.BufferedReader(BoundedStream(source, budget=budget), CHUNK)


def member_open(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, budget: Budget
) -> io.BufferedReader:
    """One entry as a buffered stream, inflated a chunk at a time within the budget."""
    return bounded_open(archive.open(info), budget=budget)


def zip_inflate_all(archive: zipfile.ZipFile, limits: ZipLimits) -> None:
    """Check the directory, then inflate every entry (discarding it) to prove the sizes true.

    For archives read by other code (openpyxl, a word processor) that cannot be bounded
    while it reads: afterwards their sizes are known to hold.
    """
    zip_check(archive, limits)
    budget = Budget(limits.max_bytes)
    for info in archive.infolist():
        with member_open(archive, info, budget=budget) as stream:
            while stream.read(CHUNK):
                pass
