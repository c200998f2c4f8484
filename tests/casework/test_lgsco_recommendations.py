"""Ombudsman recommendations as records: services with audit, the page, My work."""

from datetime import date
from decimal import Decimal

import pytest

from complaintsdesk.cases.models import LgscoRecommendation
from complaintsdesk.cases.services_lgsco import (
    lgsco_decision_record,
    lgsco_recommendation_add,
    lgsco_recommendation_comply,
)
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(world):
    return lgsco_decision_record(
        actor=world.users["officer"],
        lgsco=world.lgsco,
        decision="upheld",
        decided=date(2025, 9, 1),
        recommendations="Apologise and pay £300",
        compliance_due=date(2025, 10, 1),
    )


def test_add_and_comply_are_audited(world, decided) -> None:
    officer = world.users["officer"]
    rec = lgsco_recommendation_add(
        actor=officer,
        lgsco=decided,
        kind="financial_remedy",
        amount=Decimal("300.00"),
        due=date(2025, 10, 1),
        description="Pay for the time and trouble",
    )
    added = AuditEvent.objects.get(kind="lgsco.recommendation_added")
    assert added.payload["kind"] == "financial_remedy"
    assert added.case_reference == world.case_a.reference

    with pytest.raises(ServiceError, match="date the remedy was paid"):
        lgsco_recommendation_comply(
            actor=officer, recommendation=rec, complied=date(2025, 9, 20), evidence="Receipt"
        )
    lgsco_recommendation_comply(
        actor=officer,
        recommendation=rec,
        complied=date(2025, 10, 3),
        evidence="Payment receipt sent",
        remedy_paid=date(2025, 9, 30),
    )
    rec.refresh_from_db()
    assert (rec.complied, rec.remedy_paid) == (date(2025, 10, 3), date(2025, 9, 30))
    complied = AuditEvent.objects.get(kind="lgsco.recommendation_complied")
    assert complied.payload["on_time"] is False  # 3 October, due 1 October


# (kind, amount, due, message)
REFUSALS = [
    ("", None, date(2025, 10, 1), "type of recommendation"),
    ("financial_remedy", None, date(2025, 10, 1), "amount of the financial remedy"),
    ("apology", Decimal("10"), date(2025, 10, 1), "Only a financial remedy"),
    ("financial_remedy", Decimal("-1"), date(2025, 10, 1), "negative"),
    ("training", None, date(2025, 8, 1), "before the decision"),
]


@pytest.mark.parametrize(("kind", "amount", "due", "message"), REFUSALS)
def test_bad_recommendations_are_refused_and_change_nothing(
    world, decided, kind, amount, due, message
) -> None:
    with pytest.raises(ServiceError, match=message):
        lgsco_recommendation_add(
            actor=world.users["officer"], lgsco=decided, kind=kind, amount=amount, due=due
        )
    assert not LgscoRecommendation.objects.exists()
    assert not AuditEvent.objects.filter(kind="lgsco.recommendation_added").exists()


def test_undecided_case_has_no_recommendations(world) -> None:
    with pytest.raises(ServiceError, match="decision before"):
        lgsco_recommendation_add(
            actor=world.users["officer"], lgsco=world.lgsco, kind="apology", due=date(2025, 10, 1)
        )


@pytest.mark.parametrize(("role", "status"), [("officer", 302), ("responder", 403)])
def test_recording_a_recommendation_over_http(world, decided, client_for, role, status) -> None:
    response = client_for(role).post(
        f"/ombudsman/{decided.pk}/recommendations/new/",
        {"kind": "training", "description": "Train the team", "due": "2025-11-03"},
    )
    assert response.status_code == status
    assert LgscoRecommendation.objects.filter(kind="training").count() == (status == 302)


def test_the_page_shows_each_recommendation_and_records_compliance(
    world, decided, client_for
) -> None:
    rec = lgsco_recommendation_add(
        actor=world.users["officer"], lgsco=decided, kind="apology", due=date(2025, 9, 15)
    )
    client = client_for("officer")
    page = client.get(f"/ombudsman/{decided.pk}/").content.decode()
    assert "Apology" in page and "Record compliance" in page
    bad = client.post(
        f"/ombudsman/{decided.pk}/recommendations/{rec.pk}/complied/",
        {"complied": "2025-09-10", "evidence": ""},
    )
    assert bad.status_code == 400
    ok = client.post(
        f"/ombudsman/{decided.pk}/recommendations/{rec.pk}/complied/",
        {"complied": "2025-09-10", "evidence": "Letter of apology sent"},
    )
    assert ok.status_code == 302
    rec.refresh_from_db()
    assert rec.evidence == "Letter of apology sent"
    assert "Letter of apology sent" in client.get(f"/ombudsman/{decided.pk}/").content.decode()


def test_my_work_lists_the_remedies_due(world, decided, client_for) -> None:
    lgsco_recommendation_add(
        actor=world.users["officer"], lgsco=decided, kind="apology", due=date(2025, 9, 15)
    )
    lgsco_recommendation_add(
        actor=world.users["officer"], lgsco=decided, kind="training", due=date(2030, 1, 1)
    )
    work = client_for("officer").get("/").context["work"]
    # The overdue apology is listed; training due in 2030 is not due yet.
    assert [r.kind for r, _ in work.recommendations] == ["apology"]
    assert client_for("responder").get("/").context["work"].recommendations is None
