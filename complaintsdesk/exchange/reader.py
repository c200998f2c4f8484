"""Read an exchange folder, `.zip`, `.xlsx` workbook or single `.csv` into raw text tables.

Every cell comes out as a string ("" when empty) so one validator serves all three sources;
workbook dates, numbers and booleans are turned into the text a CSV would hold.

Everything is read within `ReadLimits`: archives are checked before they are opened and
bounded while they inflate (`core.zipguard`), CSV is parsed strictly from a stream
(`csv_strict`), and workbooks are read row by row, so memory holds the rows, never a file.
"""

import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import BinaryIO

from complaintsdesk.core.zipguard import (
    Budget,
    ZipLimits,
    ZipRefused,
    bounded_open,
    member_open,
    zip_check,
    zip_inflate_all,
)
from complaintsdesk.exchange.csv_strict import (
    CsvLimits,
    CsvRefused,
    CsvTooLong,
    csv_rows,
    rows_refusal,
)
from complaintsdesk.exchange.errors import WHOLE_FILE, Problem


@dataclass(frozen=True)
class ReadLimits:
    archive: ZipLimits  # its max_bytes bounds everything one import reads, zipped or not
    csv: CsvLimits


@dataclass
class Table:
    name: str  # the exchange file name, lower case: "cases.csv"
    header: list[str]  # column names as written, trimmed and lower-cased
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number, cells)


class _Refused(Exception):
    """A limit was passed: stop reading everything, report this one problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


Opener = Callable[[], BinaryIO]


def read_tables(path: Path | str, limits: ReadLimits) -> tuple[dict[str, Table], list[Problem]]:
    """The tables found at `path`, keyed by file name, and any problem reading them."""
    path = Path(path)
    budget = Budget(limits.archive.max_bytes)

    def bounded(name: str, source: Path) -> Opener:
        return lambda: bounded_open(source.open("rb"), budget=budget)

    try:
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file())
            return _read_members(((p.name, bounded(p.name, p)) for p in files), limits)
        if not path.is_file():
            return {}, [Problem(path.name or str(path), 1, WHOLE_FILE, "no such file or folder")]
        suffix = path.suffix.lower()
        if suffix == ".zip":
            return _read_zip(path, limits, budget)
        if suffix == ".xlsx":
            return _read_xlsx(path, limits)
        if suffix == ".csv":
            return _read_members([(path.name, bounded(path.name, path))], limits)
    except _Refused as refused:
        return {}, [refused.problem]
    return {}, [Problem(path.name, 1, WHOLE_FILE, "not a folder, .zip, .xlsx or .csv file")]


def _read_members(
    members: Iterable[tuple[str, Opener]], limits: ReadLimits
) -> tuple[dict[str, Table], list[Problem]]:
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    rows_read = 0
    for name, open_member in members:
        base = name.rsplit("/", 1)[-1]
        if not base.lower().endswith(".csv") or base.startswith("."):
            continue  # READMEs, .DS_Store and the like travel with exported folders
        key = base.lower()
        if key in tables:
            problems.append(Problem(base, 1, WHOLE_FILE, "appears twice"))
            continue
        try:
            with open_member() as stream:
                header, rows = csv_rows(key, stream, limits.csv, rows_before=rows_read)
        except CsvTooLong as refused:
            raise _Refused(refused.problem) from None
        except CsvRefused as refused:
            problems.append(refused.problem)
            continue
        except ZipRefused as refused:
            raise _Refused(Problem(base, 1, WHOLE_FILE, f"refused: it {refused}")) from None
        tables[key] = Table(key, header, rows)
        rows_read += 1 + len(rows)
    return tables, problems


def _read_zip(
    path: Path, limits: ReadLimits, budget: Budget
) -> tuple[dict[str, Table], list[Problem]]:
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                zip_check(archive, limits.archive)
            except ZipRefused as refused:
                return {}, [
                    Problem(path.name, 1, WHOLE_FILE, f"refused before reading: it {refused}")
                ]
            members = [
                (info.filename, _member_opener(archive, info, budget))
                for info in archive.infolist()
                if not info.is_dir() and not info.filename.startswith("__MACOSX/")
            ]
            return _read_members(members, limits)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as error:
        # RuntimeError: encrypted members; NotImplementedError: unsupported compression.
        return {}, [Problem(path.name, 1, WHOLE_FILE, f"cannot be read as a .zip file ({error})")]


def _member_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> Opener:
    return lambda: member_open(archive, info, budget=budget)


def _read_xlsx(path: Path, limits: ReadLimits) -> tuple[dict[str, Table], list[Problem]]:
    from openpyxl import load_workbook

    def unreadable(error: Exception) -> tuple[dict[str, Table], list[Problem]]:
        message = f"cannot be read as an .xlsx workbook ({error})"
        return {}, [Problem(path.name, 1, WHOLE_FILE, message)]

    try:
        # openpyxl inflates the parts itself, so the sizes are proven first, within the limits.
        with zipfile.ZipFile(path) as archive:
            zip_inflate_all(archive, limits.archive)
    except ZipRefused as refused:
        return {}, [Problem(path.name, 1, WHOLE_FILE, f"refused before reading: it {refused}")]
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as error:
        return unreadable(error)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        return unreadable(error)
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    rows_read = 0
    try:
        for sheet in workbook.worksheets:
            base = sheet.title.strip().lower()
            name = base if base.endswith(".csv") else f"{base}.csv"
            if name in tables:
                problems.append(Problem(name, 1, WHOLE_FILE, "appears twice"))
                continue
            sheet.reset_dimensions()  # rows as wide as their cells, not as the sheet claims
            rows = sheet.iter_rows(values_only=True)
            table = _sheet_table(name, rows, limits, rows_read, problems)
            tables[name] = table
            rows_read += 1 + len(table.rows)
    except Exception as error:  # as above, for sheets damaged inside
        return unreadable(error)
    finally:
        workbook.close()
    return tables, problems


def _sheet_table(
    name: str,
    rows: Iterable[tuple[object, ...]],
    limits: ReadLimits,
    rows_before: int,
    problems: list[Problem],
) -> Table:
    table = Table(name, [])
    width = 0
    for number, values in enumerate(rows, start=1):
        if rows_before + number > limits.csv.max_rows:
            problems.append(Problem(name, number, WHOLE_FILE, rows_refusal(limits.csv.max_rows)))
            break
        if number == 1:
            header = [_cell_text(value).strip().lower() for value in values]
            while header and not header[-1]:
                header.pop()  # formatted but empty cells at the right are not columns
            table.header, width = header, len(header)
            continue
        if len(values) > width and values[width:].count(None) != len(values) - width:
            message = "has more cells than the header has columns"
            problems.append(Problem(name, number, f"column {width + 1}", message))
        cells = [_cell_text(value) for value in values[:width]]
        for position, cell in enumerate(cells):
            if len(cell) > limits.csv.max_field_chars:
                message = f"is longer than {limits.csv.max_field_chars:,} characters"
                column = table.header[position] or f"column {position + 1}"
                problems.append(Problem(name, number, column, message))
                cells[position] = ""
        table.rows.append((number, cells))
    return table


def _cell_text(value: object) -> str:
    """A workbook cell as the text the same cell would hold in a CSV file."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
