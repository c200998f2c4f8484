"""Case services: each state change writes, refreshes the case summary and audits itself once."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from complaintsdesk.cases import services
from complaintsdesk.cases.models import Case, Directorate, ServiceArea, Team
from complaintsdesk.core.errors import ServiceError, StaleEditError
from complaintsdesk.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return get_user_model().objects.create_user("officer-t", password="x")


@pytest.fixture
def social_care():
    directorate = Directorate.objects.create(name="Children's Services")
    return ServiceArea.objects.create(name="Children's Social Care", directorate=directorate)


def new_case(officer, area, **fields) -> Case:
    """A children's statutory case received on Monday 8 January 2024, unless told otherwise."""
    defaults = {"procedure": "children_statutory", "received": date(2024, 1, 8)}
    return services.case_create(actor=officer, service_area=area, **{**defaults, **fields})


def kinds(reference: str) -> list[str]:
    return list(AuditEvent.objects.filter(case_reference=reference).values_list("kind", flat=True))


def test_case_create_awaits_triage_and_is_audited(officer, social_care):
    case = new_case(officer, social_care, channel="phone", complainant_name="A Person")
    assert case.reference == "COM/1"
    assert case.status == "awaiting_triage"
    assert kinds(case.reference) == ["case.created"]
    event = AuditEvent.objects.get(case_reference=case.reference)
    assert event.actor == officer
    assert "A Person" not in str(event.payload)  # no personal data in the trail


def test_first_stage_due_is_computed_by_the_engine(officer, social_care):
    # Monday 8 January 2024 + 10 working days = Monday 22 January 2024.
    case = new_case(officer, social_care, first_stage="stage1")
    stage = case.stages.get()
    assert stage.due == date(2024, 1, 22)
    case.refresh_from_db()
    assert (case.status, case.current_stage, case.current_due) == (
        "open",
        "stage1",
        date(2024, 1, 22),
    )
    assert kinds(case.reference) == ["case.created", "stage.started"]


def test_respond_escalate_and_costs(officer, social_care):
    case = new_case(officer, social_care, first_stage="stage1")
    stage1 = case.stages.get()
    services.stage_respond(actor=officer, stage=stage1, on=date(2024, 1, 19), outcome="not_upheld")
    assert stage1.working_days_taken == 9
    case.refresh_from_db()
    assert case.status == "closed"
    stage2 = services.stage_start(actor=officer, case=case, kind="stage2", started=date(2024, 2, 1))
    assert stage2.due == date(2024, 3, 7)  # 25 working days after Thursday 1 February 2024
    services.stage_record_costs(
        actor=officer,
        stage=stage2,
        investigating_officer=Decimal("3367.20"),
        independent_person=Decimal("2117.74"),
        additional=None,
    )
    stage2.refresh_from_db()
    assert stage2.investigating_officer_cost == Decimal("3367.20")
    assert kinds(case.reference) == [
        "case.created",
        "stage.started",
        "stage.responded",
        "stage.escalated",
        "stage.costs_recorded",
    ]


@pytest.mark.parametrize(
    ("first", "then", "message"),
    [
        ("stage1", "stage3", "Stage 3 cannot follow Stage 1."),
        ("stage1", "stage2", "Stage 1 has no response yet: respond to it before escalating."),
    ],
)
def test_out_of_order_stage_is_refused_and_nothing_written(
    officer, social_care, first, then, message
):
    case = new_case(officer, social_care, first_stage=first)
    before = AuditEvent.objects.count()
    with pytest.raises(ServiceError, match=message):
        services.stage_start(actor=officer, case=case, kind=then, started=date(2024, 3, 1))
    assert AuditEvent.objects.count() == before
    assert case.stages.count() == 1


def test_corporate_has_no_stage3(officer, social_care):
    case = services.case_create(
        actor=officer,
        procedure="corporate",
        service_area=social_care,
        received=date(2024, 1, 8),
        first_stage="stage1",
    )
    with pytest.raises(ServiceError, match="has no Stage 3"):
        services.stage_check_order(
            procedure="corporate",
            previous=case.stages.get(),
            kind="stage3",
            started=date(2024, 3, 1),
        )


def test_extension_beyond_maximum_is_refused(officer, social_care):
    case = new_case(officer, social_care, first_stage="stage1")
    stage = case.stages.get()
    # 20 working days after Monday 8 January 2024 is Monday 5 February 2024.
    services.stage_extend(
        actor=officer, stage=stage, extended_to=date(2024, 2, 5), reason="Advocate arranged"
    )
    assert stage.due == date(2024, 2, 5)
    with pytest.raises(ServiceError) as refused:
        services.stage_extend(
            actor=officer, stage=stage, extended_to=date(2024, 2, 6), reason="More time"
        )
    assert "5 February 2024" in refused.value.message
    stage.refresh_from_db()
    assert stage.extended_to == date(2024, 2, 5)


def test_stale_edit_is_refused_and_the_first_edit_kept(officer, social_care):
    case = new_case(officer, social_care, summary="first")
    loaded_version = case.version
    first_view = Case.objects.get(pk=case.pk)
    second_view = Case.objects.get(pk=case.pk)
    services.case_update(
        actor=officer, case=first_view, expected_version=loaded_version, summary="by Alice"
    )
    with pytest.raises(StaleEditError) as stale:
        services.case_update(
            actor=officer, case=second_view, expected_version=loaded_version, summary="by Bob"
        )
    assert any("case.updated" in change for change in stale.value.changes)
    case.refresh_from_db()
    assert case.summary == "by Alice"
    assert kinds(case.reference).count("case.updated") == 1


def test_team_must_belong_to_the_service_area(officer, social_care):
    other = ServiceArea.objects.create(name="Other", directorate=social_care.directorate)
    team = Team.objects.create(name="North", service_area=other)
    with pytest.raises(ServiceError, match="Team North is not in Children's Social Care"):
        new_case(officer, social_care, team=team)
    assert not Case.objects.exists()


def test_a_date_beyond_the_working_day_calendar_is_refused_not_a_crash(officer, social_care):
    """Found by schemathesis: a response in 2164 failed in the calendar as a 500."""
    case = new_case(officer, social_care, first_stage="stage1")
    stage = case.stages.get()
    events = AuditEvent.objects.count()
    with pytest.raises(ServiceError, match="outside the working-day calendar"):
        services.stage_respond(actor=officer, stage=stage, on=date(2164, 11, 11), outcome="upheld")
    stage.refresh_from_db()
    assert (stage.responded, stage.outcome, AuditEvent.objects.count()) == (None, "", events)
