"""The live cases' letters and emails, written through the correspondence services.

A letter is composed from the shipped template at the moment of the case's life it belongs
to (just after the acknowledgement, the extension or the response is recorded), so its
merged dates are the ones the deadline engine held then. The demo is built in one go on
the day it runs, so each letter's time is set to its day afterwards: the case's timeline
then reads in the order the case was worked. Emails that arrived carry their own date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from complaintsdesk.cases.models import Case
from complaintsdesk.correspondence.mail import ParsedMail
from complaintsdesk.correspondence.models import Correspondence
from complaintsdesk.correspondence.services import letter_compose, letter_send
from complaintsdesk.correspondence.services_mail import mail_receive

# Why a children's stage 1 clock paused: no names, as in every demo free text.
PAUSE_REASONS: tuple[str, ...] = (
    "The young person asked for an advocate; the advocacy service is arranging one.",
    "The child wants an advocate to help put their views; waiting for the advocacy service.",
    "An advocate was arranged for the young person before the investigation went on.",
)

# What the officer writes in place of the shipped response's bracketed guidance.
FINDINGS: dict[str, str] = {
    "upheld": (
        "We found that the service did not do what it told you it would, and did not keep "
        "you informed. The service manager will review how updates are given to families."
    ),
    "partly_upheld": (
        "We found that some of what you raised happened as you describe, and some did not. "
        "Where we fell short, the team manager has agreed the changes set out below."
    ),
    "not_upheld": (
        "We looked at the records and spoke to the staff involved. We found that the team "
        "followed the procedure and kept you informed, so we do not uphold your complaint."
    ),
}

# Emails from complainants, by what they are about: (subject, text). No names.
EMAILS: dict[str, tuple[str, str]] = {
    "advocate": (
        "Re: {reference} - an advocate",
        "Hello\n\nMy son would like an advocate to help him say what he thinks before you "
        "look into this. Can you arrange one please?\n\nThank you",
    ),
    "advocate_found": (
        "Re: {reference} - advocate",
        "Hello\n\nThe advocate has now met my daughter and she is happy for you to carry "
        "on.\n\nThank you",
    ),
    "extension_agreed": (
        "Re: {reference} - more time",
        "Hello\n\nThank you for calling me. I am happy for you to take longer so that you "
        "can get the information you need.\n\nKind regards",
    ),
    "escalate": (
        "Re: {reference} - stage 2",
        "Hello\n\nI am not happy with the response I received. Please look at my complaint "
        "again at stage 2.\n\nKind regards",
    ),
}

_RESPONSE_KINDS = {f"response_{outcome}" for outcome in FINDINGS}


def _on(day: date) -> datetime:
    """Mid-morning of `day`, the council's time: the letter's or email's time of day."""
    return datetime.combine(day, time(10, 30), tzinfo=ZoneInfo(settings.TIME_ZONE))


def letter_keep(*, actor: Any, case: Case, kind: str, on: date) -> Correspondence:
    """Compose the letter of `kind` from the case as it stands and keep it as a Word letter."""
    composed = letter_compose(case=case, kind=kind, actor=actor, today=on)
    body = composed.body
    if kind in _RESPONSE_KINDS:
        finding = FINDINGS[kind.removeprefix("response_")]
        body = re.sub(r"\[[^\]]*\]", finding, body, count=1)
    item = letter_send(
        actor=actor,
        case=case,
        kind=kind,
        subject=composed.subject,
        body=body,
        via="docx",
        today=on,
    )
    Correspondence.objects.filter(pk=item.pk).update(at=_on(on))
    return item


def email_keep(*, case: Case, about: str, on: date) -> Correspondence:
    """An email from the complainant, arrived in the shared mailbox on `on`."""
    subject, text = EMAILS[about]
    number = re.sub(r"\D", "", case.reference)
    mail = ParsedMail(
        message_id=f"<demo-{about}-{number}@example.com>",
        subject=subject.format(reference=case.reference),
        sender_name=case.complainant_name,
        sender_address=case.complainant_email,
        recipients=settings.COMPLAINTS_TEAM_EMAIL,
        sent_at=_on(on),
        body=text,
    )
    return mail_receive(mail=mail, via="mailbox", today=on, case=case).correspondence
