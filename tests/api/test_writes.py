"""The API's writes: the same services and permission checks as the staff pages, a stale
`version` refused with 409, bad input a 400 naming the field, and nothing half-written."""

import pytest

from complaintsdesk.cases.models import Case, Note, Stage
from complaintsdesk.core.models import AuditEvent
from tests.api.conftest import send, written

pytestmark = pytest.mark.django_db


def test_patch_changes_the_fields_sent_and_audits_their_names(client, cases, people):
    case = cases[0]
    body = {"version": case.version, "theme": "communication", "complainant_name": "A Person"}
    response = send(client, "PATCH", f"/api/v1/cases/{case.reference}", body, people["officer"])
    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert (case.theme, case.complainant_name, case.summary) == (
        "communication",
        "A Person",
        "north case",
    )
    assert response.json()["version"] == case.version == body["version"] + 1
    event = AuditEvent.objects.get(kind="case.updated", case_reference=case.reference)
    assert event.payload["fields"] == ["complainant_name", "theme"]
    # null clears an optional field
    cleared = {"version": case.version, "theme": None}
    assert (
        send(
            client, "PATCH", f"/api/v1/cases/{case.reference}", cleared, people["officer"]
        ).status_code
        == 200
    )
    case.refresh_from_db()
    assert case.theme == ""


