"""Hostile archives for the tests, written a megabyte at a time so building one stays small.

A bomb is a real zip (or .xlsx or .docx) whose one large entry is a little real content
padded with repeats that compress about a thousand to one.
"""

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook

MIB = 1024 * 1024


def padded_zip(
    path: Path,
    member: str,
    *,
    head: bytes,
    pad: bytes,
    size: int,
    tail: bytes = b"",
    others: dict[str, bytes] | None = None,
) -> Path:
    """A zip whose `member` is head, then `pad` repeated to `size` bytes, then tail."""
    block = pad * (MIB // len(pad))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (others or {}).items():
            archive.writestr(name, content)
        with archive.open(member, "w", force_zip64=True) as out:
            out.write(head)
            written = len(head)
            while written < size:
                piece = block[: size - written]
                out.write(piece)
                written += len(piece)
            out.write(tail)
    return path


def cases_csv_bomb(path: Path, size: int = 500 * MIB) -> Path:
    """The issue's bomb: a zipped cases.csv with one row, then `size` bytes of newlines."""
    head = (
        b"reference,procedure,directorate,service_area,received\n"
        b"COM/1,corporate,Place,Highways,2024-01-08\n"
    )
    return padded_zip(path, "export/cases.csv", head=head, pad=b"\n", size=size)


def _office_parts(make: str) -> dict[str, bytes]:
    """Every part of a small real .xlsx (from openpyxl) or .docx (by hand)."""
    if make == "xlsx":
        buffer = io.BytesIO()
        workbook = Workbook()
        workbook.active.title = "cases"
        workbook.active.append(["reference", "procedure"])
        workbook.save(buffer)
        with zipfile.ZipFile(buffer) as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    return {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
        "word/document.xml": b"<w:document/>",
    }


def xlsx_bomb(path: Path, size: int = 500 * MIB) -> Path:
    """A workbook whose sheet XML is padded with spaces between its rows."""
    parts = _office_parts("xlsx")
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts.pop(sheet)
    split = xml.index(b"<sheetData>") + len(b"<sheetData>")
    return padded_zip(path, sheet, head=xml[:split], pad=b" ", size=size, tail=xml[split:],
                      others=parts)  # fmt: skip


def docx_bomb(path: Path, size: int = 500 * MIB) -> Path:
    """A Word document whose document.xml is padded with spaces."""
    parts = _office_parts("docx")
    del parts["word/document.xml"]
    return padded_zip(path, "word/document.xml", head=b"<w:document>", pad=b" ", size=size,
                      tail=b"</w:document>", others=parts)  # fmt: skip


def measured(code: str) -> dict[str, float]:
    """Run `code` in a fresh Django process; its peak memory and time around the code.

    The code runs between two measurements and may set `result` (a string) to report.
    Returns {"seconds", "peak_mib" (whole process), "grew_mib" (peak after set-up minus
    peak before the code), "result"}.
    """
    script = f"""
import json, time, django
django.setup()
import complaintsdesk.exchange.importer, complaintsdesk.cases.services_documents, openpyxl
def peak():
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child of a large pytest
    # process would report the parent's peak; VmHWM belongs to this program's memory alone.
    with open("/proc/self/status") as status:
        line = next(x for x in status if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024  # kB
before = peak()
started = time.monotonic()
result = ""
{code}
print(json.dumps({{"seconds": time.monotonic() - started, "peak_mib": peak(),
                  "grew_mib": peak() - before, "result": result}}))
"""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def understated(path: Path, member: str, declared: int) -> Path:
    """Rewrite the zip's directory (and local header) to say `member` holds `declared` bytes."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, size_at in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        name_at = 46 if signature == b"PK\x01\x02" else 30
        start = data.find(signature)
        while start >= 0 and data[start + name_at : start + name_at + len(name)] != name:
            start = data.find(signature, start + 1)
        assert start >= 0, f"no {signature!r} header for {member}"
        data[start + size_at : start + size_at + 4] = declared.to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path
