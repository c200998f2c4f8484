"""The OpenAPI document: served, valid, and describing every address the API serves."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from complaintsdesk.api.openapi import openapi_document
from tests.api.conftest import answer_schema

pytestmark = pytest.mark.django_db


def _routes(patterns, prefix: str = "") -> list[str]:
    out = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            out += _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            out.append(route)
    return out


def test_every_api_address_is_in_the_document():
    import re

    served = {
        "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
        for route in _routes(get_resolver().url_patterns)
        if route.startswith("api/v1/")
    }
    assert len(served) >= 9
    assert served == set(openapi_document()["paths"])


def test_every_operation_declares_its_answers_and_the_document_is_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")  # no token: the document is public
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"] == "3.1.0"
    methods = {
        (path, method): operation
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    }
    assert ("/api/v1/cases/{reference}", "patch") in methods
    for (path, method), operation in methods.items():
        assert operation["operationId"], (path, method)
        assert any(code.startswith("2") for code in operation["responses"]), (path, method)
        for answer in operation["responses"].values():
            Draft202012Validator.check_schema(answer["content"]["application/json"]["schema"])
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_an_answer_off_the_schema_is_caught():
    """The checking client of conftest.py would catch a field the document does not list."""
    schema = answer_schema("/api/v1/cases", "GET", 200)
    good = {"results": [], "offset": 0, "limit": 50, "more": False}
    Draft202012Validator(schema).validate(good)
    for bad in ({**good, "extra": 1}, {**good, "more": "no"}, {"results": []}):
        with pytest.raises(ValidationError):
            Draft202012Validator(schema).validate(bad)
    summary_schema = answer_schema("/api/v1/cases/COM/1", "PATCH", 200)
    with pytest.raises(ValidationError):
        Draft202012Validator(summary_schema).validate({"reference": "COM/1"})


def test_an_unknown_query_parameter_is_refused_by_name(client, cases):
    from complaintsdesk.accounts.roles import OFFICER
    from tests.api.conftest import bearer, user_with

    headers = bearer(user_with(OFFICER, "o"))
    response = client.get("/api/v1/cases?limt=5", **headers)
    assert response.status_code == 400
    assert response.json()["field"] == "limt"
    assert "limit" in response.json()["error"]
    assert client.get("/api/v1/cases?limit=5", **headers).status_code == 200
    refused = client.get(f"/api/v1/cases/{cases[0].reference}?verbose=1", **headers)
    assert refused.status_code == 400 and refused.json()["field"] == "verbose"
    assert client.get("/api/v1/openapi.json?x=1").status_code == 400
