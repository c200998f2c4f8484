"""Every report reads the stored tally, and every figure it prints equals the figure counted
afresh from the rows in Python (the engine's reference path), after random writes of every
kind: the annual report and the quarterly dashboard, whole, in each edition and scope."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import pytest

from complaintsdesk.cases.models import ServiceArea
from complaintsdesk.reporting.annual import build, source
from complaintsdesk.reporting.annual.model import Report
from complaintsdesk.reporting.annual.sections_figures import years_back
from complaintsdesk.reporting.annual.source import Figures, rows_in_scope, scope_load
from complaintsdesk.reporting.figures import GROUP_BYS, FinancialYear, figures_compute
from complaintsdesk.reporting.report_figures import figures_report_json
from complaintsdesk.reporting.rows import FigureRows
from complaintsdesk.reporting.selectors import figure_rows_for_years
from tests.reporting.test_counting import make_awkward_data
from tests.reporting.test_tally_store import _write_at_random

YEAR = FinancialYear.parse("2023-24")


def _from_rows(**kwargs: Any) -> Any:
    """What `figure_counts_for_years` stands in for: the rows, counted afresh in Python."""
    return figure_rows_for_years(**kwargs)


def _whole(rows: FigureRows, years: Any) -> dict[str, FigureRows]:
    """In place of `rows_by_year`: every year computed from all the rows, not narrowed."""
    return {}


def _reports(**scope: str) -> list[Report]:
    made: list[Report] = []
    for edition in ("internal", "published"):
        made.append(build.annual_report_build(year=YEAR.label, edition=edition, **scope))
        made.append(build.quarterly_build(year=YEAR.label, quarter="Q2", edition=edition, **scope))
    return [replace(r, generated_at=None) for r in made]  # type: ignore[arg-type]


def _scopes() -> list[dict[str, str]]:
    """All, a directorate, and a service area (by today's name: a write may rename it)."""
    area = ServiceArea.objects.order_by("id").values_list("name", flat=True).first()
    assert area is not None
    return [{}, {"directorate": "Children's Services"}, {"service_area": area}]


def _assert_store_equals_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    for scope in _scopes():
        stored = _reports(**scope)
        with monkeypatch.context() as m:
            m.setattr(source, "figure_counts_for_years", _from_rows)
            m.setattr(source, "rows_by_year", _whole)
            fresh = _reports(**scope)
        assert stored == fresh, scope
        # Every grouping and year, not only those the sections print.
        area_scope = scope_load(
            service_area=scope.get("service_area"), directorate=scope.get("directorate")
        )
        from_store = Figures(year=YEAR, years_before=4, scope=area_scope, edition="internal")
        rows = rows_in_scope(figure_rows_for_years(year=YEAR, years_before=4), area_scope)
        for by in GROUP_BYS:
            for year in years_back(YEAR, 5):
                fresh = figures_compute(rows, year=year, by=by, groups=from_store.groups(by))
                assert from_store.report(by, year) == figures_report_json(fresh), (by, year)


@pytest.mark.django_db
def test_the_reports_read_the_store_not_rows() -> None:
    """Not vacuous: the report's figures come from a tally, and stage rows are not read."""
    f = Figures(year=YEAR, years_before=4, scope=source.Scope(), edition="internal")
    assert f.rows.tally is not None
    assert f.rows.stages == () and f.rows.cases == ()


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [31, 32])
def test_report_figures_from_the_store_equal_those_counted_from_rows(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_awkward_data(seed, n_cases=50)
    rng = random.Random(seed)
    _assert_store_equals_rows(monkeypatch)  # the first read counts and stores every month
    for _ in range(8):
        _write_at_random(rng)
        _assert_store_equals_rows(monkeypatch)
