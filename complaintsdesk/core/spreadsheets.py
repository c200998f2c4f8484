"""Write spreadsheets people open so that text stays text: never a live formula.

A value such as `=HYPERLINK("http://evil","x")` typed into a complaint must not run when a
manager opens the export in Excel or LibreOffice (OWASP "CSV injection").

- CSV for people goes through `defusedcsv`, which prefixes `'` to values beginning with
  `= + - @ | %` (numbers such as `-5` are left alone). OWASP also lists tab and carriage
  return, which defusedcsv 3.0 does not: `_tab_or_cr_defused` adds them.
- XLSX cells holding text are typed as strings (`s`): openpyxl otherwise stores any text
  beginning with `=` as a formula.

The exchange format is data, not a report: it keeps text exactly (docs/exchange-format.md).
"""

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from defusedcsv import csv as defusedcsv
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

_TAB_OR_CR = ("\t", "\r")


def _tab_or_cr_defused(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_TAB_OR_CR):
        return "'" + value
    return value


class _Line:
    """A file-like target that hands back what is written, so rows can be streamed."""

    def write(self, value: str) -> str:
        return value


def csv_lines_for_people(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The header and each row as one CSV line, formula-like text neutralised."""
    writer = defusedcsv.writer(_Line())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([_tab_or_cr_defused(value) for value in row])


def xlsx_cell(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """`ws.cell(row, column, value)`, with text stored as text, never as a formula."""
    cell = ws.cell(row, column, value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
