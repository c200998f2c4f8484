"""The messages: acknowledgement, team notice, feedback invitation; all through templates."""

import re
from datetime import date
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage

from complaintsdesk.cases.models import Case
from complaintsdesk.notifications.backends import NotifyEmailBackend
from complaintsdesk.notifications.services import feedback_invite_send
from complaintsdesk.notifications.tasks import email_deliver
from tests.intake.support import complaint_for_child

pytestmark = pytest.mark.django_db


def test_submission_emails_the_team_and_acknowledges_the_complainant(client, org, now):
    complaint_for_child(client, org["children"], email="sam@example.org")
    case = Case.objects.get()
    team, ack = mail.outbox
    assert team.to == ["complaints-team@example.gov.uk"]
    assert case.reference in team.subject and case.reference in team.body
    # The team's email carries no personal data: they sign in to read the case.
    for private in ("Sam Example", "sam@example.org", "Alex Example", "Nobody came"):
        assert private not in team.body

    assert ack.to == ["sam@example.org"]
    assert ack.subject == f"We have received your complaint: {case.reference}"
    assert "By 6 March 2025, a complaints officer will contact you" in ack.body
    assert "We will respond by 17 March 2025" in ack.body
    directorate = org["children"].directorate_id
    assert f"http://127.0.0.1:8000/public/equality/?directorate={directorate}" in ack.body
    assert case.equality_form_sent == date(2025, 3, 3)
    # Kept on the case, so its letters and timeline show what was sent.
    kept = case.correspondence.get()
    assert (kept.direction, kept.kind, kept.via) == ("out", "acknowledgement", "email")
    assert (kept.subject, kept.recipient) == (ack.subject, "sam@example.org")


def test_feedback_invite_links_to_the_generic_survey(org, now):
    case = Case.objects.create(
        reference="COM/9",
        procedure="corporate",
        service_area=org["highways"],
        received=date(2025, 1, 6),
        status="closed",
        complainant_email="jo@example.org",
        complainant_name="Jo",
    )
    feedback_invite_send(case)
    (message,) = mail.outbox
    assert message.to == ["jo@example.org"]
    urls = re.findall(r"https?://\S+", message.body)
    assert urls == [
        f"http://127.0.0.1:8000/public/feedback/?directorate={org['highways'].directorate_id}"
    ]


def test_feedback_invite_skips_a_case_with_no_email(org):
    case = Case.objects.create(
        reference="COM/10",
        procedure="corporate",
        service_area=org["highways"],
        received=date(2025, 1, 6),
        status="closed",
    )
    assert feedback_invite_send(case) is None and mail.outbox == []


def test_email_task_sends_through_the_configured_backend(db):
    email_deliver.enqueue(subject="Hello", body="Body\n", to=["a@example.org"])
    assert [(m.subject, m.to, m.from_email) for m in mail.outbox] == [
        ("Hello", ["a@example.org"], "complaints@example.gov.uk")
    ]


def test_notify_backend_sends_each_recipient_through_the_generic_template(settings):
    settings.NOTIFY_API_KEY = "test-key"
    settings.NOTIFY_TEMPLATE_ID = "template-123"
    with mock.patch("complaintsdesk.notifications.backends.NotificationsAPIClient") as client_class:
        backend = NotifyEmailBackend()
        sent = backend.send_messages(
            [EmailMessage("Subject", "Body", to=["a@example.org", "b@example.org"])]
        )
    assert sent == 1
    client_class.assert_called_once_with("test-key")
    calls = client_class.return_value.send_email_notification.call_args_list
    assert [c.kwargs["email_address"] for c in calls] == ["a@example.org", "b@example.org"]
    assert calls[0].kwargs["template_id"] == "template-123"
    assert calls[0].kwargs["personalisation"] == {"subject": "Subject", "body": "Body"}


def test_notify_backend_errors_raise_unless_silent(settings):
    from notifications_python_client.errors import APIError

    settings.NOTIFY_API_KEY, settings.NOTIFY_TEMPLATE_ID = "k", "t"
    with mock.patch("complaintsdesk.notifications.backends.NotificationsAPIClient") as client_class:
        client_class.return_value.send_email_notification.side_effect = APIError()
        with pytest.raises(APIError):
            NotifyEmailBackend().send_messages([EmailMessage("S", "B", to=["a@example.org"])])
        assert (
            NotifyEmailBackend(fail_silently=True).send_messages(
                [EmailMessage("S", "B", to=["a@x.org"])]
            )
            == 0
        )


def test_notify_backend_needs_its_settings(settings):
    settings.NOTIFY_API_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        NotifyEmailBackend()


def test_every_message_is_a_template():
    from pathlib import Path

    import complaintsdesk.notifications as package

    folder = Path(package.__file__).parent / "templates" / "notifications"
    names = {p.stem for p in folder.glob("*.txt")}
    assert {
        "acknowledgement",
        "case_received_team",
        "compliment_received_team",
        "feedback_invite",
        "reminder",
    } <= names
