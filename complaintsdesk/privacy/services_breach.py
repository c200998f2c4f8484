"""The breach log: recording a personal data breach (from a case or not), the decision on
reporting it to the ICO within 72 hours, and its outcome and lessons. Each write audited;
the audit payload holds no description (it may name people)."""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from complaintsdesk.cases.models import Case, DataBreach
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.deadlines.calendar import breach_report_deadline


def _reference(breach: DataBreach) -> str:
    return breach.case.reference if breach.case_id and breach.case else ""


@transaction.atomic
def breach_record(
    *,
    actor: Any,
    occurred: date,
    aware_at: datetime,
    description: str,
    case: Case | None = None,
) -> DataBreach:
    now = timezone.now()
    if not description.strip():
        raise ServiceError("Describe what happened.", field="description")
    if aware_at > now:
        raise ServiceError("The council cannot have become aware in the future.", field="aware_at")
    if occurred > aware_at.date():
        raise ServiceError(
            "The breach cannot have happened after the council became aware of it.",
            field="occurred",
        )
    breach = DataBreach.objects.create(
        case=case,
        occurred=occurred,
        aware_at=aware_at,
        description=description.strip(),
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        kind="breach.recorded",
        case_reference=case.reference if case else "",
        obj=breach,
        payload={"occurred": occurred.isoformat(), "aware_at": aware_at.isoformat()},
    )
    return breach


@transaction.atomic
def breach_decide(
    *,
    actor: Any,
    breach: DataBreach,
    decision: str,
    reason: str,
    reported_to_ico: date | None = None,
    ico_reference: str = "",
) -> DataBreach:
    """Record whether the breach is reported to the ICO, and why."""
    breach = (
        DataBreach.objects.select_for_update(of=("self",)).select_related("case").get(pk=breach.pk)
    )
    if decision not in DataBreach.DECISIONS:
        raise ServiceError("Choose whether the breach is reported to the ICO.", field="decision")
    if not reason.strip():
        raise ServiceError("Give the reason for the decision.", field="reason")
    if decision == "report" and reported_to_ico is None:
        raise ServiceError("Enter the date it was reported to the ICO.", field="reported_to_ico")
    if decision == "not_report" and (reported_to_ico or ico_reference):
        raise ServiceError("A breach not reported has no ICO date or reference.", field="decision")
    if reported_to_ico is not None and reported_to_ico < breach.occurred:
        raise ServiceError(
            "It cannot have been reported before it happened.", field="reported_to_ico"
        )
    breach.decision, breach.decision_reason = decision, reason.strip()
    breach.decided_at = timezone.now()
    breach.reported_to_ico, breach.ico_reference = reported_to_ico, ico_reference.strip()
    breach.save(
        update_fields=[
            "decision",
            "decision_reason",
            "decided_at",
            "reported_to_ico",
            "ico_reference",
        ]
    )
    late = breach.aware_at is not None and breach.decided_at > breach_deadline(breach)
    audit_record(
        actor=actor,
        kind="breach.decided",
        case_reference=_reference(breach),
        obj=breach,
        payload={"decision": decision, "after_72_hours": late},
    )
    return breach


@transaction.atomic
def breach_close(
    *, actor: Any, breach: DataBreach, outcome: str, lessons: str, on: date
) -> DataBreach:
    breach = (
        DataBreach.objects.select_for_update(of=("self",)).select_related("case").get(pk=breach.pk)
    )
    if not breach.decision:
        raise ServiceError("Record the decision on reporting it to the ICO first.")
    if not outcome.strip():
        raise ServiceError("Describe the outcome.", field="outcome")
    if on < breach.occurred:
        raise ServiceError("It cannot have closed before it happened.", field="on")
    breach.outcome, breach.lessons, breach.closed_on = outcome.strip(), lessons.strip(), on
    breach.save(update_fields=["outcome", "lessons", "closed_on"])
    audit_record(actor=actor, kind="breach.closed", case_reference=_reference(breach), obj=breach)
    return breach


def breach_deadline(breach: DataBreach) -> datetime:
    assert breach.aware_at is not None
    return breach_report_deadline(breach.aware_at)
