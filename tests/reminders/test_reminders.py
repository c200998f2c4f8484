"""The reminder job: each kind, idempotent, dry run, lock, and the command line."""

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from complaintsdesk.cases.models import Case, LgscoCase, Team
from complaintsdesk.cases.services import (
    case_create,
    stage_acknowledge,
    stage_extend,
    stage_respond,
)
from complaintsdesk.reminders.models import JobLock, ReminderRun, SentReminder
from complaintsdesk.reminders.services import reminders_send

pytestmark = pytest.mark.django_db
TODAY = date(2025, 3, 17)  # a Monday
TEAM = "complaints-team@example.gov.uk"


@pytest.fixture
def world(org):
    officer = User.objects.create(username="officer", email="officer@example.gov.uk")
    member = User.objects.create(username="responder", email="responder@example.gov.uk")
    team = Team.objects.create(name="North", service_area=org["children"])
    team.members.add(member)

    def make(started: date, **extra) -> Case:
        return case_create(
            actor=extra.pop("actor", None),
            procedure="children_statutory",
            service_area=org["children"],
            received=started,
            first_stage="stage1",
            **extra,
        )

    # Started Wed 12 March: acknowledgement due Mon 17 March; response due 26 March.
    owned = make(date(2025, 3, 12), actor=officer)
    # Started Tue 4 March: response due Tue 18 March, within 2 working days.
    soon = make(date(2025, 3, 4), team=team)
    stage_acknowledge(actor=None, stage=soon.stages.get(), on=date(2025, 3, 5))
    # Started Mon 17 February: response was due Mon 3 March.
    late = make(date(2025, 2, 17))
    stage_acknowledge(actor=None, stage=late.stages.get(), on=date(2025, 2, 18))
    # Closed on Friday 14 March: invited to the feedback survey.
    closed = make(date(2025, 2, 24), complainant_email="jo@example.org", complainant_name="Jo")
    stage_acknowledge(actor=None, stage=closed.stages.get(), on=date(2025, 2, 25))
    stage_respond(actor=None, stage=closed.stages.get(), on=date(2025, 3, 14), outcome="upheld")
    # From the public form, awaiting triage since Wed 12 March.
    waiting = case_create(
        actor=None,
        procedure="children_statutory",
        service_area=org["children"],
        received=date(2025, 3, 12),
        channel="web",
    )
    lgsco = LgscoCase.objects.create(
        lgsco_reference="24 001 234",
        case=late,
        service_area=org["children"],
        received=date(2024, 11, 1),
        compliance_due=date(2025, 3, 21),
    )
    LgscoCase.objects.create(
        lgsco_reference="24 009 999",
        service_area=org["children"],
        received=date(2024, 11, 1),
        compliance_due=date(2025, 5, 1),
    )
    mail.outbox.clear()
    return {
        "owned": owned,
        "soon": soon,
        "late": late,
        "closed": closed,
        "waiting": waiting,
        "lgsco": lgsco,
        "officer": officer,
    }


def _sent() -> set[tuple[str, str, date]]:
    return set(SentReminder.objects.values_list("kind", "object_id", "for_date"))


def test_each_kind_is_sent_to_the_right_people(world):
    report = reminders_send(today=TODAY)
    stage = {k: world[k].stages.get().pk for k in ("owned", "soon", "late")}
    assert _sent() == {
        ("acknowledgement_due", f"stage:{stage['owned']}", date(2025, 3, 17)),
        ("acknowledgement_due", f"case:{world['waiting'].pk}", date(2025, 3, 17)),
        ("response_due_soon", f"stage:{stage['soon']}", date(2025, 3, 18)),
        ("stage_overdue", f"stage:{stage['late']}", date(2025, 3, 3)),
        ("lgsco_compliance_due", f"lgsco:{world['lgsco'].pk}", date(2025, 3, 21)),
        ("feedback_invite", f"case:{world['closed'].pk}", date(2025, 3, 14)),
    }
    assert len(report.sent) == 6 == len(mail.outbox)
    by_subject = {m.subject: m.to for m in mail.outbox}
    ref = {k: world[k].reference for k in world if hasattr(world[k], "reference")}
    # The owner, else the team's members, else the complaints team.
    assert by_subject[f"Acknowledgement due: {ref['owned']} Stage 1"] == ["officer@example.gov.uk"]
    assert by_subject[f"Response due 18 March 2025: {ref['soon']} Stage 1"] == [
        "responder@example.gov.uk"
    ]
    assert by_subject[f"Overdue: {ref['late']} Stage 1"] == [TEAM]
    assert by_subject[f"Acknowledgement due: {ref['waiting']} (awaiting triage)"] == [TEAM]
    assert by_subject["Ombudsman compliance due: 24 001 234"] == [TEAM]
    assert by_subject["Tell us how we handled your complaint"] == ["jo@example.org"]


