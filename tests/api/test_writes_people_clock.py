"""The API's owner and responding manager, the stage's pause and the escalation reason: read
on the case, written through the services the pages use, refused as the pages refuse, and a
refusal writes nothing."""

from datetime import date

import pytest
from django.core import mail

from complaintsdesk.accounts.roles import OFFICER
from complaintsdesk.cases.services import case_create
from complaintsdesk.core.models import AuditEvent
from tests.api.conftest import post_refused, send, user_with, written

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    """A second officer, with a name and an address, to be given cases."""
    user = user_with(OFFICER, "o2")
    user.first_name, user.last_name, user.email = "Olu", "Two", "o2@example.org"
    user.save()
    return user


def read(client, case, headers) -> dict:
    response = client.get(f"/api/v1/cases/{case.reference}", **headers)
    assert response.status_code == 200, response.content
    return response.json()


# --- owner and responding manager -----------------------------------------------------


def test_assign_sets_owner_and_manager_audits_ids_and_tells_the_new_owner(
    client, cases, people, owner, django_capture_on_commit_callbacks
):
    case = cases[0]
    path = f"/api/v1/cases/{case.reference}/assign"
    before = read(client, case, people["officer"])
    assert (before["owner"], before["responding_manager"]) == (None, None)
    body = {"version": before["version"], "owner": "o2", "responding_manager": "r1"}
    with django_capture_on_commit_callbacks(execute=True):
        done = send(client, "POST", path, body, people["officer"])
    assert done.status_code == 200, done.content
    assert done.json()["owner"] == {"username": "o2", "name": "Olu Two"}
    assert done.json()["responding_manager"] == {"username": "r1", "name": "r1"}
    case.refresh_from_db()
    assert (case.owner.username, case.responding_manager.username) == ("o2", "r1")
    event = AuditEvent.objects.get(kind="case.reassigned", case_reference=case.reference)
    assert event.payload["owner_to"] == owner.pk
    assert event.actor.username == "o"
    assert [m.to for m in mail.outbox] == [["o2@example.org"]]
    # The read answer and the list carry them too.
    assert read(client, case, people["officer"])["owner"]["username"] == "o2"
    listed = client.get("/api/v1/cases", **people["officer"]).json()["results"]
    assert {c["reference"]: c["owner"] for c in listed}[case.reference]["username"] == "o2"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"owner": "nobody"}, "owner"),  # no such user
        ({"responding_manager": "ghost"}, "responding_manager"),
        ({"owner": "l"}, "owner"),  # leadership is not in the complaints team
        ({"responding_manager": "r2"}, "responding_manager"),  # not in the case's team
        ({"responding_manager": "o2"}, "responding_manager"),  # not a responding manager
        ({}, "owner"),  # neither
        ({"owner": ""}, "owner"),
        ({"owner": 7}, "owner"),
        ({"owner": "o2", "team": "North"}, "team"),
    ],
)
def test_assign_bad_input_is_a_400_naming_the_field_and_writes_nothing(
    client, cases, people, owner, body, field
):
    case = cases[0]
    path = f"/api/v1/cases/{case.reference}/assign"
    body = {"version": case.version, **body}
    post_refused(client, path, body, people["officer"], field=field)
    assert mail.outbox == []


def test_who_may_assign_matches_the_reassign_page(client, cases, people, owner):
    case = cases[0]
    path = f"/api/v1/cases/{case.reference}/assign"
    body = {"version": case.version, "owner": "o2"}
    before = written()
    assert send(client, "POST", path, body, people["responder"]).status_code == 403
    for outsider in ("other_team", "leadership", "investigator"):  # cannot see it at all
        assert send(client, "POST", path, body, people[outsider]).status_code == 404
    assert send(client, "POST", path, body, {}).status_code == 401
    stale = send(client, "POST", path, {**body, "version": case.version + 1}, people["officer"])
    assert stale.status_code == 409
    assert written() == before
    assert send(client, "POST", path, body, people["officer"]).status_code == 200


# --- the clock paused for advocacy ----------------------------------------------------

PAUSE = {"paused_from": "2024-01-10", "paused_to": "2024-01-16", "reason": "Advocate arranged"}


def test_pause_then_resume_moves_the_due_date_and_audits_each(client, cases, people):
    case = cases[0]
    stage = f"/api/v1/cases/{case.reference}/stages/stage1"
    due_before = read(client, case, people["officer"])["current_due"]
    paused = send(
        client, "POST", f"{stage}/pause", {"version": case.version, **PAUSE}, people["officer"]
    )
    assert paused.status_code == 200, paused.content
    detail = read(client, case, people["officer"])
    assert detail["stages"][0]["pause"] == {
        "paused_from": "2024-01-10",
        "paused_to": "2024-01-16",
        "reason": "Advocate arranged",
    }
    due_paused = detail["current_due"]
    assert due_paused > due_before  # five working days later
    assert AuditEvent.objects.filter(kind="stage.paused", case_reference=case.reference).exists()
    resumed = send(
        client,
        "POST",
        f"{stage}/resume",
        {"version": paused.json()["version"], "paused_to": "2024-01-11"},
        people["officer"],
    )
    assert resumed.status_code == 200, resumed.content
    detail = read(client, case, people["officer"])
    assert detail["stages"][0]["pause"]["paused_to"] == "2024-01-11"
    assert due_before < detail["current_due"] < due_paused
    event = AuditEvent.objects.get(kind="stage.resumed", case_reference=case.reference)
    assert (event.payload["paused_to_was"], event.payload["paused_to"]) == (
        "2024-01-16",
        "2024-01-11",
    )
    assert "reason" not in event.payload  # the words stay on the stage


