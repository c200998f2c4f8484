"""Background delivery: requests and the reminder job enqueue; the worker sends the mail."""

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task


@task()
def email_deliver(*, subject: str, body: str, to: list[str]) -> int:
    """Send one rendered message. Arguments are plain strings so the task row is JSON."""
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    return message.send()