def test_a_stale_version_is_refused_with_409_and_changes_nothing(client, cases, people):
    case = cases[0]
    path = f"/api/v1/cases/{case.reference}"
    first = send(
        client, "PATCH", path, {"version": case.version, "theme": "data"}, people["officer"]
    )
    assert first.status_code == 200
    before = written()
    stale = send(
        client, "PATCH", path, {"version": case.version, "theme": "finance"}, people["officer"]
    )
    assert stale.status_code == 409
    assert "Someone else changed this case" in stale.json()["error"]
    assert any("case.updated" in line for line in stale.json()["changes"])
    assert written() == before
    ack = f"{path}/stages/stage1/acknowledge"
    stale_ack = send(
        client, "POST", ack, {"version": case.version, "on": "2024-01-09"}, people["officer"]
    )
    assert stale_ack.status_code == 409
    assert written() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"complainant_email": "not an address"}, "complainant_email"),
        ({"theme": "weather"}, "theme"),
        ({"summary": ""}, "summary"),
        ({"summary": None}, "summary"),
        ({"summary": "a\x00b"}, "summary"),
        ({"complainant_phone": "1" * 41}, "complainant_phone"),
        ({"team": "No such team"}, "team"),
        ({"service_area": "Nowhere"}, "service_area"),
        ({"events_date": "2025-01-01"}, "events_date"),  # after the complaint was received
        ({"colour": "blue"}, "colour"),
        ({"version": "1"}, "version"),
        ({"version": 2**70}, "version"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(client, cases, people, body, field):
    case = cases[0]
    before = written()
    response = send(
        client,
        "PATCH",
        f"/api/v1/cases/{case.reference}",
        {"version": case.version, **body},
        people["officer"],
    )
    assert response.status_code == 400, response.content
    assert response.json()["field"] == field
    assert written() == before


def test_who_may_patch_matches_the_edit_page(client, cases, people):
    case = cases[0]
    path = f"/api/v1/cases/{case.reference}"
    body = {"version": case.version, "theme": "data"}
    before = written()
    assert send(client, "PATCH", path, body, people["responder"]).status_code == 403
    for outsider in ("other_team", "leadership", "investigator"):  # cannot see it at all
        assert send(client, "PATCH", path, body, people[outsider]).status_code == 404
    assert send(client, "PATCH", path, body, {}).status_code == 401
    assert written() == before
    assert send(client, "PATCH", path, body, people["officer"]).status_code == 200


def test_a_note_is_added_by_anyone_who_sees_the_case(client, cases, people):
    case = cases[0]
    path = f"/api/v1/cases/{case.reference}/notes"
    response = send(client, "POST", path, {"text": "  Phoned the family.  "}, people["responder"])
    assert response.status_code == 201, response.content
    note = Note.objects.get(pk=response.json()["id"])
    assert (note.case, note.text) == (case, "Phoned the family.")
    assert AuditEvent.objects.filter(kind="case.note_added", object_id=str(note.pk)).exists()
    before = written()
    for outsider in ("other_team", "leadership", "investigator"):
        assert send(client, "POST", path, {"text": "x"}, people[outsider]).status_code == 404
    blank = send(client, "POST", path, {"text": "   "}, people["officer"])
    assert blank.status_code == 400 and blank.json()["field"] == "text"
    not_json = client.post(path, "text=hello", content_type="text/plain", **people["officer"])
    assert not_json.status_code == 400
    assert written() == before


def test_acknowledge_and_respond_as_the_pages_allow(client, cases, people):
    case = cases[0]
    stage = f"/api/v1/cases/{case.reference}/stages/stage1"
    ack = send(
        client,
        "POST",
        f"{stage}/acknowledge",
        {"version": case.version, "on": "2024-01-09"},
        people["responder"],
    )
    assert ack.status_code == 200, ack.content
    assert Stage.objects.get(case=case).acknowledged.isoformat() == "2024-01-09"
    assert AuditEvent.objects.filter(kind="stage.acknowledged", actor__username="r1").exists()
    version = ack.json()["version"]
    before = written()
    early = send(
        client,
        "POST",
        f"{stage}/acknowledge",
        {"version": version, "on": "2024-01-01"},
        people["officer"],
    )
    assert early.status_code == 400 and early.json()["field"] == "acknowledged"
    # A responding manager answers the front line but may not withdraw a complaint.
    withdraw = {"version": version, "on": "2024-01-15", "outcome": "withdrawn"}
    assert (
        send(client, "POST", f"{stage}/respond", withdraw, people["responder"]).status_code == 403
    )
    assert (
        send(
            client,
            "POST",
            f"{stage}/respond",
            {**withdraw, "outcome": "resolved"},
            people["officer"],
        ).status_code
        == 400
    )  # an informal outcome at stage 1
    other = f"/api/v1/cases/{cases[1].reference}/stages/stage1/respond"
    assert (
        send(
            client, "POST", other, {**withdraw, "outcome": "upheld"}, people["responder"]
        ).status_code
        == 404
    )
    assert written() == before
    respond = send(
        client, "POST", f"{stage}/respond", {**withdraw, "outcome": "upheld"}, people["responder"]
    )
    assert respond.status_code == 200, respond.content
    assert respond.json()["status"] == "closed"
    assert AuditEvent.objects.filter(kind="stage.responded", case_reference=case.reference).exists()


def test_extend_is_for_the_complaints_team_within_the_procedure_maximum(client, cases, people):
    case = cases[0]
    path = f"/api/v1/cases/{case.reference}/stages/stage1/extend"
    body = {"version": case.version, "extended_to": "2024-02-05", "reason": "Awaiting records"}
    before = written()
    assert send(client, "POST", path, body, people["responder"]).status_code == 403
    too_far = send(client, "POST", path, {**body, "extended_to": "2024-06-28"}, people["officer"])
    assert too_far.status_code == 400 and too_far.json()["field"] == "extended_to"
    no_reason = send(client, "POST", path, {**body, "reason": ""}, people["officer"])
    assert no_reason.status_code == 400 and no_reason.json()["field"] == "reason"
    missing = send(
        client,
        "POST",
        f"/api/v1/cases/{case.reference}/stages/stage3/extend",
        body,
        people["officer"],
    )
    assert missing.status_code == 404
    assert written() == before
    done = send(client, "POST", path, body, people["officer"])
    assert done.status_code == 200, done.content
    assert done.json()["current_due"] == "2024-02-05"
    assert AuditEvent.objects.filter(kind="stage.extended", case_reference=case.reference).exists()


def test_escalate_starts_the_next_stage_once_the_last_has_its_response(client, cases, people):
    case = cases[0]
    path = f"/api/v1/cases/{case.reference}/escalate"
    before = written()
    early = send(
        client, "POST", path, {"version": case.version, "started": "2024-02-01"}, people["officer"]
    )
    assert early.status_code == 400 and early.json()["field"] == "stage"
    assert (
        send(
            client,
            "POST",
            path,
            {"version": case.version, "started": "2024-02-01"},
            people["responder"],
        ).status_code
        == 403
    )
    assert written() == before
    responded = send(
        client,
        "POST",
        f"/api/v1/cases/{case.reference}/stages/stage1/respond",
        {"version": case.version, "on": "2024-01-15", "outcome": "not_upheld"},
        people["officer"],
    )
    escalated = send(
        client,
        "POST",
        path,
        {"version": responded.json()["version"], "started": "2024-02-01"},
        people["officer"],
    )
    assert escalated.status_code == 200, escalated.content
    assert escalated.json()["current_stage"] == "stage2"
    assert AuditEvent.objects.filter(kind="stage.escalated", case_reference=case.reference).exists()


def test_a_case_logged_by_the_api_is_refused_a_future_date(client, org, people):
    import time_machine

    body = {
        "procedure": "corporate",
        "service_area": "Children's Social Care",
        "received": "2024-03-02",
    }
    with time_machine.travel("2024-03-01 12:00Z"):
        refused = send(client, "POST", "/api/v1/cases", body, people["officer"])
    assert refused.status_code == 400 and refused.json()["field"] == "received"
    assert Case.objects.count() == 0