def test_pausing_a_paused_stage_and_resuming_an_unpaused_one_are_400s(client, cases, people):
    paused_case, running_case = cases
    stage = f"/api/v1/cases/{paused_case.reference}/stages/stage1"
    first = send(
        client,
        "POST",
        f"{stage}/pause",
        {"version": paused_case.version, **PAUSE},
        people["officer"],
    )
    version = first.json()["version"]
    before = written()
    again = send(client, "POST", f"{stage}/pause", {"version": version, **PAUSE}, people["officer"])
    assert again.status_code == 400 and again.json()["field"] == "paused_from"
    assert "already paused" in again.json()["error"]
    too_early = send(
        client,
        "POST",
        f"{stage}/resume",
        {"version": version, "paused_to": "2024-01-09"},
        people["officer"],
    )
    assert too_early.status_code == 400 and too_early.json()["field"] == "paused_to"
    running = f"/api/v1/cases/{running_case.reference}/stages/stage1/resume"
    not_paused = send(
        client,
        "POST",
        running,
        {"version": running_case.version, "paused_to": "2024-01-12"},
        people["officer"],
    )
    assert not_paused.status_code == 400 and not_paused.json()["field"] == "paused_to"
    assert "not paused" in not_paused.json()["error"]
    assert written() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**PAUSE, "paused_to": "2024-01-09"}, "paused_from"),  # ends before it starts
        ({**PAUSE, "paused_from": "2024-01-01"}, "paused_from"),  # before the stage started
        ({**PAUSE, "reason": ""}, "reason"),
        ({**PAUSE, "reason": "   "}, "reason"),
        ({**PAUSE, "paused_to": "2099-01-01"}, "paused_to"),  # past the calendar
        ({"paused_from": "2024-01-10", "reason": "x"}, "paused_to"),
    ],
)
def test_a_bad_pause_is_a_400_and_writes_nothing(client, cases, people, body, field):
    case = cases[0]
    path = f"/api/v1/cases/{case.reference}/stages/stage1/pause"
    post_refused(client, path, {"version": case.version, **body}, people["officer"], field=field)


def test_who_may_pause_matches_the_pause_page(client, cases, people, org):
    case = cases[0]
    stage = f"/api/v1/cases/{case.reference}/stages/stage1"
    body = {"version": case.version, **PAUSE}
    before = written()
    for action, sent in (
        ("pause", body),
        ("resume", {"version": case.version, "paused_to": "2024-01-12"}),
    ):
        assert (
            send(client, "POST", f"{stage}/{action}", sent, people["responder"]).status_code == 403
        )
        for outsider in ("other_team", "leadership", "investigator"):
            assert (
                send(client, "POST", f"{stage}/{action}", sent, people[outsider]).status_code == 404
            )
        assert send(client, "POST", f"{stage}/{action}", sent, {}).status_code == 401
        # A stale version is a 409; a resume without a pause is refused before the version.
        stale = {**sent, "version": case.version + 1}
        expected = 409 if action == "pause" else 400
        assert send(client, "POST", f"{stage}/{action}", stale, people["officer"]).status_code == (
            expected
        )
    assert written() == before
    # Only the children's stage 1 pauses: the page offers no pause on a corporate case.
    area, north, _ = org
    corporate = case_create(
        actor=None,
        procedure="corporate",
        service_area=area,
        team=north,
        received=date(2024, 1, 8),
        first_stage="stage1",
        summary="corporate",
    )
    before = written()
    refused = send(
        client,
        "POST",
        f"/api/v1/cases/{corporate.reference}/stages/stage1/pause",
        {"version": corporate.version, **PAUSE},
        people["officer"],
    )
    assert refused.status_code == 403
    assert written() == before


# --- the escalation reason ------------------------------------------------------------


def _responded(client, case, people) -> int:
    response = send(
        client,
        "POST",
        f"/api/v1/cases/{case.reference}/stages/stage1/respond",
        {"version": case.version, "on": "2024-01-15", "outcome": "not_upheld"},
        people["officer"],
    )
    assert response.status_code == 200, response.content
    return response.json()["version"]


def test_escalate_keeps_the_reason_and_details_on_the_stage(client, cases, people):
    case = cases[0]
    version = _responded(client, case, people)
    body = {"version": version, "started": "2024-02-01", "reason": "other", "details": "Ignored"}
    escalated = send(
        client, "POST", f"/api/v1/cases/{case.reference}/escalate", body, people["officer"]
    )
    assert escalated.status_code == 200, escalated.content
    stages = read(client, case, people["officer"])["stages"]
    assert [(s["stage"], s["escalation_reason"], s["escalation_details"]) for s in stages] == [
        ("stage1", None, None),
        ("stage2", "other", "Ignored"),
    ]
    event = AuditEvent.objects.get(kind="stage.escalated", case_reference=case.reference)
    assert event.payload["reason"] == "other" and "Ignored" not in str(event.payload)


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"reason": "bored"}, "reason"), ({"reason": "other"}, "details"), ({"reason": 3}, "reason")],
)
def test_a_bad_escalation_reason_is_a_400_and_writes_nothing(client, cases, people, extra, field):
    case = cases[0]
    version = _responded(client, case, people)
    body = {"version": version, "started": "2024-02-01", **extra}
    path = f"/api/v1/cases/{case.reference}/escalate"
    post_refused(client, path, body, people["officer"], field=field)
