"""Zip bombs: refused in seconds, with memory bounded, whatever they would inflate to.

Each runs in a fresh process so its peak memory (ru_maxrss) is its own; the figures are
printed for the record (`pytest -s`). The bound is the documented 512 MB for the whole
process, and the refusal itself must add almost nothing to what Django already holds.
"""

import random

from tests.bombs import (
    MIB,
    cases_csv_bomb,
    docx_bomb,
    measured,
    padded_zip,
    understated,
    xlsx_bomb,
)

BOUND_MIB = 512  # docs/operations.md, "Limits on imported and uploaded files"
SECONDS = 5

IMPORT = """
from complaintsdesk.exchange.importer import exchange_import
from complaintsdesk.exchange.errors import ExchangeImportError
try:
    exchange_import(path={path!r})
except ExchangeImportError as refused:
    result = str(refused)
"""


def assert_bounded(figures: dict, name: str) -> None:
    print(f"\n{name}: {figures['seconds']:.3f} s, peak {figures['peak_mib']:.0f} MiB, "
          f"grew {figures['grew_mib']:.1f} MiB")  # fmt: skip
    assert figures["seconds"] < SECONDS
    assert figures["peak_mib"] < BOUND_MIB
    assert figures["grew_mib"] < 32


def test_the_issues_zip_bomb_is_refused_in_seconds_within_the_bound(tmp_path):
    # 500 KB of zip; a cases.csv of one row and 500 MB of newlines once inflated.
    path = cases_csv_bomb(tmp_path / "export.zip")
    assert path.stat().st_size < MIB
    figures = measured(IMPORT.format(path=str(path)))
    assert figures["result"] == (
        "export.zip:1:-: refused before reading: it has a part (export/cases.csv) compressed "
        "1,029 to 1, more than the 100 to 1 allowed: a zip bomb, or a file padded with repeats"
    )
    assert_bounded(figures, "zip bomb")


def test_a_zip_bomb_that_understates_its_size_is_refused_within_the_bound(tmp_path):
    # The directory claims 1,000 bytes, so every check before reading passes; reading stops
    # at what the directory claims and the checksum gives the lie away.
    path = understated(cases_csv_bomb(tmp_path / "export.zip", 64 * MIB), "export/cases.csv",
                       1000)  # fmt: skip
    figures = measured(IMPORT.format(path=str(path)))
    assert figures["result"] == (
        "export.zip:1:-: cannot be read as a .zip file (Bad CRC-32 for file 'export/cases.csv')"
    )
    assert_bounded(figures, "understated zip bomb")


def test_an_xlsx_bomb_is_refused_before_the_workbook_is_opened(tmp_path):
    path = xlsx_bomb(tmp_path / "exchange.xlsx", 200 * MIB)
    figures = measured(IMPORT.format(path=str(path)))
    assert figures["result"].startswith(
        "exchange.xlsx:1:-: refused before reading: it has a part (xl/worksheets/sheet1.xml) "
        "compressed 1,02"
    )
    assert_bounded(figures, "xlsx bomb")


def test_a_docx_bomb_is_refused_as_a_document(tmp_path):
    path = docx_bomb(tmp_path / "letter.docx", 200 * MIB)
    figures = measured(f"""
from complaintsdesk.cases.services_documents import DocumentRefused, document_sniff
try:
    document_sniff(open({str(path)!r}, "rb").read())
except DocumentRefused as refused:
    result = str(refused)
""")
    assert figures["result"].startswith(
        "The file cannot be accepted: it has a part (word/document.xml) compressed 1,02"
    )
    assert_bounded(figures, "docx bomb")


def test_a_bomb_under_the_ratio_limit_is_refused_by_its_size(tmp_path):
    # Runs of 128 random bytes compress about 55 to 1: past the ratio check, not the size.
    rng = random.Random(9)
    pad = b"".join(bytes([rng.randrange(256)]) * 128 for _ in range(512))
    path = padded_zip(tmp_path / "export.zip", "cases.csv", head=b"reference\n", pad=pad,
                      size=150 * MIB)  # fmt: skip
    figures = measured(IMPORT.format(path=str(path)))
    assert figures["result"] == (
        "export.zip:1:-: refused before reading: it would expand to 150.0 MB, more than the "
        "48.0 MB allowed"
    )
    assert_bounded(figures, "zip bomb under the ratio limit")
