"""The rows from the database (constant query count) and `report figures` end to end."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaintsdesk.cases.models import (
    Case,
    Compliment,
    Directorate,
    EqualityResponse,
    Learning,
    LgscoCase,
    ServiceArea,
    Stage,
)
from complaintsdesk.reporting.figures import COUNTING, EQUALITY_RESPONSES, FinancialYear
from complaintsdesk.reporting.report_figures import figures_report
from complaintsdesk.reporting.rows import FigureRows
from complaintsdesk.reporting.selectors import (
    figure_counts_for_years,
    figure_group_names,
    figure_rows_for_years,
)

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "complaintsdesk/reporting/schema/figures-1.json").read_text()
)
FY = FinancialYear.parse("2023-24")


@pytest.fixture
def areas() -> tuple[ServiceArea, ServiceArea]:
    children = Directorate.objects.create(name="Children's Services")
    Directorate.objects.create(name="Place")  # a directorate with nothing: still a group
    return (
        ServiceArea.objects.create(name="Children's Social Care", directorate=children),
        ServiceArea.objects.create(name="Children's Non-Social Care", directorate=children),
    )


def make_data(area: ServiceArea, n: int, *, start: int = 0) -> None:
    """n cases, each with an informal and a stage-1 stage, plus the other records."""
    for i in range(start, start + n):
        started = date(2023, 4, 3) + timedelta(days=(i * 7) % 360)
        case = Case.objects.create(
            reference=f"COM/{i}",
            procedure="children_statutory",
            service_area=area,
            received=started,
            complainant_type="parent" if i % 3 else "",
            child_in_care=i % 4 == 0,
            theme="communication",
            equality_form_sent=started,
        )
        Stage.objects.create(case=case, kind="informal", started=started)
        Stage.objects.create(
            case=case,
            kind="stage1",
            started=started,
            due=started + timedelta(days=14),
            responded=started + timedelta(days=10 + i % 10),
            working_days_taken=8 + i % 10,
            outcome="upheld" if i % 2 else "withdrawn",
        )
        if i % 5 == 0:
            Stage.objects.create(
                case=case,
                kind="stage2",
                started=started + timedelta(days=30),
                investigating_officer_cost=Decimal("100.10"),
            )
        Compliment.objects.create(key=f"K{i}", received=started, service_area=area)
        Learning.objects.create(
            key=f"L{i}",
            case=case,
            service_area=area,
            recorded=started,
            learning="x",
            status="implemented",
        )
        LgscoCase.objects.create(
            lgsco_reference=f"O{i}",
            case=case if i % 2 else None,
            service_area=area,
            received=started,
            decided=started + timedelta(days=20),
            decision="upheld",
            remedy_amount=Decimal("250.00"),
        )
        EqualityResponse.objects.create(
            key=f"E{i}",
            received=started,
            directorate=area.directorate if i % 2 else None,
            gender="female",
            disability="physical;sensory",
        )


@pytest.mark.django_db
def test_rows_include_the_year_and_what_open_overdue_needs(areas: Any) -> None:
    area = areas[0]
    old = Case.objects.create(
        reference="OLD", procedure="corporate", service_area=area, received=date(2022, 5, 1)
    )
    # Stage 1 started last year, answered this year: counts in `responded`.
    Stage.objects.create(
        case=old,
        kind="stage1",
        started=date(2023, 3, 1),
        due=date(2023, 3, 15),
        responded=date(2023, 4, 20),
        working_days_taken=35,
    )
    old2 = Case.objects.create(
        reference="OLD2", procedure="corporate", service_area=area, received=date(2022, 5, 1)
    )
    # Open since last year: open_overdue.
    Stage.objects.create(case=old2, kind="stage1", started=date(2022, 6, 1), due=date(2022, 6, 15))
    # Informal stage started and answered last year: not needed.
    Stage.objects.create(
        case=old2, kind="informal", started=date(2022, 5, 1), responded=date(2022, 5, 10)
    )
    old3 = Case.objects.create(
        reference="OLD3", procedure="corporate", service_area=area, received=date(2021, 5, 1)
    )
    # Answered before the year began: not needed.
    Stage.objects.create(
        case=old3,
        kind="stage1",
        started=date(2021, 5, 1),
        due=date(2021, 5, 15),
        responded=date(2022, 1, 10),
    )
    rows = figure_rows_for_years(year=FY)
    assert sorted(r.case_reference for r in rows.stages) == ["OLD", "OLD2"]
    report = figures_report(year="2023-24", by="council")
    year = report["groups"]["council"]["year"]
    assert year["responded"] == 1 and year["overdue"] == 1 and year["formal"] == 0
    assert year["open_overdue"] == 1


@pytest.mark.django_db
def test_years_before_widen_the_rows(areas: Any) -> None:
    case = Case.objects.create(
        reference="C", procedure="corporate", service_area=areas[0], received=date(2022, 5, 1)
    )
    Stage.objects.create(
        case=case, kind="informal", started=date(2022, 5, 1), responded=date(2022, 5, 9)
    )
    assert figure_rows_for_years(year=FY).stages == ()
    assert len(figure_rows_for_years(year=FY, years_before=1).stages) == 1


@pytest.mark.django_db
def test_equality_responses_only_for_the_years_asked() -> None:
    """A report printing equality for fewer years counts only those years' responses."""
    for key, received in (("NOW", date(2023, 6, 1)), ("PREV", date(2022, 6, 1))):
        EqualityResponse.objects.create(key=key, received=received, gender="female")
    responses = COUNTING.counted[EQUALITY_RESPONSES].key

    def months_counted(rows: FigureRows) -> list[tuple[int, int]]:
        assert rows.tally is not None and rows.equality == ()
        return sorted(k[4:] for k, n in rows.tally.counts.items() if k[0] == responses and n)

    every = figure_counts_for_years(year=FY, years_before=2)
    assert months_counted(every) == [(2022, 6), (2023, 6)]
    this_year = figure_counts_for_years(year=FY, years_before=2, equality_years_before=0)
    assert months_counted(this_year) == [(2023, 6)]
    with pytest.raises(ValueError, match="between 0 and years_before"):
        figure_counts_for_years(year=FY, years_before=1, equality_years_before=2)


