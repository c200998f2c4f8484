"""Export the whole database in the exchange format: one CSV per file, columns in spec order.

Deterministic: rows sorted by their keys (natural order, so COM/9 before COM/10), lists
sorted, money with two decimals, booleans `true`/`false`, empty for not recorded. An export
imported into an empty database and exported again gives the same bytes.
"""

import csv
import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from complaintsdesk.cases.models import (
    Case,
    Compliment,
    EqualityResponse,
    Learning,
    LgscoCase,
    LgscoRecommendation,
    Stage,
)
from complaintsdesk.exchange.columns import (
    BOOL,
    CASES,
    COMPLIMENTS,
    COMPUTED,
    DATE,
    EQUALITY,
    FILES,
    KEYS,
    LEARNINGS,
    LGSCO,
    MONEY,
    OPTIONAL_FILES,
    RECOMMENDATIONS,
    REF_LIST,
    STAGES,
)
from complaintsdesk.exchange.stage_checks import STAGE_ORDER

DIRECTORATE = "service_area__directorate__name"
# Where a column's value comes from, when it is not the model field of the same name.
SOURCES: dict[str, dict[str, str]] = {
    CASES: {"directorate": DIRECTORATE, "service_area": "service_area__name", "team": "team__name"},
    STAGES: {"reference": "case__reference", "stage": "kind"},
    LGSCO: {
        "reference": "case__reference",
        "directorate": DIRECTORATE,
        "service_area": "service_area__name",
    },
    LEARNINGS: {
        "id": "key",
        "reference": "case__reference",
        "service_area": "service_area__name",
        "team": "team__name",
    },
    COMPLIMENTS: {
        "id": "key",
        "directorate": DIRECTORATE,
        "service_area": "service_area__name",
        "team": "team__name",
    },
    EQUALITY: {"id": "key", "directorate": "directorate__name"},
    RECOMMENDATIONS: {
        "id": "key",
        "lgsco_reference": "lgsco_case__lgsco_reference",
        "type": "kind",
    },
}
MODELS: dict[str, Any] = {
    CASES: Case,
    STAGES: Stage,
    LGSCO: LgscoCase,
    LEARNINGS: Learning,
    COMPLIMENTS: Compliment,
    EQUALITY: EqualityResponse,
    RECOMMENDATIONS: LgscoRecommendation,
}


def exchange_export(*, directory: Path | str, today: date) -> list[str]:
    """Write every exchange file into `directory` (created if need be); the names written.
    An optional file (the Ombudsman's recommendations) is written only when it has rows.

    `today` decides `overdue` for stages still open (figures.md, last section).
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for file in FILES:
        rows = _rows(file, today)
        if not rows and file in OPTIONAL_FILES:
            continue
        with (directory / file).open("w", encoding="utf-8", newline="") as handle:
            header = [c.name for c in FILES[file]] + list(COMPUTED.get(file, ()))
            csv_write(handle, [header, *rows])
        written.append(file)
    return written


def csv_write(handle: TextIO, rows: Iterable[Sequence[str]]) -> None:
    """Write `rows` as CSV lines ending in LF, so any CSV reader gets every cell back.

    The csv module quotes only what is in its line terminator, so a lone CR in free text
    would go out bare (and "text\r" at a row's end would read back as a CRLF line end):
    such rows are quoted whole."""
    plain = csv.writer(handle, lineterminator="\n")
    quote_all = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in rows:
        (quote_all if any("\r" in value for value in row) else plain).writerow(row)


def _rows(file: str, today: date) -> list[list[str]]:
    columns = FILES[file]
    sources = SOURCES[file]
    wanted = {sources.get(c.name, c.name) for c in columns if c.kind != REF_LIST}
    if file == CASES:
        wanted.add("id")
    if file == STAGES:
        wanted |= {"due", "working_days_taken"}
    records = list(MODELS[file].objects.order_by().values(*sorted(wanted)))
    if file == CASES:
        links = _links()
        for record in records:
            record["linked"] = sorted(links.get(record["id"], ()), key=natural)
    if file == STAGES:
        records.sort(key=lambda r: (natural(r["case__reference"]), STAGE_ORDER.index(r["kind"])))
    else:
        key = sources.get(KEYS[file], KEYS[file])
        records.sort(key=lambda r: natural(r[key]))
    out = []
    for record in records:
        row = [_cell(c.kind, record[sources.get(c.name, c.name)]) for c in columns]
        if file == STAGES:
            row += _computed(record, today)
        out.append(row)
    return out


def _links() -> dict[int, list[str]]:
    links: dict[int, list[str]] = {}
    pairs = Case.linked.through.objects.values_list("from_case_id", "to_case__reference")
    for case_id, reference in pairs:
        links.setdefault(case_id, []).append(reference)
    return links


def _computed(record: dict[str, Any], today: date) -> list[str]:
    """`due`, `working_days_taken`, `overdue` (figures.md, last section)."""
    due, responded = record["due"], record["responded"]
    if responded is not None:
        overdue = "" if due is None else _cell(BOOL, responded > due)
    else:
        overdue = "true" if due is not None and due < today else ""
    taken = record["working_days_taken"]
    return [_cell(DATE, due), "" if taken is None else str(taken), overdue]


def _cell(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == DATE:
        return str(value.isoformat())
    if kind == MONEY:
        return f"{Decimal(value):.2f}"
    if kind == BOOL:
        return "true" if value else "false"
    if kind == REF_LIST:
        return ";".join(value)
    return str(value)


def natural(text: str) -> tuple[Any, ...]:
    """Sort key reading digit runs as numbers: COM/9 before COM/10; ties by the text itself."""
    parts = tuple(
        (0, int(p), p) if p.isdecimal() else (1, 0, p) for p in re.split(r"(\d+)", text) if p
    )
    return (parts, text)
