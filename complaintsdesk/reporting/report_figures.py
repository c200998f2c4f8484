"""The figures report of figures.md "Machine-readable output": `complaintsdesk.figures/1`.

Selectors count stages and cases in the database and fetch the few other rows,
`figures.py` computes, this module turns the typed report into
the JSON object and, for the published edition, applies `suppression.py`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from django.conf import settings

from complaintsdesk.reporting.figures import (
    GROUP_BYS,
    FiguresReport,
    FigureValue,
    FinancialYear,
    GroupBy,
    Pct,
    figures_compute,
    money,
)
from complaintsdesk.reporting.selectors import figure_groups_and_counts
from complaintsdesk.reporting.suppression import suppress_published

SCHEMA = "complaintsdesk.figures/1"
Edition = Literal["internal", "published"]
EDITIONS: tuple[Edition, ...] = ("internal", "published")


def figure_json(value: FigureValue) -> Any:
    """An engine value as JSON: a percentage as {pct, num, den}, money as "1234.50"."""
    if isinstance(value, Pct):
        return {"pct": value.pct, "num": value.num, "den": value.den}
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, dict):
        return {k: figure_json(v) for k, v in value.items()}
    return value


def figures_report_json(report: FiguresReport, *, edition: Edition = "internal") -> dict[str, Any]:
    """The JSON object of a computed report, suppressed for the published edition."""
    groups: dict[str, dict[str, Any]] = {
        group: {period: figure_json(figures) for period, figures in periods.items()}
        for group, periods in report.groups.items()
    }
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "year": report.year.label,
        "by": report.by,
        "edition": edition,
        "groups": groups,
    }
    if edition == "published":
        config: dict[str, Any] = settings.COMPLAINTSDESK
        threshold = int(config["SUPPRESSION_THRESHOLD"])
        min_den = int(config["PERCENT_MIN_DENOMINATOR"])
        out["groups"] = suppress_published(groups, threshold=threshold, min_den=min_den)
        # Says what "<5" means without reading the settings of the council that made it.
        out["suppression"] = {"threshold": threshold, "percent_min_denominator": min_den}
    return out


def figures_report(*, year: str, by: str, edition: str = "internal") -> dict[str, Any]:
    """Every figure of `year` per group of `by`, as the `complaintsdesk.figures/1` object."""
    if by not in GROUP_BYS:
        raise ValueError(f"by must be one of {', '.join(GROUP_BYS)}, not {by!r}")
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {', '.join(EDITIONS)}, not {edition!r}")
    fy = FinancialYear.parse(year)
    group_by: GroupBy = by  # checked above
    groups, rows = figure_groups_and_counts(year=fy, by=group_by)
    report = figures_compute(rows, year=fy, by=group_by, groups=groups)
    return figures_report_json(report, edition=edition)
