"""The report checks its invariants and shows any failure on its first page."""

import io
from dataclasses import replace

import pytest

from complaintsdesk.reporting.annual.build import annual_report_build
from complaintsdesk.reporting.annual.checks import report_checks
from complaintsdesk.reporting.annual.model import Cell, Report
from complaintsdesk.reporting.annual.render_html import render_html
from complaintsdesk.reporting.annual.render_pdf import render_pdf
from tests.reporting_docs.data import CSC

pytestmark = pytest.mark.django_db


def _tamper(report: Report, table_key: str, row_key: str, col: int, value: int) -> Report:
    """The report with one printed figure changed, as a hand-typed report might have it."""
    sections = []
    for s in report.sections:
        tables = []
        for t in s.tables:
            if t.key == table_key:
                rows = tuple(
                    replace(
                        r,
                        cells=tuple(
                            Cell(str(value), value) if i == col else c
                            for i, c in enumerate(r.cells)
                        ),
                    )
                    if r.key == row_key
                    else r
                    for r in t.rows
                )
                t = replace(t, rows=rows)
            tables.append(t)
        sections.append(replace(s, tables=tuple(tables)))
    tampered = replace(report, sections=tuple(sections))
    return replace(tampered, checks=report_checks(tampered))


@pytest.mark.parametrize("edition", ["internal", "published"])
def test_a_consistent_report_passes_every_check(world, edition):
    report = annual_report_build(year="2023-24", edition=edition)
    assert len(report.checks) > 20
    assert report.failures == ()


def test_quarters_that_do_not_add_up_fail(world):
    report = _tamper(
        annual_report_build(year="2023-24", edition="internal"), f"dashboard.{CSC}", "formal", 0, 4
    )
    names = [c.name for c in report.failures]
    assert f"Quarters add up to the year: {CSC}, 2023-24, Formal complaints (stage 1)" in names


def test_percentages_that_do_not_add_up_fail(world):
    report = _tamper(
        annual_report_build(year="2023-24", edition="internal"),
        "who.outcomes",
        "fully_justified_pct",
        0,
        50,
    )
    assert any(
        c.name.startswith("Percentages add up to 100: Stage 1 outcomes") for c in report.failures
    )


def test_the_same_figure_disagreeing_across_tables_fails(world):
    bad = _tamper_total(annual_report_build(year="2023-24", edition="internal"))
    assert any(c.name == "Same figure in every table: compliments" for c in bad.failures)


def _tamper_total(report: Report) -> Report:
    """The compliments table's total changed to 99, the dashboard left as it was."""
    sections = tuple(
        replace(
            s,
            tables=tuple(
                replace(t, total=replace(t.total, cells=(Cell("99", 99), *t.total.cells[1:])))
                if t.key == "compliments"
                else t
                for t in s.tables
            ),
        )
        for s in report.sections
    )
    tampered = replace(report, sections=sections)
    return replace(tampered, checks=report_checks(tampered))


def test_failures_are_shown_on_the_first_page(world):
    from pypdf import PdfReader

    report = _tamper(
        annual_report_build(year="2023-24", edition="internal"), f"dashboard.{CSC}", "formal", 0, 4
    )
    html = render_html(report)
    assert html.index("failed 1 of") < html.index("Contents")
    first_page = PdfReader(io.BytesIO(render_pdf(report))).pages[0].extract_text()
    assert "This report failed 1 of" in first_page
    assert "Quarters add up to the year" in first_page