def test_a_second_run_the_same_day_sends_nothing(world):
    first = reminders_send(today=TODAY)
    count = len(mail.outbox)
    second = reminders_send(today=TODAY)
    assert len(first.sent) == 6 and second.sent == [] and len(second.due) >= 5
    assert len(mail.outbox) == count
    assert SentReminder.objects.count() == 6
    # Nor the next day: each deadline is reminded once.
    assert reminders_send(today=TODAY + timedelta(days=1)).sent == []


def test_a_new_deadline_gets_a_new_reminder(world):
    reminders_send(today=TODAY)
    stage_extend(
        actor=None, stage=world["soon"].stages.get(), extended_to=date(2025, 3, 19), reason="Agreed"
    )
    mail.outbox.clear()
    report = reminders_send(today=TODAY)
    assert [(r.kind, r.for_date) for r in report.sent] == [("response_due_soon", date(2025, 3, 19))]


def test_dry_run_sends_nothing_and_records_nothing(world):
    report = reminders_send(today=TODAY, dry_run=True)
    assert len(report.due) == 6 and report.sent == []
    assert mail.outbox == []
    assert (
        not SentReminder.objects.exists()
        and not ReminderRun.objects.exists()
        and not JobLock.objects.exists()
    )


def test_a_run_in_progress_blocks_a_second_one(world):
    JobLock.objects.create(name="reminders", acquired_at=timezone.now())
    report = reminders_send(today=TODAY)
    assert report.locked_out and report.sent == [] and mail.outbox == []
    assert not SentReminder.objects.exists()


def test_a_stale_lock_from_a_crashed_run_is_taken_over(world):
    JobLock.objects.create(name="reminders", acquired_at=timezone.now() - timedelta(hours=3))
    assert len(reminders_send(today=TODAY).sent) == 6
    assert not JobLock.objects.exists()


def test_feedback_is_invited_only_for_cases_closed_since_the_last_run(world, org):
    reminders_send(today=date(2025, 3, 14))  # invites the case closed that day
    assert ("feedback_invite", f"case:{world['closed'].pk}", date(2025, 3, 14)) in _sent()
    mail.outbox.clear()
    report = reminders_send(today=TODAY)
    assert [r for r in report.sent if r.kind == "feedback_invite"] == []


def test_command_takes_today_and_dry_run(world):
    out = StringIO()
    call_command("reminders", "--today", "2025-03-17", "--dry-run", stdout=out)
    assert "2025-03-17: would send 6 of 6 due reminder(s)." in out.getvalue()
    assert not SentReminder.objects.exists() and mail.outbox == []
    # No personal data in the job's output.
    assert "jo@example.org" not in out.getvalue() and "officer@" not in out.getvalue()

    out = StringIO()
    call_command("reminders", "--today", "2025-03-17", stdout=out)
    assert "2025-03-17: sent 6 of 6" in out.getvalue()
    out = StringIO()
    call_command("reminders", "--today", "2025-03-17", stdout=out)
    assert "2025-03-17: sent 0 of " in out.getvalue()


def test_command_refuses_a_bad_date_and_reports_the_lock(world):
    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("reminders", "--today", "17/03/2025")
    JobLock.objects.create(name="reminders", acquired_at=timezone.now())
    with pytest.raises(CommandError, match="in progress"):
        call_command("reminders", "--today", "2025-03-17")


def test_reminder_queries_do_not_grow_with_cases(world, django_assert_max_num_queries):
    from complaintsdesk.reminders.selectors import reminders_due

    with django_assert_max_num_queries(12):
        reminders_due(today=TODAY)
    assert datetime  # noqa: B018


def test_a_restricted_case_is_named_only_to_people_named_on_it(world):
    """A reminder names the case: on a restricted case an owner or team member not named on
    it hears nothing, and the complaints team's address (the manager) is told instead."""
    soon, owned = world["soon"], world["owned"]
    Case.objects.filter(pk__in=[soon.pk, owned.pk]).update(restricted=True)
    reminders_send(today=TODAY)
    by_subject = {m.subject: m.to for m in mail.outbox}
    assert by_subject[f"Response due 18 March 2025: {soon.reference} Stage 1"] == [TEAM]
    assert by_subject[f"Acknowledgement due: {owned.reference} Stage 1"] == [TEAM]

    SentReminder.objects.all().delete()
    mail.outbox.clear()
    soon.restricted_to.add(User.objects.get(username="responder"))
    owned.restricted_to.add(world["officer"])
    reminders_send(today=TODAY)
    by_subject = {m.subject: m.to for m in mail.outbox}
    assert by_subject[f"Response due 18 March 2025: {soon.reference} Stage 1"] == [
        "responder@example.gov.uk"
    ]
    assert by_subject[f"Acknowledgement due: {owned.reference} Stage 1"] == [
        "officer@example.gov.uk"
    ]
