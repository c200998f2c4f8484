"""The API answers every bad request with JSON: a status of 400, 401, 403, 404, 405 or 413 and
an `error` saying what was wrong. Never HTML, never a 500."""

import json

import pytest
from django.test import Client

from complaintsdesk.api.services import api_token_issue
from tests.casework.conftest import build_world

ROUTES = ("/api/v1/cases", "/api/v1/cases/COM/1", "/api/v1/figures")
HUGE = "1" * 25
GOOD = {"procedure": "children_statutory", "service_area": "Children's social care"}


@pytest.fixture
def api(db):
    world = build_world()
    token = api_token_issue(actor=None, user=world.users["officer"], name="probe")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def json_error(response, *statuses: int) -> str:
    """The response's error message, once it is shown to be a JSON error with a status given."""
    where = f"{response.request['REQUEST_METHOD']} {response.request['PATH_INFO']}"
    assert response.status_code in statuses, (where, response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), (where, response.content[:300])
    error = json.loads(response.content)["error"]
    assert isinstance(error, str) and error, where
    return error


@pytest.mark.parametrize(
    "query",
    [
        "limit=-5",
        "limit=0",
        "limit=abc",
        "limit=%C2%B2",
        f"limit={HUGE}",
        "offset=-1",
        f"offset={HUGE}",
        "offset=%D9%A3",
        "status=no-such-status",
        "procedure=%00",
    ],
)
def test_bad_list_parameters_are_refused_with_a_message(api, query):
    json_error(api.get(f"/api/v1/cases?{query}"), 400)


@pytest.mark.parametrize(
    "path",
    [f"/api/v1/cases/{HUGE}", "/api/v1/cases/%C2%B2", "/api/v1/nothing-here", "/api/v2/cases"],
)
def test_what_is_not_there_is_a_json_404(api, path):
    json_error(api.get(path), 404)


def test_a_nul_in_the_path_is_a_json_400(api):
    json_error(api.get("/api/v1/cases/%00"), 400)


@pytest.mark.parametrize("query", ["year=%C2%B2", f"year={HUGE}", "by=%00", "edition=x"])
def test_bad_figure_parameters_are_refused(api, query):
    json_error(api.get(f"/api/v1/figures?{query}"), 400)


@pytest.mark.parametrize(
    "body",
    [
        "[]",
        '"x"',
        "123",
        "null",
        "{",
        "",
        json.dumps({"received": 123}),
        json.dumps({**GOOD, "received": 123}),
        json.dumps({**GOOD, "received": "not a date"}),
        json.dumps({**GOOD, "received": "9999-12-31"}),
        json.dumps({**GOOD, "received": "2025-03-03", "team": ["A"]}),
        json.dumps({**GOOD, "received": "2025-03-03", "summary": {"a": 1}}),
        json.dumps({**GOOD, "received": "2025-03-03", "service_area": None}),
        json.dumps({**GOOD, "received": "2025-03-03", "first_stage": "stage9"}),
        json.dumps({**GOOD, "received": "2025-03-03", "procedure": 7}),
    ],
)
def test_a_body_that_is_not_a_good_case_is_refused(api, body):
    json_error(api.post("/api/v1/cases", body, content_type="application/json"), 400)


def test_a_body_that_is_not_json_is_refused(api):
    body = json.dumps({**GOOD, "received": "2025-03-03"})
    error = json_error(api.post("/api/v1/cases", body, content_type="text/plain"), 400)
    assert "application/json" in error
    form = api.post("/api/v1/cases", {**GOOD, "received": "2025-03-03"})  # form-encoded
    json_error(form, 400)


def test_a_body_too_large_is_refused(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({**GOOD, "received": "2025-03-03", "summary": "x" * 2000})
    json_error(api.post("/api/v1/cases", body, content_type="application/json"), 413)


@pytest.mark.parametrize(
    ("method", "route"),
    [
        (method, route)
        for method in ("DELETE", "PUT", "PATCH")
        for route in ROUTES
        if (method, route) != ("PATCH", "/api/v1/cases/COM/1")  # a case's details are PATCHed
    ],
)
def test_other_methods_are_a_json_405(api, method, route):
    response = api.generic(method, route, "{}", content_type="application/json")
    json_error(response, 405)
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
@pytest.mark.parametrize("route", ROUTES)
def test_without_a_token_every_route_answers_in_json(db, method, route):
    # A browser's session cookie is no API credential (and so no CSRF risk).
    response = Client().generic(method, route, "{}", content_type="application/json")
    json_error(response, 401, 405)
