"""The retention job: anonymises what is past its date once, keeps every figure's fields,
respects legal holds, deletes documents, and is a command and a scheduled job."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from complaintsdesk.cases import services, services_documents, services_lgsco
from complaintsdesk.cases.models import Case, CasePerson, Child, Document, Note, Stage
from complaintsdesk.cases.services_documents import document_path
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.people.models import Person
from complaintsdesk.people.services import person_merge
from complaintsdesk.privacy import retention
from complaintsdesk.privacy.models import RetentionRun
from complaintsdesk.privacy.services import (
    legal_hold_lift,
    legal_hold_set,
    retention_run,
    retention_schedule_add,
)
from complaintsdesk.reminders.locks import lock_acquire
from config.schedule import SCHEDULE
from tests.casework.conftest import PDF, add_case

pytestmark = pytest.mark.django_db
CLOSED = date(2018, 6, 1)
TODAY = date(2025, 6, 1)  # six years and more after CLOSED


def _closed_case(world, *, responded: date = CLOSED, **details) -> Case:
    officer = world.users["officer"]
    case = add_case(
        officer,
        area=world.area,
        team=world.team_a,
        received=responded.replace(day=1) if responded.day > 1 else responded,
        complainant_email="old@example.com",
        complainant_phone="07700900001",
        complainant_address="1 Old Road, LS1 4AP",
        desired_outcome="An apology",
        children=[{"name": "Old Child", "date_of_birth": date(2010, 1, 1), "in_care": True}],
        complainant_type="parent",
        theme="communication",
        **details,
    )
    services.note_add(actor=officer, case=case, text="Spoke to Mrs Old")
    stage = case.stages.get(kind="stage1")
    services.stage_respond(actor=officer, stage=stage, on=responded, outcome="upheld")
    case.refresh_from_db()
    return case


def _figures_fields(case: Case) -> tuple:
    case.refresh_from_db()
    stages = tuple(
        Stage.objects.filter(case=case).values_list(
            "kind", "started", "responded", "outcome", "due", "working_days_taken"
        )
    )
    return (
        case.reference,
        case.procedure,
        case.service_area_id,
        case.team_id,
        case.received,
        case.complainant_type,
        case.child_in_care,
        case.via_advocate,
        case.theme,
        case.status,
        stages,
        tuple(Child.objects.filter(case=case).values_list("in_care", "care_leaver")),
    )


def test_the_job_anonymises_what_has_expired_once(
    world, django_capture_on_commit_callbacks
) -> None:
    old = _closed_case(world)
    document = services_documents.document_upload(
        actor=world.users["officer"], case=old, title="Letter", file=io.BytesIO(PDF), size=len(PDF)
    )
    path = document_path(document)
    assert path.exists()
    recent = _closed_case(world, responded=date(2024, 1, 10))
    kept_fields = _figures_fields(old)
    complainant = CasePerson.objects.get(case=old, role="complainant").person

    with django_capture_on_commit_callbacks(execute=True):  # files go once it commits
        first = retention_run(today=TODAY)

    assert first.anonymised == [old.reference]
    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert (old.complainant_name, old.complainant_email, old.summary, old.desired_outcome) == (
        "",
        "",
        "",
        "",
    )
    child = Child.objects.get(case=old)
    assert (child.name, child.date_of_birth) == ("", None) and child.in_care
    assert not Note.objects.filter(case=old, text__contains="Mrs Old").exists()
    assert not Document.objects.filter(case=old).exists() and not path.exists()
    assert _figures_fields(old) == kept_fields  # every field a figure reads
    complainant.refresh_from_db()
    assert complainant.anonymised_at is not None and complainant.name == ""
    assert complainant.email_key == "" and complainant.phone_key == ""
    assert AuditEvent.objects.filter(
        kind="case.anonymised", case_reference=old.reference, payload={"why": "retention"}
    ).exists()
    recent.refresh_from_db()
    assert recent.anonymised_at is None and recent.complainant_email == "old@example.com"

    second = retention_run(today=TODAY)
    assert second.anonymised == [] and second.people_anonymised == 0
    assert AuditEvent.objects.filter(kind="case.anonymised").count() == 1
    assert RetentionRun.objects.count() == 2


def test_a_dry_run_changes_nothing(world) -> None:
    old = _closed_case(world)
    report = retention_run(today=TODAY, dry_run=True)
    assert [r for _, r, _ in report.plan.cases] == [old.reference]
    old.refresh_from_db()
    assert old.anonymised_at is None and old.complainant_name == "Alex Example"
    assert not RetentionRun.objects.exists()


def test_open_and_unexpired_cases_are_kept(world) -> None:
    _closed_case(world, responded=date(2019, 6, 2))  # expires 2 June 2025
    assert retention_run(today=TODAY).anonymised == []  # the world's cases are open
    assert len(retention_run(today=date(2025, 6, 2)).anonymised) == 1
    assert not Case.objects.filter(status="open", anonymised_at__isnull=False).exists()


def test_a_legal_hold_on_the_case_blocks_it_until_lifted(world) -> None:
    old = _closed_case(world)
    hold = legal_hold_set(actor=world.users["manager"], case=old, reason="Insurance claim")
    report = retention_run(today=TODAY)
    assert report.anonymised == [] and report.plan.held == [old.reference]
    old.refresh_from_db()
    assert old.anonymised_at is None
    event = AuditEvent.objects.get(kind="legal_hold.set")
    assert event.actor == world.users["manager"] and event.case_reference == old.reference
    legal_hold_lift(actor=world.users["manager"], hold=hold, reason="Claim settled")
    assert retention_run(today=TODAY).anonymised == [old.reference]


def test_a_legal_hold_on_a_person_holds_all_their_cases_even_after_a_merge(world) -> None:
    first, second = _closed_case(world), _closed_case(world, responded=date(2018, 7, 1))
    held = CasePerson.objects.get(case=first, role="complainant").person
    other = CasePerson.objects.get(case=second, role="complainant").person
    legal_hold_set(actor=world.users["manager"], person=held, reason="Court order")
    # Merged into another record: the hold follows the person.
    person_merge(actor=world.users["manager"], keep=other, merge=held)
    report = retention_run(today=TODAY)
    assert report.anonymised == []
    assert sorted(report.plan.held) == sorted([first.reference, second.reference])
    other.refresh_from_db()
    assert other.anonymised_at is None


def test_a_hold_needs_a_reason(world) -> None:
    with pytest.raises(ServiceError):
        legal_hold_set(actor=world.users["manager"], case=world.case_a, reason="  ")


def test_an_undecided_ombudsman_enquiry_keeps_the_case(world) -> None:
    old = _closed_case(world)
    services_lgsco.lgsco_case_create(
        actor=world.users["officer"],
        lgsco_reference="18000001",
        service_area=world.area,
        received=date(2018, 9, 1),
        case=old,
    )
    assert retention_run(today=TODAY).anonymised == []


def test_documents_can_go_sooner_than_the_case(world) -> None:
    old = _closed_case(world, responded=date(2023, 1, 10))
    services_documents.document_upload(
        actor=world.users["officer"], case=old, title="Letter", file=io.BytesIO(PDF), size=len(PDF)
    )
    months = dict(retention.DEFAULT_SCHEDULE.months)
    months[("children_statutory", "documents")] = 24
    retention_schedule_add(
        actor=world.users["manager"],
        effective_from=date(2025, 5, 1),
        months=months,
        note="Documents two years",
        today=date(2025, 5, 1),
    )
    report = retention_run(today=TODAY)
    assert report.anonymised == [] and report.documents_deleted == 1
    old.refresh_from_db()
    assert old.anonymised_at is None and not Document.objects.filter(case=old).exists()
    assert AuditEvent.objects.filter(kind="retention.schedule_added").exists()


def test_a_schedule_cannot_rewrite_the_past(world) -> None:
    with pytest.raises(ServiceError):
        retention_schedule_add(
            actor=world.users["manager"],
            effective_from=date(2020, 1, 1),
            months=dict(retention.DEFAULT_SCHEDULE.months),
            note="",
            today=TODAY,
        )


def test_a_person_on_a_live_case_keeps_their_record(world) -> None:
    old = _closed_case(world)
    person = CasePerson.objects.get(case=old, role="complainant").person
    add_case(world.users["officer"], area=world.area, team=world.team_a, complainant_person=person)
    retention_run(today=TODAY)
    person.refresh_from_db()
    assert person.anonymised_at is None and person.email == "old@example.com"


def test_locked_out_when_another_run_holds_the_lock(world) -> None:
    _closed_case(world)
    from datetime import timedelta

    assert lock_acquire(name="retention", stale_after=timedelta(hours=1))
    report = retention_run(today=TODAY)
    assert report.locked_out and report.anonymised == []


def test_the_command_prints_what_it_anonymised_and_is_scheduled(world) -> None:
    old = _closed_case(world)
    out = io.StringIO()
    call_command("retention", "--today", "2025-06-01", "--dry-run", stdout=out)
    assert f"would anonymise {old.reference}" in out.getvalue()
    assert "Alex" not in out.getvalue()
    out = io.StringIO()
    call_command("retention", "--today", "2025-06-01", stdout=out)
    assert f"anonymised {old.reference}" in out.getvalue()
    assert "anonymised 1 case(s)" in out.getvalue()
    out = io.StringIO()
    call_command("retention", "--today", "2025-06-01", stdout=out)
    assert "anonymised 0 case(s)" in out.getvalue()
    assert [c for c, _ in SCHEDULE].count("complaintsdesk retention") == 1


def test_the_command_refuses_a_bad_date(world) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--today"):
        call_command("retention", "--today", "yesterday")
    assert Person.objects.filter(anonymised_at__isnull=False).count() == 0


def test_an_ombudsman_decision_later_than_closure_starts_the_clock_later(world) -> None:
    old = _closed_case(world)  # closed 1 June 2018
    lgsco = services_lgsco.lgsco_case_create(
        actor=world.users["officer"],
        lgsco_reference="18000002",
        service_area=world.area,
        received=date(2018, 9, 1),
        case=old,
    )
    services_lgsco.lgsco_decision_record(
        actor=world.users["officer"],
        lgsco=lgsco,
        decision="not_upheld",
        decided=date(2019, 3, 1),
        remedy_amount=None,
        remedy_ongoing=False,
        recommendations="",
        compliance_due=None,
    )
    assert retention_run(today=date(2025, 2, 28)).anonymised == []
    assert retention_run(today=date(2025, 3, 1)).anonymised == [old.reference]
