"""Writes: an email that arrived, kept on the case it belongs to or logged as a new case.

From the shared mailbox (`mailbox.py`) a message quoting an existing case's reference is
attached to that case; any other becomes a new case awaiting triage (channel "email"); an
automatic one (an out-of-office, a bounce: `automatic.py`) is set aside, recorded and
counted but kept on no case, so it starts no triage and no reply. A
saved `.eml` or `.msg` dropped onto a case is attached to that case. Attachments go through
`document_upload`, so they are checked exactly like uploads; one refused is named, not kept.
"""

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from complaintsdesk.cases.models import Case, ServiceArea
from complaintsdesk.cases.services import case_create
from complaintsdesk.cases.services_documents import document_upload
from complaintsdesk.cases.writable import case_write
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.correspondence.automatic import AUTOMATIC_REASONS
from complaintsdesk.correspondence.mail import ParsedMail, references_quoted
from complaintsdesk.correspondence.models import Correspondence, MailboxMessage
from complaintsdesk.intake.timescales import likely_procedure

SUMMARY_MAX_CHARS = 5_000


@dataclass(frozen=True)
class MailReceived:
    correspondence: Correspondence
    case: Case
    new_case: bool
    already_kept: bool = False  # the same message was on the case already: nothing written


def case_for_mail(mail: ParsedMail) -> Case | None:
    """The existing case whose reference the message quotes (subject first), if any. An
    anonymised case takes nothing more: a message quoting one is a new contact."""
    quoted = references_quoted(mail)
    if not quoted:
        return None
    live = Case.objects.filter(reference__in=quoted, anonymised_at__isnull=True)
    found = {c.reference: c for c in live}
    return next((found[r] for r in quoted if r in found), None)


def mailbox_service_area() -> ServiceArea:
    """Where new complaints by email are logged until triage: the configured service area,
    else the first one."""
    name = settings.MAILBOX.get("SERVICE_AREA", "")
    areas = ServiceArea.objects.select_related("directorate").order_by("name")
    area = (areas.filter(name=name).first() if name else None) or areas.first()
    if area is None:
        raise ServiceError("The council has not set up its services yet.")
    return area


def _case_from_mail(mail: ParsedMail, today: date) -> Case:
    area = mailbox_service_area()
    summary = f"{mail.subject}\n\n{mail.body}".strip()[:SUMMARY_MAX_CHARS]
    case = case_create(
        actor=None,
        procedure=likely_procedure(area),
        service_area=area,
        received=today,
        channel="email",
        received_via="mailbox",  # no first stage: it waits in the triage queue
        complainant_name=mail.sender_name[:200],
        complainant_email=mail.sender_address[:254],
        summary=summary,
    )
    return case


def _sender(mail: ParsedMail) -> str:
    if mail.sender_name:
        return f"{mail.sender_name} <{mail.sender_address}>"[:320]
    return mail.sender_address[:320]


@transaction.atomic
@case_write
def mail_receive(
    *, mail: ParsedMail, via: str, today: date, case: Case | None = None, actor: Any = None
) -> MailReceived:
    """Keep an email on `case`, or on the case it quotes, or on a new case awaiting triage."""
    new_case = False
    if case is None:
        case = case_for_mail(mail)
    if case is None:
        case, new_case = _case_from_mail(mail, today), True
    existing = case.correspondence.filter(message_id=mail.message_id).first()
    if existing is not None:
        return MailReceived(existing, case, new_case=False, already_kept=True)
    item = Correspondence.objects.create(
        case=case,
        direction="in",
        via=via,
        at=mail.sent_at or timezone.now(),
        by=actor if getattr(actor, "is_authenticated", False) else None,
        subject=mail.subject,
        body=mail.body,
        sender=_sender(mail),
        recipient=mail.recipients,
        message_id=mail.message_id,
    )
    refused: list[str] = []
    for attachment in mail.attachments:
        try:
            with transaction.atomic():  # a refused attachment leaves no half-written row
                document = document_upload(
                    actor=actor,
                    case=case,
                    title=attachment.name,
                    file=io.BytesIO(attachment.content),
                    size=len(attachment.content),
                )
        except ServiceError as refusal:
            refused.append(f"{attachment.name}: {refusal.message}")
            continue
        item.documents.add(document)
    if mail.attachments_left_out:
        refused.append(f"{mail.attachments_left_out} more attachment(s) not read: too many")
    if refused:
        item.attachments_refused = "\n".join(refused)[:2000]
        item.save(update_fields=["attachments_refused"])
    audit_record(
        actor=actor,
        kind="correspondence.email_received",
        case_reference=case.reference,
        obj=item,
        # Counts and how it came, never the sender, subject or file names.
        payload={
            "via": via,
            "new_case": new_case,
            "attachments_kept": item.documents.count(),
            "attachments_refused": len(refused),
        },
    )
    return MailReceived(item, case, new_case)


@transaction.atomic
def mail_set_aside(*, message_id: str, reason: str) -> MailboxMessage:
    """Record an automatic message as handled without keeping it on a case.

    The record is what makes the next run skip it; the audit event lets the team count
    what was set aside and why. Neither holds the sender, the subject or the words.
    """
    if reason not in AUTOMATIC_REASONS:
        raise ValueError(f"Unknown automatic reason {reason!r}")
    record, created = MailboxMessage.objects.get_or_create(
        message_id=message_id, defaults={"outcome": "automatic", "note": reason}
    )
    if created:
        audit_record(
            actor=None,
            kind="correspondence.automatic_set_aside",
            obj=record,
            payload={"reason": reason},
        )
    return record
