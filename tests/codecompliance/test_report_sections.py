"""The Code report's sections: the self-assessment and the Ombudsman's remedies."""

from datetime import date
from decimal import Decimal

import pytest

from complaintsdesk.cases.models import LgscoCase, LgscoRecommendation
from complaintsdesk.codecompliance.services import self_assessment_save
from complaintsdesk.reporting.annual.cells import WITHHELD, WITHHELD_TITLES
from complaintsdesk.reporting.annual.publication import open_findings
from complaintsdesk.reporting.annual.sections_code import lgsco_remedies, self_assessment
from complaintsdesk.reporting.annual.source import Figures, scope_load
from complaintsdesk.reporting.figures import FigureRows, FinancialYear
from tests.codecompliance.conftest import add_stage

pytestmark = pytest.mark.django_db
YEAR = FinancialYear.parse("2026-27")


def figures(edition: str = "internal", **scope: str) -> Figures:
    return Figures(
        year=YEAR,
        years_before=0,
        scope=scope_load(service_area=scope.get("service_area"), directorate=None),
        edition=edition,
        rows=FigureRows(),
    )


def test_self_assessment_section_prints_answers_and_evidence(people, area) -> None:
    for n in range(12):
        add_stage(area, n, "stage1", date(2026, 6, 1), acknowledged=date(2026, 6, 2 + n % 10))
    self_assessment_save(
        actor=people.manager,
        year=YEAR.label,
        provision="4.2",
        compliance="yes",
        explanation="Mrs Jane Example's complaint was acknowledged late.",
    )
    tables, texts = self_assessment(figures())
    provisions = tables[0]
    assert len(provisions.rows) == 28
    assert provisions.row("4.2").cells[0].shown == "Yes"
    assert provisions.row("1.1").cells[0].shown == "Not answered"
    ack = tables[1].row("ack_stage1")
    # Acknowledged 2 to 11 June for a start on Mon 1 June: within 5 working days up to 8 June.
    within = sum(1 for n in range(12) if date(2026, 6, 2 + n % 10) <= date(2026, 6, 8))
    assert (ack.cells[0].value, ack.cells[1].value) == (within, 12)
    assert tables[2].key == "code.contradicted"  # 9 of 12 is under 90%
    # The explanation goes through the personal-data check.
    findings = open_findings(texts)
    assert {f.source.record_type for f in findings} == {"self_assessment"}


def test_published_edition_withholds_small_counts(people, area) -> None:
    for n in range(3):
        add_stage(area, n, "stage1", date(2026, 6, 1), acknowledged=date(2026, 6, 2))
    tables, _ = self_assessment(figures("published"))
    ack = tables[1].row("ack_stage1")
    # One mark for every withheld figure; the reason is on the cell's title.
    assert [c.shown for c in ack.cells[:3]] == [WITHHELD] * 3
    assert [c.value for c in ack.cells[:3]] == [None] * 3
    assert [c.title for c in ack.cells[:3]] == [
        WITHHELD_TITLES[""],
        WITHHELD_TITLES[""],
        WITHHELD_TITLES["[low]"],
    ]


def test_remedies_section_by_type_and_each(people, area) -> None:
    lgsco = LgscoCase.objects.create(
        lgsco_reference="26000001",
        service_area=area,
        received=date(2026, 4, 1),
        decided=date(2026, 5, 1),
        decision="upheld",
    )
    LgscoCase.objects.create(  # decided the year before: not in the section
        lgsco_reference="25000001",
        service_area=area,
        received=date(2025, 4, 1),
        decided=date(2026, 3, 1),
        decision="upheld",
    ).recommendation_records.create(kind="apology", due=date(2026, 4, 1))
    LgscoRecommendation.objects.create(
        lgsco_case=lgsco,
        kind="financial_remedy",
        amount=Decimal("250.00"),
        due=date(2026, 6, 1),
        complied=date(2026, 5, 20),
        remedy_paid=date(2026, 5, 20),
        description="Pay £250 to Mr John Smith",
    )
    LgscoRecommendation.objects.create(
        lgsco_case=lgsco, kind="training", due=date(2026, 7, 1), complied=date(2026, 7, 3)
    )
    tables, texts = lgsco_remedies(figures())
    by_type, each = tables
    assert [r.key for r in by_type.rows] == ["financial_remedy", "training"]
    assert by_type.total is not None
    total = [c.shown for c in by_type.total.cells]
    assert total == ["2", "2", "100%", "1", "50%", "£250.00", "£250.00"]
    assert [r.label for r in each.rows] == ["26000001", "26000001"]
    assert {f.source.record_type for f in open_findings(texts)} == {"lgsco_recommendation"}
    # Scoped to another service area, nothing.
    tables, _ = lgsco_remedies(figures(service_area="Nowhere"))
    assert tables[0].rows == () and tables[1].rows == ()
