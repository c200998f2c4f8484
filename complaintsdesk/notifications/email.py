"""Render a message from its template and hand it to the background task.

Each message is one template, `notifications/<name>.txt`: the first line is the subject,
then a blank line, then the body. Keeping both in one file keeps them edited together.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string

from complaintsdesk.notifications.tasks import email_deliver


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    body: str


def email_render(*, template: str, context: dict[str, Any]) -> RenderedEmail:
    text = render_to_string(f"notifications/{template}.txt", context)
    subject, _, body = text.lstrip().partition("\n")
    return RenderedEmail(subject=subject.strip(), body=body.strip() + "\n")


def email_send(*, template: str, to: list[str], context: dict[str, Any]) -> RenderedEmail:
    """Render now, deliver in the background once the current transaction commits."""
    rendered = email_render(template=template, context=context)
    recipients = [address for address in to if address]
    if recipients:
        transaction.on_commit(
            lambda: email_deliver.enqueue(
                subject=rendered.subject, body=rendered.body, to=recipients
            )
        )
    return rendered
