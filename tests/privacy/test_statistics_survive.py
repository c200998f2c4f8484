"""Anonymising keeps every statistic: a random half of a realistic dataset is anonymised,
and every report figure of every year, every grouping and both editions is the same after.

The dataset is the reporting suite's awkward one (every gap and oddity the figures handle)
given personal data of every kind the anonymiser removes. The drill-down says which
records were anonymised.
"""

from __future__ import annotations

import io
import random
from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from complaintsdesk.accounts import roles
from complaintsdesk.cases import services_documents
from complaintsdesk.cases.models import Appointment, Case, Child, Document, Note, ServiceArea, Stage
from complaintsdesk.cases.services_anonymise import cases_anonymise
from complaintsdesk.reporting.annual import build
from complaintsdesk.reporting.annual.model import Report
from complaintsdesk.reporting.annual.sections_figures import years_back
from complaintsdesk.reporting.annual.source import Figures, rows_in_scope, scope_load
from complaintsdesk.reporting.figures import GROUP_BYS, FinancialYear, figures_compute
from complaintsdesk.reporting.report_figures import figures_report_json
from complaintsdesk.reporting.selectors import figure_rows_for_years
from tests.casework.conftest import PDF
from tests.reporting.test_counting import make_awkward_data

pytestmark = pytest.mark.django_db
YEAR = FinancialYear.parse("2024-25")
EDITIONS = ("internal", "published")


def _personal_data(rng: random.Random) -> None:
    """What a real case holds: contact details, free text, children, notes, documents."""
    officer = get_user_model().objects.create_user("o", "o@example.gov.uk", "x-password-1")
    cases = list(Case.objects.order_by("id"))
    for case in cases:
        case.complainant_name = f"Person {case.pk}"
        case.complainant_email = f"p{case.pk}@example.com"
        case.complainant_address = f"{case.pk} Road, LS1 4AP"
        case.summary = f"Complaint {case.pk} about the care of Child {case.pk}"
        case.desired_outcome = "An apology"
    Case.objects.bulk_update(
        cases,
        [
            "complainant_name",
            "complainant_email",
            "complainant_address",
            "summary",
            "desired_outcome",
        ],
    )
    Child.objects.bulk_create(
        Child(
            case=c, name=f"Child {c.pk}", date_of_birth=date(2012, 1, 1), in_care=rng.random() < 0.3
        )
        for c in cases
    )
    Note.objects.bulk_create(Note(case=c, author=officer, text=f"Rang {c.pk}") for c in cases)
    Stage.objects.filter(pk__in=Stage.objects.order_by("id").values("pk")[:40]).update(
        extension_reason="Family illness"
    )
    Appointment.objects.bulk_create(
        Appointment(stage=s, role="investigating_officer", name="A Consultant", appointed=s.started)
        for s in Stage.objects.order_by("id")[:30]
    )
    for case in rng.sample(cases, 5):
        services_documents.document_upload(
            actor=officer, case=case, title="Letter", file=io.BytesIO(PDF), size=len(PDF)
        )


def _numbers(report: Report) -> dict[str, Any]:
    """Every figure a report prints: the figures JSON, each table's non-text cells and each
    chart; a listed record counts by its key, its free text is not a figure."""
    tables = {}
    for section in report.sections:
        for table in section.tables:
            tables[(section.key, table.key)] = [
                (row.key, [(c.shown, c.value, c.drill) for c in row.cells if c.kind != "text"])
                for row in (*table.rows, *((table.total,) if table.total else ()))
            ]
        for chart in section.charts:
            tables[(section.key, "chart", chart.key)] = [(s.name, s.values) for s in chart.series]
    return {"figures": report.figures, "suppression": report.suppression, "tables": tables}


