"""A CSV that is not well formed is refused at the row and column where it goes wrong, and
nothing is written; every read is bounded by the limits in settings."""

import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from complaintsdesk.cases.models import Case
from complaintsdesk.exchange.errors import ExchangeImportError
from complaintsdesk.exchange.importer import exchange_import
from complaintsdesk.exchange.writer import exchange_export
from tests.exchange.conftest import (
    VALID_ROWS,
    database_empty,
    table_counts,
    write_folder,
    write_xlsx,
    write_zip,
)

pytestmark = pytest.mark.django_db

QUOTE_HINT = 'put the whole cell in quotes, and write each quote inside it twice ("")'


@pytest.fixture
def loaded(tmp_path):
    """The valid files already imported, so a refused import has something to spoil."""
    exchange_import(path=write_folder(tmp_path / "before", VALID_ROWS))
    return table_counts()


def refused(path) -> list[str]:
    with pytest.raises(ExchangeImportError) as error:
        exchange_import(path=path)
    return error.value.lines


def broken_cases(tmp_path, rows, old: bytes, new: bytes):
    """The files, with `old` replaced by `new` once in the raw bytes of cases.csv."""
    folder = write_folder(tmp_path / "in", rows)
    data = (folder / "cases.csv").read_bytes()
    assert data.count(old) == 1
    (folder / "cases.csv").write_bytes(data.replace(old, new))
    return folder


def test_a_quote_left_open_is_refused_where_it_opens_and_nothing_is_written(tmp_path, rows, loaded):
    # The issue's import: row 2's summary opens a quote that never closes, so the rows after
    # it, a restricted case's summary among them, would become row 2's summary.
    rows["cases.csv"][2]["summary"] = "Private: about the child"
    rows["cases.csv"][0]["summary"] = "Changed, but must not be saved"
    folder = broken_cases(
        tmp_path, rows, b'"Changed, but must not be saved"', b'"Changed, but must not be saved'
    )

    assert refused(folder) == [
        "cases.csv:2:summary: opens a quote that is never closed, so the 5 lines after it would "
        "be read into this one cell: close the quote, and write each quote inside a quoted cell "
        'twice ("")'
    ]
    assert table_counts() == loaded
    assert Case.objects.get(reference="COM/1").summary == "Missed visits, twice"


def test_a_quote_left_open_and_closed_by_a_later_row_is_refused_where_it_opened(tmp_path, rows):
    rows["cases.csv"][4]["summary"] = "Late, again"  # quoted in the file: it has a comma
    folder = broken_cases(tmp_path, rows, b'"Missed visits, twice"', b'"Missed visits, twice')

    # The quote that opens row 6's summary closes row 2's, and the text after it gives it away.
    [line] = refused(folder)
    assert line.startswith(
        "cases.csv:2:summary: has text after the quote that closes the cell ('Late, agai')"
    )
    assert line.endswith(
        "(this row began on line 2 and runs to line 6: a quote left open there joins the "
        "lines after it into one cell)"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (b"Roads,2024", b'Ro"ads,2024',
         f"cases.csv:3:team: has a quote inside a cell that does not begin with one: {QUOTE_HINT}"),
        (b'"Missed visits, twice"', b'"Missed visits," twice',
         "cases.csv:2:summary: has text after the quote that closes the cell (' twice,fal'): "
         + QUOTE_HINT),
        (b"East,2024-04-02,,,,,,,,,,,", b"East,2024-04-02",
         "cases.csv:5:channel: is missing: the row has 6 cells, but the header has 17 columns"),
        (b"North,2024-05-13,,,,,,,,,,,", b"North,2024-05-13,,,,,,,,,,,,x",
         "cases.csv:6:column 18: is beyond the header: the row has 18 cells, but the header has "
         "17 columns"),
        (b"Highways,Roads", b"Highways,Ro\x00ads",
         "cases.csv:3:team: contains a NUL character: the file is damaged"),
        (b"COM/10,corporate", b"COM/10,corpor\xe9te",
         'cases.csv:7:procedure: is not UTF-8 text: save the file as "CSV UTF-8" and import '
         "again"),
    ],
    ids=["stray quote", "text after a closing quote", "short row", "long row", "NUL", "not UTF-8"],
)  # fmt: skip
def test_malformed_csv_is_refused_at_its_row_and_column(tmp_path, rows, loaded, old, new, expected):
    assert refused(broken_cases(tmp_path, rows, old, new)) == [expected]
    assert table_counts() == loaded


