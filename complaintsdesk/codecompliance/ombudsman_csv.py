"""Reading the Ombudsman's published annual figures from a CSV. PURE: no Django.

Columns (a header row, any order, case-insensitive): year, decisions, upheld_rate,
compliance_rate, remedies_satisfactory. Rates may carry a % sign; the last two may be empty.
Bounded: at most MAX_BYTES and MAX_ROWS; every problem is reported, and nothing is read if
there is one.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MAX_BYTES = 64 * 1024
MAX_ROWS = 200
COLUMNS = ("year", "decisions", "upheld_rate", "compliance_rate", "remedies_satisfactory")
REQUIRED = ("year", "decisions", "upheld_rate")


@dataclass(frozen=True)
class FiguresRow:
    year: str
    decisions: int
    upheld_rate: Decimal
    compliance_rate: Decimal | None
    remedies_satisfactory: int | None


class CsvProblems(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def _year(value: str) -> str:
    first, sep, second = value.partition("-")
    if not (sep and len(first) == 4 and len(second) == 2 and first.isdigit() and second.isdigit()):
        raise ValueError(f"a year looks like 2025-26, not {value!r}")
    if int(second) != (int(first) + 1) % 100:
        raise ValueError(f"{value!r} is not a financial year")
    return value


def _count(value: str) -> int:
    if not value.isdigit():
        raise ValueError(f"{value!r} is not a whole number")
    return int(value)


def _rate(value: str) -> Decimal:
    try:
        rate = Decimal(value.removesuffix("%").strip())
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a percentage") from None
    if not rate.is_finite() or not 0 <= rate <= 100:
        raise ValueError(f"{value!r} is not a percentage from 0 to 100")
    return rate.quantize(Decimal("0.1"))


def figures_csv_read(data: bytes) -> list[FiguresRow]:
    """The rows of the file, or CsvProblems naming every problem (row numbers as a
    spreadsheet shows them, the header being row 1)."""
    if len(data) > MAX_BYTES:
        raise CsvProblems([f"The file is larger than {MAX_BYTES // 1024} KB."])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvProblems(["The file is not UTF-8 text (save it as CSV UTF-8)."]) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise CsvProblems([f"The header row has no column {c!r}." for c in missing])
    reader.fieldnames = header
    rows, problems, years = [], [], set()
    for number, raw in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            raise CsvProblems([f"The file has more than {MAX_ROWS} rows."])
        cells = {k: (v or "").strip() for k, v in raw.items() if k in COLUMNS}
        try:
            year = _year(cells["year"])
            if year in years:
                raise ValueError(f"{year} appears twice")
            years.add(year)
            rows.append(
                FiguresRow(
                    year=year,
                    decisions=_count(cells["decisions"]),
                    upheld_rate=_rate(cells["upheld_rate"]),
                    compliance_rate=(
                        _rate(cells["compliance_rate"]) if cells.get("compliance_rate") else None
                    ),
                    remedies_satisfactory=(
                        _count(cells["remedies_satisfactory"])
                        if cells.get("remedies_satisfactory")
                        else None
                    ),
                )
            )
        except ValueError as error:
            problems.append(f"Row {number}: {error}.")
    if problems:
        raise CsvProblems(problems)
    if not rows:
        raise CsvProblems(["The file has no rows of figures."])
    return rows
