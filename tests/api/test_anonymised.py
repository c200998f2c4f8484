"""Every API write to an anonymised case is refused with 409 and the anonymising date, in the
documented Error shape (the schema-checking client validates it), and writes nothing; the
same request before anonymising succeeds."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from complaintsdesk.accounts.roles import MANAGER
from complaintsdesk.cases import services
from complaintsdesk.cases.models import Case
from complaintsdesk.cases.services_anonymise import cases_anonymise
from tests.api.conftest import bearer, user_with
from tests.api.test_writes import send, written

pytestmark = pytest.mark.django_db
ON = datetime(2031, 4, 1, 2, 15, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def answered(cases):
    """The north case with its stage 1 answered, so it can be escalated."""
    stage = cases[0].stages.get()
    services.stage_respond(actor=None, stage=stage, on=date(2024, 1, 20), outcome="upheld")
    return cases


def _requests(case: Case) -> list[tuple[str, str, dict]]:
    ref, version = case.reference, Case.objects.get(pk=case.pk).version
    stage = f"/api/v1/cases/{ref}/stages/stage1"
    return [
        ("PATCH", f"/api/v1/cases/{ref}", {"version": version, "theme": "communication"}),
        ("POST", f"/api/v1/cases/{ref}/notes", {"text": "Rang back"}),
        ("POST", f"{stage}/acknowledge", {"version": version, "on": "2024-01-10"}),
        ("POST", f"{stage}/respond", {"version": version, "on": "2024-01-20", "outcome": "upheld"}),
        (
            "POST",
            f"{stage}/extend",
            {"version": version, "extended_to": "2024-02-05", "reason": "Records awaited"},
        ),
    ]


def _escalate(case: Case) -> tuple[str, str, dict]:
    version = Case.objects.get(pk=case.pk).version
    body = {"version": version, "started": "2024-01-25"}
    return ("POST", f"/api/v1/cases/{case.reference}/escalate", body)


@pytest.mark.parametrize("which", range(6))
def test_every_api_write_refuses_an_anonymised_case(client, answered, which):
    token = bearer(user_with(MANAGER, "m"))
    open_case, done = answered[1], answered[0]
    cases_anonymise(actor=None, case_ids=[open_case.pk, done.pk], why="retention", now=ON)
    before = written()
    # Built after anonymising: the version sent is the current one, so only the guard refuses.
    method, path, body = [*_requests(open_case), _escalate(done)][which]
    response = send(client, method, path, body, token)
    assert response.status_code == 409, response.content
    assert response.json() == {
        "error": "This case was anonymised on 1 April 2031; it can no longer be changed.",
        "anonymised": "2031-04-01",
    }
    assert written() == before


@pytest.mark.parametrize("which", range(6))
def test_the_same_api_write_succeeds_before_anonymising(client, answered, which):
    token = bearer(user_with(MANAGER, "m"))
    method, path, body = [*_requests(answered[1]), _escalate(answered[0])][which]
    response = send(client, method, path, body, token)
    assert response.status_code in (200, 201), response.content
