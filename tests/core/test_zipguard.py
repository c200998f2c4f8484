"""The zip guard: limits checked from the directory before inflating, and what is read
counted as it is read, whatever the directory claims."""

import io
import zipfile

import pytest

from complaintsdesk.core.zipguard import (
    MIB,
    Budget,
    ZipLimits,
    ZipRefused,
    bounded_open,
    zip_check,
    zip_inflate_all,
)
from tests.bombs import padded_zip, understated

ROOMY = ZipLimits(max_entries=10, max_bytes=64 * MIB, max_ratio=100)


def archive_of(entries: dict[str, bytes]) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return zipfile.ZipFile(buffer)


def test_too_many_entries():
    archive = archive_of({f"{n}.csv": b"x" for n in range(11)})
    with pytest.raises(ZipRefused, match="^holds 11 files, more than the 10 allowed$"):
        zip_check(archive, ROOMY)
    zip_check(archive_of({f"{n}.csv": b"x" for n in range(10)}), ROOMY)


def test_too_large_in_all_from_the_declared_sizes():
    archive = archive_of({"a.csv": bytes(range(256)) * 2048, "b.csv": bytes(range(256)) * 2048})
    limits = ZipLimits(max_entries=10, max_bytes=MIB - 1, max_ratio=1000)
    with pytest.raises(ZipRefused, match=r"^would expand to 1\.0 MB, more than the 1,024 KB"):
        zip_check(archive, limits)


def test_compression_ratio_is_limited_for_large_entries_only():
    small = archive_of({"spaces.xml": b" " * (MIB // 2)})  # far over 100 to 1, but small
    zip_check(small, ROOMY)
    large = archive_of({"spaces.xml": b" " * (2 * MIB)})
    with pytest.raises(ZipRefused, match=r"^has a part \(spaces.xml\) compressed [\d,]+ to 1, "):
        zip_check(large, ROOMY)


def test_a_plain_stream_is_counted_as_it_is_read():
    budget = Budget(MIB)
    with bounded_open(io.BytesIO(b"x" * MIB), budget=budget) as stream:
        assert len(stream.read()) == MIB  # exactly the budget is fine
    with pytest.raises(ZipRefused, match="^goes past 1.0 MB read in all, the most allowed$"):
        with bounded_open(io.BytesIO(b"y"), budget=budget) as stream:
            stream.read()


def test_an_entry_that_understates_its_size_is_never_inflated_past_it(tmp_path):
    # The directory says 1,000 bytes; the data inflates to 20 MB. Zipfile stops at what the
    # directory says, and the checksum then fails: the lie costs a kilobyte, not 20 MB.
    path = padded_zip(tmp_path / "liar.zip", "cases.csv", head=b"a\n", pad=b"\n", size=20 * MIB)
    understated(path, "cases.csv", 1000)
    with zipfile.ZipFile(path) as archive:
        zip_check(archive, ROOMY)  # the directory alone looks harmless
        with pytest.raises(zipfile.BadZipFile, match="Bad CRC-32"):
            zip_inflate_all(archive, ROOMY)
        inflated = 0
        with pytest.raises(zipfile.BadZipFile), archive.open("cases.csv") as member:
            while chunk := member.read(4096):
                inflated += len(chunk)
        assert inflated <= 1000
