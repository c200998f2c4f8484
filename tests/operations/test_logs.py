"""JSON log lines with a request id, and no personal data in them."""

import json
import logging

import pytest

from complaintsdesk.operations.logs import JsonFormatter
from tests.casework.conftest import add_case, build_world


@pytest.fixture
def lines():
    """Every record the request logger writes, formatted as the servers write them."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep()
    logger = logging.getLogger("complaintsdesk")
    logger.addHandler(handler)
    formatter = JsonFormatter()
    yield lambda: [json.loads(formatter.format(r)) for r in records]
    logger.removeHandler(handler)


def test_the_request_id_is_taken_from_the_proxy_and_echoed(client, lines, db):
    response = client.get("/healthz/x", HTTP_X_REQUEST_ID="0123456789abcdef")
    assert response["X-Request-ID"] == "0123456789abcdef"
    (line,) = [entry for entry in lines() if entry["event"] == "request"]
    assert line["request_id"] == "0123456789abcdef"
    assert line["path"] == "/healthz/x" and line["status"] == 404 and line["level"] == "info"


def test_a_bad_request_id_is_replaced_by_a_fresh_one(client, lines, db):
    first = client.get("/accounts/sign-in/", HTTP_X_REQUEST_ID='bad id"\n')["X-Request-ID"]
    second = client.get("/accounts/sign-in/")["X-Request-ID"]
    assert len(first) == 32 and first != second and '"' not in first


def test_a_case_request_logs_no_name_email_or_search(client, lines, db):
    """A signed-in search for a person and a view of their case: the lines hold neither."""
    world = build_world()
    manager = world.users["manager"]
    name, email = "Philippa Quennell-Hartley", "p.quennell@example.org"
    case = add_case(
        manager, area=world.area, team=world.team_a, complainant_name=name, complainant_email=email
    )
    client.force_login(manager)
    assert client.get(f"/cases/{case.reference}/").status_code == 200
    client.get("/cases/", {"q": name})
    text = "\n".join(json.dumps(line) for line in lines())
    assert '"path": "/cases/"' in text and case.reference in text
    assert name not in text and email not in text and name.split()[-1] not in text
    assert all(line["user_id"] == manager.pk for line in lines() if line["event"] == "request")


def test_an_exception_is_logged_by_type_and_place_not_message():
    try:
        raise ValueError("duplicate key (email)=(jo.bloggs@example.org)")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "failed", None, __import__("sys").exc_info()
        )
    line = json.loads(JsonFormatter().format(record))
    assert line["exception"] == "ValueError" and "test_logs.py" in line["where"][0]
    assert "jo.bloggs" not in json.dumps(line)