def _everything() -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    area = ServiceArea.objects.order_by("id").values_list("name", flat=True).first()
    for scope in ({}, {"directorate": "Children's Services"}, {"service_area": area}):
        key = tuple(sorted(scope.items()))
        for edition in EDITIONS:
            annual = build.annual_report_build(year=YEAR.label, edition=edition, **scope)
            out[(key, edition, "annual")] = _numbers(annual)
            for quarter in ("Q1", "Q2", "Q3", "Q4"):
                dashboard = build.quarterly_build(
                    year=YEAR.label, quarter=quarter, edition=edition, **scope
                )
                out[(key, edition, quarter)] = _numbers(dashboard)
            area_scope = scope_load(
                service_area=scope.get("service_area"), directorate=scope.get("directorate")
            )
            stored = Figures(year=YEAR, years_before=4, scope=area_scope, edition=edition)
            for by in GROUP_BYS:
                for year in years_back(YEAR, 5):
                    out[(key, edition, by, year.label)] = stored.report(by, year)
        # And counted afresh from the rows, the engine's reference path.
        rows = rows_in_scope(figure_rows_for_years(year=YEAR, years_before=4), area_scope)
        for by in GROUP_BYS:
            for year in years_back(YEAR, 5):
                fresh = figures_compute(rows, year=year, by=by, groups=stored.groups(by))
                out[(key, "rows", by, year.label)] = figures_report_json(fresh)
    return out


@pytest.mark.parametrize("seed", [13, 131])
def test_every_figure_is_the_same_after_anonymising_a_random_half(
    seed: int, django_capture_on_commit_callbacks
) -> None:
    roles.ensure_roles()
    make_awkward_data(seed, n_cases=160)
    rng = random.Random(seed)
    _personal_data(rng)
    before = _everything()
    assert any(v for k, v in before.items() if k[2] == "annual"), "not vacuous"

    ids = sorted(Case.objects.values_list("pk", flat=True))
    half = rng.sample(ids, len(ids) // 2)
    with django_capture_on_commit_callbacks(execute=True):
        done = cases_anonymise(actor=None, case_ids=half, why="retention", now=timezone.now())
    assert len(done.references) == len(half)
    # Really anonymised: the personal data of the half is gone, the other half's is not.
    assert not Case.objects.filter(pk__in=half).exclude(complainant_name="").exists()
    assert not Child.objects.filter(case_id__in=half).exclude(name="").exists()
    assert not Document.objects.filter(case_id__in=half).exists()
    kept = set(ids) - set(half)
    assert Case.objects.filter(pk__in=kept, complainant_name__startswith="Person").count() == len(
        kept
    )

    after = _everything()
    assert after.keys() == before.keys()
    changed = [k for k in before if before[k] != after[k]]
    assert changed == [], changed[:5]


def test_the_drill_down_shows_anonymised_records_as_such(client) -> None:
    roles.ensure_roles()
    make_awkward_data(7, n_cases=60)
    user = get_user_model().objects.create_user("m", "m@example.gov.uk", "x-password-1")
    user.groups.set(roles.role_groups([roles.MANAGER]))
    client.force_login(user)
    stage = (
        Stage.objects.select_related("case")
        .filter(kind__in=("informal", "stage1"), started__range=(YEAR.start, YEAR.end))
        # The annual report is children's services' (the statutory one).
        .filter(case__service_area__directorate__name="Children's Services")
        .order_by("started", "id")
        .first()
    )
    assert stage is not None
    reference = stage.case.reference
    cases_anonymise(actor=None, case_ids=[stage.case_id], why="retention", now=timezone.now())
    report = build.annual_report_build(year=YEAR.label, edition="internal")
    drills = [
        cell.drill
        for section in report.sections
        for table in section.tables
        for row in table.rows
        for cell in row.cells
        if cell.drill
    ]
    for url in drills:
        html = client.get(url).content.decode()
        if f">{reference}<" in html or f">{reference} " in html:
            row = html.split(reference, 1)[1].split("</tr>", 1)[0]
            assert "Anonymised" in row
            return
    pytest.fail(f"{reference} not found behind any of {len(drills)} figures")
