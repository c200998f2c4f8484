"""Writes: the council's letter templates, and letters produced or sent from a case.

Every letter is kept on the case as a `Correspondence` row; a Word or PDF letter (and a copy
of one posted by Notify) is also a case document, stored through `document_upload` so it is
checked like any upload. Audit events carry kinds and ids, never the letter's words.
"""

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from complaintsdesk.cases.models import Case
from complaintsdesk.cases.services_anonymise import ANONYMISED_NOTE, CHUNK
from complaintsdesk.cases.services_documents import document_upload
from complaintsdesk.cases.writable import case_write
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError, StaleEditError
from complaintsdesk.correspondence.merge import MERGE_FIELDS, merge_render, merge_unknown
from complaintsdesk.correspondence.models import LETTER_KINDS, VIA, Correspondence, LetterTemplate
from complaintsdesk.correspondence.render import LetterText, letter_docx, letter_pdf
from complaintsdesk.correspondence.selectors import letter_template, merge_values
from complaintsdesk.notifications.letters import (
    letter_post,
    notify_address_lines,
    notify_letters_configured,
)
from complaintsdesk.notifications.tasks import email_deliver
from complaintsdesk.workflow.rules import format_date

SEND_VIA = ("docx", "pdf", "email", "notify_letter")
SUBJECT_MAX = 300


def _fields(names: list[str]) -> str:
    return ", ".join("{{ " + name + " }}" for name in names)


@dataclass(frozen=True)
class Composed:
    kind: str
    subject: str
    body: str


def letter_compose(*, case: Case, kind: str, actor: Any, today: date) -> Composed:
    """The template of `kind` merged with the case's details, for the officer to check."""
    template = letter_template(kind)
    if template is None:
        raise ServiceError("Choose a kind of letter.", field="kind")
    values = merge_values(case=case, actor=actor, today=today)
    return Composed(
        kind, merge_render(template.subject, values), merge_render(template.body, values)
    )


@transaction.atomic
def letter_template_save(
    *, actor: Any, kind: str, subject: str, body: str, expected_version: int
) -> LetterTemplate:
    """Save the council's wording of one letter; refused with the reason if a field is unknown."""
    if kind not in LETTER_KINDS:
        raise ServiceError("There is no such letter.", field="kind")
    subject, body = subject.strip(), body.strip()
    if not subject:
        raise ServiceError("Enter the letter's subject.", field="subject")
    if not body:
        raise ServiceError("Enter the letter's text.", field="body")
    unknown = merge_unknown(subject + "\n" + body)
    if unknown:
        names = _fields(unknown)
        raise ServiceError(
            f"{names} is not a merge field. The merge fields are listed beside the form.",
            field="body",
        )
    saved = LetterTemplate.objects.filter(kind=kind).first()
    if saved is None:
        if expected_version != 0:
            raise StaleEditError(_STALE, changes=[])
        saved = LetterTemplate.objects.create(
            kind=kind, subject=subject, body=body, updated_by=actor
        )
    else:
        changed = LetterTemplate.objects.filter(pk=saved.pk, version=expected_version).update(
            subject=subject, body=body, updated_by=actor, version=F("version") + 1
        )
        if not changed:
            raise StaleEditError(_STALE, changes=[])
        saved.refresh_from_db()
    audit_record(
        actor=actor,
        kind="letter_template.saved",
        obj=saved,
        payload={"kind": kind, "version": saved.version},
    )
    return saved


_STALE = (
    "Someone else saved this template after you opened it. Nothing you entered was saved; "
    "reload it to see their wording, then make your changes again."
)


def _letter_text(case: Case, subject: str, body: str, today: date) -> LetterText:
    address = "\n".join(
        line for line in [case.complainant_name, case.complainant_address] if line.strip()
    )
    return LetterText(
        council=str(settings.COMPLAINTSDESK.get("COUNCIL_NAME", "The council")),
        date=format_date(today),
        address=address,
        subject=subject,
        body=body,
    )


def _keep_file(*, actor: Any, case: Case, kind: str, content: bytes, today: date) -> Any:
    return document_upload(
        actor=actor,
        case=case,
        title=f"{LETTER_KINDS[kind]} letter, {format_date(today)}",
        file=io.BytesIO(content),
        size=len(content),
    )


