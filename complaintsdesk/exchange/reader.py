"""Read an exchange folder, `.zip`, `.xlsx` workbook or single `.csv` into raw text tables.

Every cell comes out as a string ("" when empty) so one validator serves all three sources;
workbook dates, numbers and booleans are turned into the text a CSV would hold.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from complaintsdesk.exchange.errors import WHOLE_FILE, Problem


@dataclass
class Table:
    name: str  # the exchange file name, lower case: "cases.csv"
    header: list[str]  # column names as written, trimmed and lower-cased
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number, cells)


def read_tables(path: Path | str) -> tuple[dict[str, Table], list[Problem]]:
    """The tables found at `path`, keyed by file name, and any problem reading them."""
    path = Path(path)
    if path.is_dir():
        return _read_members((p.name, p.read_bytes) for p in sorted(path.iterdir()) if p.is_file())
    if not path.is_file():
        return {}, [Problem(path.name or str(path), 1, WHOLE_FILE, "no such file or folder")]
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _read_zip(path)
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix == ".csv":
        return _read_members([(path.name, path.read_bytes)])
    return {}, [Problem(path.name, 1, WHOLE_FILE, "not a folder, .zip, .xlsx or .csv file")]


def _read_members(members: Any) -> tuple[dict[str, Table], list[Problem]]:
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    for name, read in members:
        base = name.rsplit("/", 1)[-1]
        if not base.lower().endswith(".csv") or base.startswith("."):
            continue  # READMEs, .DS_Store and the like travel with exported folders
        key = base.lower()
        if key in tables:
            problems.append(Problem(base, 1, WHOLE_FILE, "appears twice"))
            continue
        table, problem = _parse_csv(key, read())
        if problem:
            problems.append(problem)
        else:
            tables[key] = table
    return tables, problems


def _read_zip(path: Path) -> tuple[dict[str, Table], list[Problem]]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                (info.filename, (lambda info=info: archive.read(info)))
                for info in archive.infolist()
                if not info.is_dir() and not info.filename.startswith("__MACOSX/")
            ]
            return _read_members(members)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as error:
        # RuntimeError: encrypted members; NotImplementedError: unsupported compression.
        return {}, [Problem(path.name, 1, WHOLE_FILE, f"cannot be read as a .zip file ({error})")]


def _parse_csv(name: str, data: bytes) -> tuple[Table, Problem | None]:
    try:
        text = data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        return Table(name, []), Problem(
            name, row, WHOLE_FILE, 'is not UTF-8 text: save it as "CSV UTF-8" and import again'
        )
    table = Table(name, [])
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if number == 1:
                table.header = [c.strip().lower() for c in cells]
            else:
                table.rows.append((number, cells))
    except csv.Error as error:
        return table, Problem(name, number + 1, WHOLE_FILE, f"cannot be read as CSV ({error})")
    return table, None


def _read_xlsx(path: Path) -> tuple[dict[str, Table], list[Problem]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        return {}, [
            Problem(path.name, 1, WHOLE_FILE, f"cannot be read as an .xlsx workbook ({error})")
        ]
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    try:
        for sheet in workbook.worksheets:
            base = sheet.title.strip().lower()
            name = base if base.endswith(".csv") else f"{base}.csv"
            if name in tables:
                problems.append(Problem(name, 1, WHOLE_FILE, "appears twice"))
                continue
            table = Table(name, [])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_cell_text(value) for value in values]
                if number == 1:
                    table.header = [c.strip().lower() for c in cells]
                else:
                    table.rows.append((number, cells))
            tables[name] = table
    except Exception as error:  # as above, for sheets damaged inside
        return {}, [
            Problem(path.name, 1, WHOLE_FILE, f"cannot be read as an .xlsx workbook ({error})")
        ]
    finally:
        workbook.close()
    return tables, problems


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
