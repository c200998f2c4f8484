"""The children's stage 1 clock paused while an advocate is arranged (domain.md).

One pause per stage, with its first and last day and the reason; recording it again
replaces it (the page), unless the caller asks not to (the API, where a second pause is a
mistake to be told about). `stage_resume` sets the last day of the pause there is. The due
date moves by the working days paused (`workflow.rules`), and every count that reads the
stored `due` and `working_days_taken` (lists, reminders, exports, figures) follows.
"""

from datetime import date
from typing import Any

from django.db import transaction

from complaintsdesk.cases.models import Stage
from complaintsdesk.cases.services import _open_stage, _save_stage, case_lock
from complaintsdesk.cases.writable import case_write
from complaintsdesk.core import vocabulary as v
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.workflow import rules


def stage_pause_check(
    *, procedure: str, stage: str, started: date, paused_from: date, paused_to: date, reason: str
) -> str | None:
    """Why a pause is refused, in words; None when it is allowed."""
    if not rules.pause_allowed(procedure, stage):
        return (
            f"The clock cannot pause at {v.STAGE[stage]} of this procedure: only the "
            "children's stage 1 may pause while an advocate is arranged."
        )
    if not reason.strip():
        return "Give the reason for the pause."
    if paused_to < paused_from:
        return "The pause cannot end before it starts."
    if paused_from < started:
        return "The pause cannot start before the stage started."
    return None


@transaction.atomic
@case_write
def stage_pause(
    *,
    actor: Any,
    stage: Stage,
    paused_from: date,
    paused_to: date,
    reason: str,
    expected_version: int | None = None,
    replace: bool = True,
) -> Stage:
    """Record (or replace) the stage's pause; the due date moves by the working days paused."""
    _open_stage(stage)
    if not replace and stage.paused_from is not None and stage.paused_to is not None:
        raise ServiceError(
            f"The clock is already paused from {stage.paused_from:%d %B %Y} to "
            f"{stage.paused_to:%d %B %Y}; resume it to change the last day.",
            field="paused_from",
        )
    refusal = stage_pause_check(
        procedure=stage.case.procedure,
        stage=stage.kind,
        started=stage.started,
        paused_from=paused_from,
        paused_to=paused_to,
        reason=reason,
    )
    if refusal:
        field = "reason" if "reason" in refusal else "paused_from"
        raise ServiceError(refusal, field=field)
    case_lock(case=stage.case, expected_version=expected_version)
    was_due = stage.due
    stage.paused_from, stage.paused_to = paused_from, paused_to
    stage.pause_reason = reason.strip()
    _save_stage(stage, ["paused_from", "paused_to", "pause_reason"])
    audit_record(
        actor=actor,
        kind="stage.paused",
        case_reference=stage.case.reference,
        obj=stage,
        # The reason may name people: it stays on the stage, not in the audit.
        payload={
            "stage": stage.kind,
            "paused_from": paused_from.isoformat(),
            "paused_to": paused_to.isoformat(),
            "due_was": was_due.isoformat() if was_due else None,
            "due": stage.due.isoformat() if stage.due else None,
        },
    )
    return stage


@transaction.atomic
@case_write
def stage_resume(
    *, actor: Any, stage: Stage, paused_to: date, expected_version: int | None = None
) -> Stage:
    """End the stage's pause on `paused_to` (its last paused day; earlier or later than planned)."""
    _open_stage(stage)
    if stage.paused_from is None:
        raise ServiceError("The clock is not paused on this stage.", field="paused_to")
    if paused_to < stage.paused_from:
        raise ServiceError(
            f"The pause cannot end before it started on {stage.paused_from:%d %B %Y}.",
            field="paused_to",
        )
    case_lock(case=stage.case, expected_version=expected_version)
    was_due, was_to = stage.due, stage.paused_to
    stage.paused_to = paused_to
    _save_stage(stage, ["paused_to"])
    audit_record(
        actor=actor,
        kind="stage.resumed",
        case_reference=stage.case.reference,
        obj=stage,
        payload={
            "stage": stage.kind,
            "paused_from": stage.paused_from.isoformat(),
            "paused_to_was": was_to.isoformat() if was_to else None,
            "paused_to": paused_to.isoformat(),
            "due_was": was_due.isoformat() if was_due else None,
            "due": stage.due.isoformat() if stage.due else None,
        },
    )
    return stage