def _report_queries(by: str) -> tuple[int, dict[str, Any]]:
    with CaptureQueriesContext(connection) as ctx:
        report = figures_report(year="2023-24", by=by)
    return len(ctx.captured_queries), report


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("by", "warm"), [("council", 10), ("service_area", 10), ("directorate", 11)]
)
def test_query_count_is_constant(areas: Any, by: str, warm: int) -> None:
    """Counted months are stored: the first report after a write counts the changed months
    again (cold), the next reads them (warm). Warm takes as many queries at both sizes;
    cold a bounded number more: one count per (record type, date) and the few to store."""
    make_data(areas[0], 3)
    cold_small, small = _report_queries(by)
    warm_small, again = _report_queries(by)
    make_data(areas[1], 40, start=100)
    cold_large, large = _report_queries(by)
    warm_large, _ = _report_queries(by)
    assert warm_small == warm_large == warm
    # Cold adds one count per (record type, date) (5 at most) and the store's few (8 at most).
    assert warm < cold_small <= warm + 13 and warm < cold_large <= warm + 13
    # The test would pass vacuously if the larger data set were not read.
    assert large != small and again == small


@pytest.mark.django_db
def test_group_names(areas: Any) -> None:
    assert figure_group_names(by="directorate") == ["Children's Services", "Place"]
    assert figure_group_names(by="service_area") == [
        "Children's Non-Social Care",
        "Children's Social Care",
    ]
    assert figure_group_names(by="procedure")[-1] == "not_recorded"
    assert figure_group_names(by="council") == ["council"]


