"""Equality and feedback responses cannot be connected to a case or a person.

Follows a real complaint to its acknowledgement, answers the equality form from the same
browser session via the emailed link, and checks every place a link could hide: the link
itself, the stored row's fields, the session, the audit trail and the log.
"""

import re

import pytest
from django.core import mail

from complaintsdesk.cases.models import Case, EqualityResponse, FeedbackResponse
from complaintsdesk.core.models import AuditEvent
from tests.intake.support import complaint_for_child

pytestmark = pytest.mark.django_db


def _identifying(case: Case) -> set[str]:
    values = {case.reference, case.complainant_email, case.complainant_name, "Alex Example"}
    return {v for v in values if v}


def test_equality_response_has_no_link_to_the_case(client, org, now, caplog):
    caplog.set_level("DEBUG")
    complaint_for_child(client, org["children"])
    case = Case.objects.get()
    ack = mail.outbox[-1]
    (link,) = re.findall(r"http://\S+/public/equality/\S*", ack.body)
    # The link is the same for everyone in the directorate: no case, person or token in it.
    assert (
        link
        == f"http://127.0.0.1:8000/public/equality/?directorate={org['children'].directorate_id}"
    )

    events_before = AuditEvent.objects.count()
    session_before = dict(client.session)
    caplog.clear()
    path = link.removeprefix("http://127.0.0.1:8000")
    response = client.post(
        path,
        {
            "gender": "female",
            "age_band": "35_44",
            "disability": ["sensory", "other"],
            "directorate": org["children"].directorate_id,
        },
    )
    assert response.status_code == 302

    row = EqualityResponse.objects.get()
    assert (row.gender, row.age_band, row.disability) == ("female", "35_44", "sensory;other")
    assert row.directorate == org["children"].directorate
    # No field refers to a case or a person...
    field_names = {f.name for f in EqualityResponse._meta.get_fields()}
    assert field_names == {
        "id",
        "key",
        "received",
        "directorate",
        "gender",
        "sexuality",
        "age_band",
        "religion",
        "ethnicity",
        "disability",
    }
    # ...and no stored value carries anything that identifies the case.
    stored = " ".join(str(getattr(row, name)) for name in field_names if name != "directorate")
    for value in _identifying(case):
        assert value not in stored
    # The key is random (its own id is just the table's sequence), not derived from the case.
    assert re.fullmatch(r"[0-9a-f]{32}", row.key) and str(case.pk) not in (row.key,)
    # No audit row, no session change and no log line tie the two together.
    assert AuditEvent.objects.count() == events_before
    assert dict(client.session) == session_before
    assert str(row.pk) not in caplog.text and row.key not in caplog.text
    for value in _identifying(case):
        assert value not in caplog.text


def test_feedback_response_has_no_link_to_the_case(client, org, now, caplog):
    caplog.set_level("DEBUG")
    complaint_for_child(client, org["children"])
    case = Case.objects.get()
    events_before = AuditEvent.objects.count()
    response = client.post(
        f"/public/feedback/?directorate={org['children'].directorate_id}",
        {"satisfaction": "satisfied", "improve": "Quicker replies"},
    )
    assert response.status_code == 302
    row = FeedbackResponse.objects.get()
    assert row.answers == {"satisfaction": "satisfied", "improve": "Quicker replies"}
    assert {f.name for f in FeedbackResponse._meta.get_fields()} == {
        "id",
        "received",
        "directorate",
        "answers",
    }
    for value in _identifying(case):
        assert value not in str(row.answers)
        assert value not in caplog.text
    assert AuditEvent.objects.count() == events_before


def test_anonymous_forms_ignore_anything_but_the_directorate(client, org, now):
    response = client.post(
        "/public/equality/?case=1&reference=COM/1", {"religion": "none", "case": "1"}
    )
    assert response.status_code == 302
    assert EqualityResponse.objects.get().directorate is None


def test_empty_feedback_is_refused_and_not_stored(client, org):
    response = client.post("/public/feedback/", {})
    assert response.status_code == 400
    assert "Answer at least one question" in response.content.decode()
    assert not FeedbackResponse.objects.exists()


def test_bad_equality_choice_is_refused(client, org):
    response = client.post("/public/equality/", {"gender": "robot"})
    assert response.status_code == 400
    assert not EqualityResponse.objects.exists()
