"""The report checks its own invariants; failures are printed on its first page.

Pure over the report object: quarters add up to the year, a breakdown's percentages add up
to 100 within rounding, and the same figure agrees wherever it is printed. A withheld cell
(published edition) is skipped, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from complaintsdesk.reporting.annual.model import Check, Report, Table

QUARTER_SUMS = (
    "formal",
    "informal",
    "total",
    "lgsco_decided",
    "lgsco_upheld",
    "compliments",
    "learnings",
)
PCT_BREAKDOWNS = (
    "who.themes",
    "who.outcomes",
    *(f"equality.{c}" for c in ("gender", "sexuality", "age_band", "religion", "ethnicity")),
)


def _table(report: Report, key: str) -> Table | None:
    for s in report.sections:
        t = s.table(key)
        if t is not None:
            return t
    return None


def _group(report: Report, key: str) -> str | None:
    t = _table(report, key)
    return t.group if t else None


def _value(report: Report, table: str, row: str, col: int = 0) -> int | Decimal | None:
    t = _table(report, table)
    r = t.row(row) if t else None
    return r.cells[col].value if r and col < len(r.cells) else None


def _quarters(report: Report) -> Iterable[Check]:
    for s in report.sections:
        for t in s.tables:
            if not t.key.startswith("dashboard.") or t.columns[-1] != "Year" or len(t.columns) != 5:
                continue
            for r in t.rows:
                if r.key not in QUARTER_SUMS:
                    continue
                values = [c.value for c in r.cells]
                if any(x is None for x in values):
                    continue
                q = sum(values[:4])  # type: ignore[arg-type]
                yield Check(
                    f"Quarters add up to the year: {t.caption}, {r.label}",
                    q == values[4],
                    f"Q1 to Q4 add up to {q}, the year shows {values[4]}",
                )


def _pct_sums(report: Report) -> Iterable[Check]:
    for key in PCT_BREAKDOWNS:
        t = _table(report, key)
        if t is None:
            continue
        for col, name in enumerate(t.columns):
            cells = [r.cells[col] for r in t.rows]
            if any(c.withheld for c in cells) or all(c.value is None for c in cells):
                continue
            total = sum(int(c.value or 0) for c in cells)
            # Each share is rounded on its own: off by at most half a point per share.
            slack = len([c for c in cells if c.value]) / 2
            yield Check(
                f"Percentages add up to 100: {t.caption}, {name}",
                abs(total - 100) <= slack,
                f"they add up to {total}%",
            )


def _same(report: Report, name: str, places: list[tuple[str, str, int]]) -> Check | None:
    found = [(p, _value(report, *p)) for p in places if _table(report, p[0]) is not None]
    values = [x for _, x in found if x is not None]
    if len(values) < 2:
        return None
    detail = "; ".join(f"{t} {r}: {x}" for (t, r, _), x in found if x is not None)
    return Check(f"Same figure in every table: {name}", len(set(values)) == 1, detail)


def _summed(report: Report, prefix: str, row: str, col: int) -> int | None:
    """The sum of `row` over the tables whose key starts with `prefix` (each procedure)."""
    values = [
        t.row(row).cells[col].value  # type: ignore[union-attr]
        for s in report.sections
        for t in s.tables
        if t.key.startswith(prefix) and t.row(row) is not None
    ]
    if not values or any(x is None for x in values):
        return None
    return sum(values)  # type: ignore[arg-type]


def _agreement(report: Report) -> Iterable[Check | None]:
    council = "dashboard.council"
    if _table(report, council) is None:  # a single service area: its own table is the whole
        council = next(
            (t.key for s in report.sections for t in s.tables if t.key.startswith("dashboard.")),
            council,
        )
    formal_by_procedure = _summed(report, "summary.", "formal", 0)
    decided_by_procedure = _summed(report, "summary.", "lgsco_decided", 0)
    checks: list[Check | None] = [
        _same(
            report,
            "total complaints",
            [(council, "total", 4), ("who.complainant_types", "total", 0)]
            if _group(report, "who.complainant_types") == "council"
            else [],
        ),
        _same(
            report, "compliments", [(council, "compliments", 4), ("compliments", "compliments", 0)]
        ),
        _same(
            report, "learnings", [(council, "learnings", 4), ("learning.status", "learnings", 0)]
        ),
        _same(
            report,
            "Ombudsman decisions",
            [(council, "lgsco_decided", 4), ("lgsco.totals", "lgsco_decided", 0)],
        ),
    ]
    dashboard_formal = _value(report, council, "formal", 4)
    if formal_by_procedure is not None and dashboard_formal is not None:
        checks.append(
            Check(
                "Same figure in every table: stage 1 complaints by procedure and in the dashboard",
                formal_by_procedure == dashboard_formal,
                f"procedures add up to {formal_by_procedure}, "
                f"the dashboard shows {dashboard_formal}",
            )
        )
    lgsco_total = _value(report, "lgsco.totals", "lgsco_decided", 0)
    if decided_by_procedure is not None and lgsco_total is not None:
        checks.append(
            Check(
                "Same figure in every table: Ombudsman decisions by procedure",
                decided_by_procedure == lgsco_total,
                f"procedures add up to {decided_by_procedure}, the totals show {lgsco_total}",
            )
        )
    checks += _list_totals(report)
    return checks


def _list_totals(report: Report) -> list[Check]:
    """A list of records has as many rows as its figure counts, and its costs add up."""
    out = []
    for table, total_table, row in (
        ("lgsco.decisions", "lgsco.totals", "lgsco_decided"),
        ("learning.list", "learning.status", "learnings"),
    ):
        t, n = _table(report, table), _value(report, total_table, row)
        if t is not None and n is not None:
            out.append(
                Check(
                    f"Every record listed: {t.caption}",
                    sum(r.records for r in t.rows) == n,
                    f"{sum(r.records for r in t.rows)} listed, the total shows {n}",
                )
            )
    t = _table(report, "stage23.cases")
    if t is not None and t.total is not None:
        for col, name in enumerate(t.columns):
            shown = t.total.cells[col].value
            if t.total.cells[col].kind != "money" or shown is None:
                continue
            listed = sum(
                (r.cells[col].value or Decimal(0) for r in t.rows if r.cells[col].kind == "money"),
                Decimal(0),
            )
            out.append(
                Check(
                    f"Costs add up: {name}",
                    listed == shown,
                    f"listed costs add up to £{listed:,.2f}, the total shows £{shown:,.2f}",
                )
            )
    return out


def report_checks(report: Report) -> tuple[Check, ...]:
    checks = [*_quarters(report), *_pct_sums(report), *_agreement(report)]
    return tuple(c for c in checks if c is not None)