@transaction.atomic
@case_write
def letter_send(
    *,
    actor: Any,
    case: Case,
    kind: str,
    subject: str,
    body: str,
    via: str,
    today: date,
) -> Correspondence:
    """Produce the letter as Word or PDF, or send it by email or by post through Notify; keep
    it on the case either way."""
    if kind not in LETTER_KINDS:
        raise ServiceError("Choose a kind of letter.", field="kind")
    if via not in SEND_VIA:
        raise ServiceError("Choose how to send the letter.", field="via")
    subject, body = subject.strip()[:SUBJECT_MAX], body.strip()
    if not subject or not body:
        raise ServiceError("The letter needs a subject and some text.", field="body")
    left = merge_unknown(subject + "\n" + body)
    if left:
        raise ServiceError(
            f"The letter still has {_fields(left)} in it.",
            field="body",
        )
    letter = _letter_text(case, subject, body, today)
    recipient = ""
    address_lines: list[str] = []
    if via == "email":
        if not case.complainant_email:
            raise ServiceError(
                "The case has no email address for the complainant: add one, or send a letter.",
                field="via",
            )
        recipient = case.complainant_email
    elif via == "notify_letter":
        if not notify_letters_configured():
            raise ServiceError(
                "Letters by GOV.UK Notify are not set up: produce a PDF and post it instead.",
                field="via",
            )
        try:
            address_lines = notify_address_lines(case.complainant_name, case.complainant_address)
        except ValueError as refused:
            raise ServiceError(str(refused), field="via") from None
        recipient = ", ".join(address_lines[1:])
    item = Correspondence.objects.create(
        case=case,
        direction="out",
        kind=kind,
        via=via,
        at=timezone.now(),
        by=actor if getattr(actor, "is_authenticated", False) else None,
        subject=subject,
        body=body,
        recipient=recipient,
    )
    # Word to edit; PDF kept for a PDF and as the copy of what Notify posted.
    if via in ("docx", "pdf", "notify_letter"):
        content = letter_docx(letter) if via == "docx" else letter_pdf(letter)
        item.documents.add(
            _keep_file(actor=actor, case=case, kind=kind, content=content, today=today)
        )
    if via == "email":
        to = [recipient]
        transaction.on_commit(lambda: email_deliver.enqueue(subject=subject, body=body, to=to))
    elif via == "notify_letter":
        reference = case.reference
        transaction.on_commit(
            lambda: letter_post.enqueue(
                address_lines=address_lines, subject=subject, body=body, reference=reference
            )
        )
    produced = via in ("docx", "pdf")
    audit_record(
        actor=actor,
        kind="correspondence.letter_produced" if produced else "correspondence.letter_sent",
        case_reference=case.reference,
        obj=item,
        payload={"kind": kind, "via": via},
    )
    return item


def correspondence_anonymise(*, case_ids: list[int]) -> int:
    """Blank the words, senders and recipients of these cases' letters and emails, when
    retention or erasure anonymises the cases (their files went with the case's documents).
    What kind, how and when stay, as the case's dates and codes do. No audit event of its
    own: the case's `case.anonymised` event records the change."""
    blanked = 0
    for start in range(0, len(case_ids), CHUNK):
        blanked += Correspondence.objects.filter(
            case_id__in=case_ids[start : start + CHUNK]
        ).update(subject="", body=ANONYMISED_NOTE, sender="", recipient="", attachments_refused="")
    return blanked


def correspondence_record_sent(
    *, case: Case, kind: str, subject: str, body: str, recipient: str
) -> Correspondence:
    """Keep on the case an email the system itself sent (the public form's acknowledgement),
    so the case's letters and timeline show everything sent. No audit event of its own: the
    sending service records the change it made."""
    return Correspondence.objects.create(
        case=case,
        direction="out",
        kind=kind,
        via="email",
        at=timezone.now(),
        subject=subject[:SUBJECT_MAX],
        body=body,
        recipient=recipient,
    )


def via_choices(*, case: Case) -> list[tuple[str, str]]:
    """The ways this case's letter can go, best first: email only with an address, Notify
    only once it is set up."""
    found = [("pdf", VIA["pdf"]), ("docx", VIA["docx"])]
    if case.complainant_email:
        found.append(("email", f"{VIA['email']} to {case.complainant_email}"))
    if notify_letters_configured():
        found.append(("notify_letter", VIA["notify_letter"]))
    return found


__all__ = ["MERGE_FIELDS", "Composed", "letter_compose", "letter_send", "letter_template_save"]
