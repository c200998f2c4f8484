"""Subject access requests: logging one, confirming identity, extending, closing.

The due date follows `deadlines.calendar.subject_access_due` with the council's calendar:
one calendar month from receipt, or from the day identity was confirmed when that came later
(the ICO's guidance: the clock starts once the requester is known to be who they say).
"""

from datetime import date
from typing import Any

from django.db import transaction

from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.deadlines.calendar import subject_access_due
from complaintsdesk.deadlines.selectors import calendar_current
from complaintsdesk.people.models import Person
from complaintsdesk.privacy.models import SubjectAccessRequest


def _due(sar: SubjectAccessRequest) -> date:
    start = max(sar.received, sar.identity_checked or sar.received)
    return subject_access_due(start, calendar_current().non_working, extended=sar.extended)


def _check_dates(received: date, identity_checked: date | None, today: date) -> None:
    if received > today:
        raise ServiceError("The request cannot have been received in the future.", field="received")
    if identity_checked is not None and identity_checked < received:
        raise ServiceError(
            "Identity cannot have been confirmed before the request arrived.",
            field="identity_checked",
        )
    if identity_checked is not None and identity_checked > today:
        raise ServiceError("Identity cannot be confirmed in the future.", field="identity_checked")


@transaction.atomic
def sar_create(
    *,
    actor: Any,
    person: Person,
    received: date,
    today: date,
    requested_by: str = "",
    identity_checked: date | None = None,
    identity_evidence: str = "",
) -> SubjectAccessRequest:
    if person.merged_into_id is not None:
        raise ServiceError("This record was merged into another: log the request on that one.")
    _check_dates(received, identity_checked, today)
    sar = SubjectAccessRequest(
        person=person,
        received=received,
        requested_by=requested_by.strip(),
        identity_checked=identity_checked,
        identity_evidence=identity_evidence.strip(),
        created_by=actor,
    )
    sar.due = _due(sar)
    sar.save()
    audit_record(
        actor=actor,
        kind="sar.created",
        obj=sar,
        payload={"person": person.pk, "received": received.isoformat(), "due": sar.due.isoformat()},
    )
    return sar


def _open(sar: SubjectAccessRequest) -> SubjectAccessRequest:
    locked = SubjectAccessRequest.objects.select_for_update().get(pk=sar.pk)
    if locked.status != "open":
        raise ServiceError("This request is closed.")
    return locked


@transaction.atomic
def sar_identity_confirm(
    *, actor: Any, sar: SubjectAccessRequest, on: date, evidence: str, today: date
) -> SubjectAccessRequest:
    sar = _open(sar)
    _check_dates(sar.received, on, today)
    if not evidence.strip():
        raise ServiceError("Say what evidence of identity was seen.", field="evidence")
    sar.identity_checked, sar.identity_evidence = on, evidence.strip()
    sar.due = _due(sar)
    sar.save(update_fields=["identity_checked", "identity_evidence", "due"])
    audit_record(
        actor=actor, kind="sar.identity_confirmed", obj=sar, payload={"due": sar.due.isoformat()}
    )
    return sar


@transaction.atomic
def sar_extend(*, actor: Any, sar: SubjectAccessRequest, reason: str) -> SubjectAccessRequest:
    """Two further months, for a complex request or many from the same person (art. 12(3))."""
    sar = _open(sar)
    if sar.extended:
        raise ServiceError("This request has already been extended; it cannot be again.")
    if not reason.strip():
        raise ServiceError("Give the reason for the extension.", field="reason")
    sar.extended, sar.extension_reason = True, reason.strip()
    sar.due = _due(sar)
    sar.save(update_fields=["extended", "extension_reason", "due"])
    audit_record(actor=actor, kind="sar.extended", obj=sar, payload={"due": sar.due.isoformat()})
    return sar


@transaction.atomic
def sar_close(
    *, actor: Any, sar: SubjectAccessRequest, status: str, on: date, today: date
) -> SubjectAccessRequest:
    sar = _open(sar)
    if status not in ("disclosed", "withdrawn"):
        raise ServiceError(
            "Choose whether the data was disclosed or the request withdrawn.", field="status"
        )
    if on < sar.received or on > today:
        raise ServiceError("The date must be between receipt and today.", field="on")
    sar.status, sar.closed_on = status, on
    sar.save(update_fields=["status", "closed_on"])
    audit_record(
        actor=actor,
        kind=f"sar.{status}",
        obj=sar,
        payload={"on": on.isoformat(), "late": on > sar.due},
    )
    return sar


def sar_bundle_made(
    *,
    actor: Any,
    sar: SubjectAccessRequest,
    cases: list[str],
    documents: int,
    correspondence: int = 0,
) -> None:
    """Record that a disclosure bundle was produced (it holds personal data): counts and
    references only."""
    audit_record(
        actor=actor,
        kind="sar.bundle_made",
        obj=sar,
        payload={"cases": cases, "documents": documents, "correspondence": correspondence},
    )