def test_the_same_faults_are_found_inside_a_zip(tmp_path, rows, loaded):
    folder = broken_cases(tmp_path, rows, b"Highways,Roads", b'Highways,Ro"ads')
    lines = refused(write_zip(tmp_path / "export.zip", folder))
    assert lines[0].startswith("cases.csv:3:team: has a quote inside a cell")
    assert table_counts() == loaded


def test_blank_rows_and_spreadsheet_line_endings_are_still_fine(tmp_path, rows):
    folder = write_folder(tmp_path / "in", rows)  # with \r\n, as Excel writes
    data = (folder / "cases.csv").read_bytes()
    assert data.count(b"\r\n") == 7
    (folder / "cases.csv").write_bytes(b"\xef\xbb\xbf" + data + b"\r\n,,,,,,,,,,,,,,,\r\n")
    assert exchange_import(path=folder).created["cases.csv"] == 6


def test_row_and_cell_limits_come_from_settings(tmp_path, rows, settings):
    folder = write_folder(tmp_path / "in", rows)
    # 7 rows in cases.csv (the header too), then 3 in compliments.csv: 10 in all.
    settings.INPUT_LIMITS = {**settings.INPUT_LIMITS, "IMPORT_MAX_ROWS": 9}
    assert refused(folder) == [
        "compliments.csv:3:-: takes the import past 9 rows, the most one import may read: "
        "import the files in parts (a year at a time, say)"
    ]
    settings.INPUT_LIMITS = {**settings.INPUT_LIMITS, "IMPORT_MAX_ROWS": 100,
                             "IMPORT_MAX_CELL_CHARS": 20}  # fmt: skip
    assert refused(folder)[0] == "cases.csv:2:service_area: is longer than 20 characters"


def test_the_bytes_an_import_reads_are_bounded_for_plain_files_too(tmp_path, rows, settings):
    folder = write_folder(tmp_path / "in", rows)
    settings.INPUT_LIMITS = {**settings.INPUT_LIMITS, "IMPORT_MAX_BYTES": 1024}
    assert refused(folder) == [
        "equality.csv:1:-: refused: it goes past 1 KB read in all, the most allowed"
    ]


def test_zip_limits_come_from_settings(tmp_path, rows, settings):
    archive = write_zip(tmp_path / "export.zip", write_folder(tmp_path / "in", rows))
    settings.INPUT_LIMITS = {**settings.INPUT_LIMITS, "ZIP_MAX_ENTRIES": 5}
    assert refused(archive) == [
        "export.zip:1:-: refused before reading: it holds 6 files, more than the 5 allowed"
    ]


def test_a_workbook_cell_beyond_the_header_is_refused(tmp_path, rows):
    path = write_xlsx(tmp_path / "exchange.xlsx", rows)
    workbook = load_workbook(path)
    workbook["cases"]["Z4"] = "stray"
    workbook["cases"]["XFD1"] = None  # a formatted, empty cell far right is not a column
    workbook.save(path)
    assert refused(path) == [
        "cases.csv:4:column 18: has more cells than the header has columns",
    ]


def test_a_workbook_is_checked_as_a_zip_before_it_is_opened(tmp_path, rows, settings):
    path = write_xlsx(tmp_path / "exchange.xlsx", rows)
    with zipfile.ZipFile(path) as archive:
        parts = len(archive.infolist())
    settings.INPUT_LIMITS = {**settings.INPUT_LIMITS, "ZIP_MAX_ENTRIES": parts - 1}
    assert refused(path) == [
        f"exchange.xlsx:1:-: refused before reading: it holds {parts} files, "
        f"more than the {parts - 1} allowed"
    ]


def test_a_lone_carriage_return_is_text_as_the_exporter_writes_it(tmp_path, rows):
    rows["cases.csv"][1]["summary"] = "typed on an old Mac:\rline two"
    exchange_import(path=write_folder(tmp_path / "in", rows))
    exchange_export(directory=tmp_path / "out", today=date(2024, 12, 2))
    # The export quotes a cell with a lone CR, so any CSV reader keeps the row whole.
    assert b',"typed on an old Mac:\rline two",' in (tmp_path / "out" / "cases.csv").read_bytes()
    database_empty()
    exchange_import(path=tmp_path / "out")
    assert Case.objects.get(reference="COM/2").summary == "typed on an old Mac:\rline two"


def test_a_file_with_old_mac_line_endings_is_refused_with_a_hint(tmp_path, rows):
    folder = write_folder(tmp_path / "in", rows)
    (folder / "cases.csv").write_bytes((folder / "cases.csv").read_bytes().replace(b"\n", b"\r"))
    assert refused(folder) == [
        'cases.csv:1:-: ends its lines with CR alone (old Mac style): save it as "CSV UTF-8"'
    ]
