"""Shared API test setup; and every answer under /api/v1/ is checked against the OpenAPI document.

The `client` fixture here replaces pytest-django's: each response it receives from the API is
validated against the schema of the operation and status that produced it, so every API test
also tests that the document tells the truth.
"""

import json
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import Resolver404, resolve
from jsonschema import Draft202012Validator

from complaintsdesk.accounts.roles import INVESTIGATOR, LEADERSHIP, OFFICER, RESPONDER, ensure_roles
from complaintsdesk.api.openapi import openapi_document, openapi_path
from complaintsdesk.api.services import api_token_issue
from complaintsdesk.cases.models import Case, Directorate, Note, ServiceArea, Stage, Team
from complaintsdesk.cases.services import case_create
from complaintsdesk.core.models import AuditEvent

API = "/api/v1/"


def answer_schema(path: str, method: str, status: int) -> dict:
    """The schema the document gives for this answer; KeyError if it documents none."""
    document = openapi_document()
    try:
        route = str(resolve(path).route)
    except Resolver404:  # no such address: the error every address answers with
        return {**document["components"]["schemas"]["Error"], "components": document["components"]}
    operation = document["paths"][openapi_path(route.removeprefix("api/"))][method.lower()]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    # The answer's `$ref`s point into the document's components: give the validator both.
    return {**schema, "components": document["components"]}


class SchemaCheckingClient(Client):
    def request(self, **request):  # type: ignore[no-untyped-def]
        response = super().request(**request)
        path = request["PATH_INFO"]
        if path.startswith(API) and response.status_code != 405:
            schema = answer_schema(path, request["REQUEST_METHOD"], response.status_code)
            Draft202012Validator(
                schema, format_checker=Draft202012Validator.FORMAT_CHECKER
            ).validate(response.json())
        return response


@pytest.fixture
def client() -> Client:
    return SchemaCheckingClient()


@pytest.fixture
def org():
    ensure_roles()
    directorate = Directorate.objects.create(name="Children's Services")
    area = ServiceArea.objects.create(name="Children's Social Care", directorate=directorate)
    north = Team.objects.create(name="North", service_area=area)
    chesil = Team.objects.create(name="Chesil", service_area=area)
    return area, north, chesil


def user_with(role: str, name: str):
    user = get_user_model().objects.create_user(name, password="x")
    user.groups.add(Group.objects.get(name=role))
    return user


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(actor=None, user=user, name='test')}"}


@pytest.fixture
def cases(org):
    area, north, chesil = org
    a = case_create(
        actor=None,
        procedure="children_statutory",
        service_area=area,
        team=north,
        received=date(2024, 1, 8),
        first_stage="stage1",
        summary="north case",
    )
    b = case_create(
        actor=None,
        procedure="children_statutory",
        service_area=area,
        team=chesil,
        received=date(2024, 1, 9),
        first_stage="stage1",
        summary="chesil case",
    )
    return a, b


@pytest.fixture
def people(org):
    """An officer, a responding manager in the north case's team and one outside it, leadership
    and an investigating officer appointed to nothing: each with a token."""
    _, north, chesil = org
    in_team, other_team = user_with(RESPONDER, "r1"), user_with(RESPONDER, "r2")
    north.members.add(in_team)
    chesil.members.add(other_team)
    return {
        "officer": bearer(user_with(OFFICER, "o")),
        "responder": bearer(in_team),
        "other_team": bearer(other_team),
        "leadership": bearer(user_with(LEADERSHIP, "l")),
        "investigator": bearer(user_with(INVESTIGATOR, "i")),
    }


def send(client, method: str, path: str, body: dict, headers: dict):
    return client.generic(
        method,
        path,
        data=json.dumps(body),
        content_type="application/json",
        **headers,
    )


def written() -> tuple:
    """Everything a write could touch: compared before and after a refused one."""
    return (
        list(Case.objects.order_by("pk").values()),
        list(Stage.objects.order_by("pk").values()),
        Note.objects.count(),
        AuditEvent.objects.count(),
    )


def post_refused(client, path: str, body: dict, headers: dict, *, field: str):
    """POST `body`, which must be refused with 400 naming `field` and write nothing."""
    before = written()
    response = send(client, "POST", path, body, headers)
    assert response.status_code == 400, response.content
    assert response.json()["field"] == field
    assert written() == before
    return response
