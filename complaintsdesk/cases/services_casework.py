"""Case-level writes the stage services do not cover: closing a case not taken forward,
reopening it, and recording that someone read a case's personal data."""

from typing import Any

from django.db import transaction

from complaintsdesk.cases.models import Case
from complaintsdesk.cases.services import case_lock
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError


@transaction.atomic
def case_close(*, actor: Any, case: Case, reason: str, expected_version: int | None) -> Case:
    """Close a case that will not go through a stage (e.g. out of scope, not a complaint).

    A case with stages closes by its last stage's response or withdrawal instead.
    """
    if case.status == "closed":
        raise ServiceError("This case is already closed.")
    if case.stages.exists():
        raise ServiceError("This case has a stage: respond to it or withdraw it to close the case.")
    if not reason.strip():
        raise ServiceError("Give the reason for closing the case.", field="reason")
    case_lock(case=case, expected_version=expected_version)
    Case.objects.filter(pk=case.pk).update(status="closed", current_stage="", current_due=None)
    case.status = "closed"
    audit_record(actor=actor, kind="case.closed", case_reference=case.reference, obj=case)
    return case


@transaction.atomic
def case_reopen(*, actor: Any, case: Case, expected_version: int | None) -> Case:
    """Reopen a case closed without a stage: it goes back to awaiting triage."""
    if case.status != "closed" or case.stages.exists():
        raise ServiceError(
            "Only a case closed before triage can be reopened here; reopen its stage instead."
        )
    case_lock(case=case, expected_version=expected_version)
    Case.objects.filter(pk=case.pk).update(status="awaiting_triage")
    case.status = "awaiting_triage"
    audit_record(actor=actor, kind="case.reopened", case_reference=case.reference, obj=case)
    return case


def case_viewed(*, actor: Any, case: Case) -> None:
    """Record a read of the case's personal data (the case page, a document)."""
    audit_record(actor=actor, kind="case.viewed", case_reference=case.reference, obj=case)
