"""The case timeline (collected from per-source functions, in order) and the team caseload."""

from datetime import date, timedelta

import pytest

from complaintsdesk.cases import services, services_lgsco, services_ownership
from complaintsdesk.cases.caseload import caseload, week_end
from complaintsdesk.cases.models import Case
from complaintsdesk.cases.selectors import case_detail
from complaintsdesk.core import vocabulary as v
from complaintsdesk.timeline import registry
from complaintsdesk.timeline.registry import TimelineEntry, timeline_source
from complaintsdesk.timeline.selectors import case_timeline

pytestmark = pytest.mark.django_db
DECISION = next(iter(v.LGSCO_DECISION))


def timeline_of(world, case, user="manager"):
    case.refresh_from_db()
    detail = case_detail(user=world.users[user], case=case, today=date(2025, 7, 1))
    return case_timeline(case=case, detail=detail)


def test_the_timeline_tells_the_case_in_order(world):
    officer, manager = world.users["officer"], world.users["manager"]
    case = world.case_a
    services.note_add(actor=officer, case=case, text="Rang the complainant")
    services_ownership.case_reassign(actor=officer, case=case, owner=manager, expected_version=None)
    services_lgsco.lgsco_decision_record(
        actor=officer, lgsco=world.lgsco, decided=date(2025, 6, 20), decision=DECISION
    )
    entries = timeline_of(world, case)
    titles = [e.title for e in entries]
    # The business dates, in order: stage 1, its response, stage 2, the appointments.
    assert titles.index("Stage 1 started") < titles.index("Stage 1 response: Not upheld")
    assert titles.index("Stage 1 response: Not upheld") < titles.index("Escalated to Stage 2")
    assert "Investigating officer appointed" in titles
    assert titles.index("Ombudsman enquiry 25001234 received") < titles.index(
        f"Ombudsman decision: {v.LGSCO_DECISION[DECISION]}"
    )
    # Actions from the audit trail, with people's names looked up, not stored.
    (moved,) = [e for e in entries if e.title == "Reassigned"]
    assert moved.by == officer.username
    assert moved.detail == f"Owner: {officer.username} to {manager.username}"
    (note,) = [e for e in entries if e.category == "note"]
    assert note.detail == "Rang the complainant" and note.by == officer.username
    (document,) = [e for e in entries if e.category == "document"]
    assert document.url.endswith(f"/documents/{world.document.pk}/")
    # Oldest first throughout.
    assert [e.sort_key() for e in entries] == sorted(e.sort_key() for e in entries)
    # Reads of the case are not history.
    assert not any(e.title == "case.viewed" for e in entries)


def test_a_new_source_plugs_into_the_timeline(world):
    """The letters work registers its own source the same way: nothing else changes."""

    @timeline_source("test-letters")
    def letters(case, detail):
        yield TimelineEntry(
            on=date(2025, 3, 4), category="correspondence", title="Acknowledgement letter sent"
        )

    try:
        entries = timeline_of(world, world.front)
    finally:
        registry._SOURCES.pop("test-letters")
    titles = [e.title for e in entries]
    assert titles.index("Stage 1 started") < titles.index("Acknowledgement letter sent")
    (letter,) = [e for e in entries if e.category == "correspondence"]
    assert letter.category_label == "Correspondence"


def test_the_acknowledgement_email_is_on_the_timeline(world, monkeypatch):
    from django.db import transaction

    from complaintsdesk.intake.timescales import complaint_timescales
    from complaintsdesk.notifications.services import acknowledgement_send

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
    case = world.front
    Case.objects.filter(pk=case.pk).update(complainant_email="alex@example.org")
    case.refresh_from_db()
    acknowledgement_send(
        case=case,
        timescales=complaint_timescales(procedure=case.procedure, received=case.received),
        today=date(2025, 3, 3),
    )
    # Once, as the letter kept on the case (linked to it), not again from the audit trail.
    (sent,) = [e for e in timeline_of(world, case) if e.category == "correspondence"]
    assert sent.title == "Acknowledgement (Email)"
    assert sent.url.startswith(f"/cases/{case.reference}/-/correspondence/")


def test_the_escalation_reason_is_on_the_timeline(world):
    officer = world.users["officer"]
    case = world.front
    services.stage_respond(
        actor=officer, stage=case.stages.get(), on=date(2025, 3, 10), outcome="not_upheld"
    )
    services.case_escalate(
        actor=officer, case=case, started=date(2025, 3, 14), reason="response_late"
    )
    (escalated,) = [e for e in timeline_of(world, case) if e.title == "Escalated to Stage 2"]
    assert escalated.detail == "Reason: The response was late"


@pytest.mark.parametrize(
    ("today", "sunday"),
    [
        (date(2025, 6, 2), date(2025, 6, 8)),  # Monday
        (date(2025, 6, 6), date(2025, 6, 8)),  # Friday
        (date(2025, 6, 8), date(2025, 6, 8)),  # Sunday itself
    ],
)
def test_week_end(today, sunday):
    assert week_end(today) == sunday


def test_caseload_counts_by_owner_and_responding_manager(world):
    officer, manager, responder = (world.users[n] for n in ("officer", "manager", "responder"))
    today = date(2025, 6, 4)  # a Wednesday
    Case.objects.filter(pk=world.front.pk).update(
        current_due=today + timedelta(days=2), owner=manager, responding_manager=responder
    )
    Case.objects.filter(pk=world.case_b.pk).update(current_due=today - timedelta(days=1))
    Case.objects.filter(pk=world.case_a.pk).update(current_due=today + timedelta(days=10))
    load = caseload(user=manager, today=today)
    rows = {r.name: r for r in load.by_owner}
    # officer: case_a (later), case_b (overdue), secret (stage 1, overdue), triage (no due)
    assert (rows[officer.username].open, rows[officer.username].overdue) == (4, 2)
    assert rows[officer.username].due_this_week == 0
    assert (rows[manager.username].open, rows[manager.username].due_this_week) == (1, 1)
    assert load.total.open == 5
    managers = {r.name: r.open for r in load.by_responding_manager}
    assert managers == {responder.username: 1, "No responding manager": 4}


def test_a_responding_manager_sees_the_caseload_of_their_teams_only(world):
    load = caseload(user=world.users["responder"], today=date(2025, 6, 4))
    # Team A's front and case_a; case_b is Team B's, secret is restricted, triage has no team.
    assert load.total.open == 2
