"""The REST API: token authentication, the same access rules as the pages, audited reads."""

import pytest

from complaintsdesk.accounts.roles import LEADERSHIP, OFFICER, RESPONDER
from complaintsdesk.api.models import ApiToken
from complaintsdesk.api.services import api_token_revoke
from complaintsdesk.cases.models import Case
from complaintsdesk.core.models import AuditEvent
from tests.api.conftest import bearer, user_with

pytestmark = pytest.mark.django_db


def test_no_token_or_a_revoked_one_is_refused(client, cases):
    officer = user_with(OFFICER, "o")
    assert client.get("/api/v1/cases").status_code == 401
    headers = bearer(officer)
    assert client.get("/api/v1/cases", **headers).status_code == 200
    api_token_revoke(actor=None, token=ApiToken.objects.get(user=officer))
    assert client.get("/api/v1/cases", **headers).status_code == 401


def test_officer_lists_all_and_responder_only_their_team(client, org, cases):
    _, north, _ = org
    officer = user_with(OFFICER, "o")
    responder = user_with(RESPONDER, "r")
    north.members.add(responder)
    listed = client.get("/api/v1/cases", **bearer(officer)).json()["results"]
    assert {c["reference"] for c in listed} == {c.reference for c in cases}
    listed = client.get("/api/v1/cases", **bearer(responder)).json()["results"]
    assert [c["reference"] for c in listed] == [cases[0].reference]


def test_forbidden_case_looks_missing_and_a_read_is_audited(client, org, cases):
    _, north, _ = org
    responder = user_with(RESPONDER, "r")
    north.members.add(responder)
    headers = bearer(responder)
    own, other = cases
    response = client.get(f"/api/v1/cases/{own.reference}", **headers)
    assert response.status_code == 200
    assert response.json()["stages"][0]["due"] == "2024-01-22"
    assert AuditEvent.objects.filter(
        kind="case.viewed", case_reference=own.reference, actor=responder
    ).exists()
    forbidden = client.get(f"/api/v1/cases/{other.reference}", **headers)
    missing = client.get("/api/v1/cases/COM/99999", **headers)
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()


def test_create_goes_through_the_service_and_bad_input_writes_nothing(client, org):
    officer = user_with(OFFICER, "o")
    headers = bearer(officer)
    good = {
        "procedure": "children_statutory",
        "service_area": "Children's Social Care",
        "team": "North",
        "received": "2024-01-08",
        "first_stage": "stage1",
        "channel": "email",
    }
    response = client.post("/api/v1/cases", good, content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    assert response.json()["current_due"] == "2024-01-22"
    assert AuditEvent.objects.filter(kind="case.created", actor=officer).count() == 1
    before = (Case.objects.count(), AuditEvent.objects.count())
    for bad, field in (
        ({**good, "received": "08/01/2024"}, "received"),
        ({**good, "channel": "pigeon"}, "channel"),
        ({k: v for k, v in good.items() if k != "procedure"}, "procedure"),
    ):
        response = client.post("/api/v1/cases", bad, content_type="application/json", **headers)
        assert response.status_code == 400
        assert response.json()["field"] == field
    assert (Case.objects.count(), AuditEvent.objects.count()) == before
    leader = user_with(LEADERSHIP, "l")
    assert (
        client.post(
            "/api/v1/cases", good, content_type="application/json", **bearer(leader)
        ).status_code
        == 403
    )


def test_figures_published_for_leadership_internal_for_the_team_only(client, cases):
    leader = user_with(LEADERSHIP, "l")
    officer = user_with(OFFICER, "o")
    published = client.get("/api/v1/figures?year=2023-24&by=council", **bearer(leader))
    assert published.status_code == 200
    assert published.json()["edition"] == "published"
    assert (
        client.get("/api/v1/figures?year=2023-24&edition=internal", **bearer(leader)).status_code
        == 403
    )
    internal = client.get(
        "/api/v1/figures?year=2023-24&by=council&edition=internal", **bearer(officer)
    ).json()
    assert internal["groups"]["council"]["Q4"]["formal"] == 2
    assert client.get("/api/v1/figures?year=2023", **bearer(officer)).status_code == 400