def run(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("report", "figures", *args, stdout=out)
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


@pytest.mark.django_db
@pytest.mark.parametrize("by", ["service_area", "directorate", "procedure", "council"])
@pytest.mark.parametrize("edition", ["internal", "published"])
def test_cli_json_validates_against_the_schema(areas: Any, by: str, edition: str) -> None:
    make_data(areas[0], 30)
    report = run("--year", "2023-24", "--by", by, "--format", "json", "--edition", edition)
    jsonschema.validate(report, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert report["schema"] == "complaintsdesk.figures/1"
    assert (report["year"], report["by"], report["edition"]) == ("2023-24", by, edition)


@pytest.mark.django_db
def test_cli_values(areas: Any) -> None:
    make_data(areas[0], 30)
    report = run("--year", "2023-24", "--by", "directorate")
    assert list(report["groups"]) == ["Children's Services", "Place"]
    year = report["groups"]["Children's Services"]["year"]
    assert year["formal"] == 30 and year["total"] == 60
    assert year["stage_costs"]["investigating_officer"] == "600.60"
    assert year["lgsco_remedy_total"] == "7500.00"
    assert year["equality"]["responses"] == 15  # the other 15 have no directorate
    assert year["equality"]["uptake_pct"] == {"pct": 50, "num": 15, "den": 30}
    assert report["groups"]["Place"]["Q2"]["formal"] == 0
    assert "equality" not in report["groups"]["Children's Services"]["Q1"]


@pytest.mark.django_db
def test_cli_published_suppresses(areas: Any) -> None:
    make_data(areas[0], 30)
    report = run("--year", "2023-24", "--by", "service_area", "--edition", "published")
    periods = report["groups"]["Children's Social Care"]
    # Q3 holds cases 27..29; case 28's child is in care: 2 stages (informal and stage 1).
    assert periods["Q3"]["children_in_care"] == "<5"
    assert periods["Q1"]["children_in_care"] == 8  # cases 0, 4, 8, 12: shown
    assert report["suppression"] == {"threshold": 5, "percent_min_denominator": 10}
    # An empty service area: no percentage over 0 records is published either.
    assert report["groups"]["Children's Non-Social Care"]["year"]["overdue_pct"] == "[low]"


@pytest.mark.django_db
def test_cli_writes_a_file(areas: Any, tmp_path: Path) -> None:
    target = tmp_path / "figures.json"
    out = StringIO()
    call_command(
        "report", "figures", "--year", "2023-24", "--by", "council", "-o", str(target), stdout=out
    )
    assert out.getvalue() == ""
    assert json.loads(target.read_text())["by"] == "council"


@pytest.mark.parametrize("subcommand", ["annual", "quarterly"])
def test_cli_report_documents_need_a_year(subcommand: str) -> None:
    with pytest.raises(CommandError) as e:
        call_command("report", subcommand, "--format", "json")
    assert "the following arguments are required: --year" in str(e.value)


def test_cli_bad_year() -> None:
    with pytest.raises(CommandError) as e:
        call_command("report", "figures", "--year", "2023-25", "--by", "council")
    assert e.value.returncode == 2


def test_schema_lists_every_vocabulary_code() -> None:
    from complaintsdesk.core import vocabulary as v

    defs = SCHEMA["$defs"]
    figures = defs["figures"]["properties"]
    assert figures["complainant_types"]["required"] == [*v.COMPLAINANT_TYPE, "not_recorded"]
    assert figures["themes_pct"]["required"] == list(v.THEME)
    equality = defs["equality"]["properties"]
    assert equality["gender"]["required"] == [*v.GENDER, "left_blank"]
    assert equality["ethnicity"]["required"] == [*v.ETHNICITY, "left_blank"]
    assert equality["disability"]["required"] == [*v.DISABILITY, "left_blank"]
