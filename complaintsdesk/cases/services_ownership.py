"""Who has a case: the triage queue every route feeds, owners and responding managers.

`case_mark_for_triage` is the one way an existing case joins the queue (a reopened case, a
reply the mailbox could not place); a new case joins it through `case_create` without a
first stage. Reassigning is audited with user ids only, and tells the new owner by email.
"""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from complaintsdesk.accounts.roles import CASEWORK_ROLES, RESPONDER, roles_of
from complaintsdesk.cases import access
from complaintsdesk.cases.models import Case
from complaintsdesk.cases.services import case_lock
from complaintsdesk.cases.writable import case_write
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError

# The audit reason codes for joining the queue (never free text: the audit holds no words).
TRIAGE_REASONS = ("reopened", "unmatched_reply", "returned")
BULK_LIMIT = 200  # one form's worth; a larger move is a data job, not a page


def _name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


@transaction.atomic
@case_write
def case_mark_for_triage(
    *, actor: Any, case: Case, reason: str, expected_version: int | None = None
) -> Case:
    """Put an existing case (with no stage yet) back in the triage queue."""
    if reason not in TRIAGE_REASONS:
        raise ValueError(f"Unknown triage reason {reason!r}")
    if case.stages.exists():
        raise ServiceError("This case has a stage: it is past triage.")
    case_lock(case=case, expected_version=expected_version)
    now = timezone.now()
    Case.objects.filter(pk=case.pk).update(
        status="awaiting_triage", triage_since=now, triaged_at=None, current_stage=""
    )
    case.status, case.triage_since, case.triaged_at = "awaiting_triage", now, None
    audit_record(
        actor=actor,
        kind="case.marked_for_triage",
        case_reference=case.reference,
        obj=case,
        payload={"reason": reason},
    )
    return case


def _check_owner(owner: Any) -> None:
    if not owner.is_active or not roles_of(owner) & CASEWORK_ROLES:
        raise ServiceError(
            f"{_name(owner)} is not in the complaints team, so cannot own cases.", field="owner"
        )


def _check_responding_manager(case: Case, manager: Any) -> None:
    if not manager.is_active or RESPONDER not in roles_of(manager):
        raise ServiceError(
            f"{_name(manager)} is not a responding manager.", field="responding_manager"
        )
    if case.team_id is None or case.team_id not in access.team_ids_of(manager):
        where = f"team {case.team.name}" if case.team is not None else "a team on this case"
        raise ServiceError(
            f"{_name(manager)} is not in {where}, so could not see the case. "
            "Set the case's team first, or add them to it.",
            field="responding_manager",
        )


def _notify_owner(*, owner: Any, actor: Any, references: list[str]) -> None:
    # Imported here: notifications builds on cases, not the other way round.
    from complaintsdesk.notifications.services import owner_notify_assigned

    if owner is not None and owner.pk != getattr(actor, "pk", None) and owner.email:
        owner_notify_assigned(owner=owner, actor=actor, references=references)


def _reassign_one(
    *, actor: Any, case: Case, owner: Any, responding_manager: Any, expected_version: int | None
) -> bool:
    """Write one case's new people and its audit event; False when nothing changed."""
    new_owner_id = owner.pk if owner is not None else case.owner_id
    new_manager_id = (
        responding_manager.pk if responding_manager is not None else case.responding_manager_id
    )
    if (new_owner_id, new_manager_id) == (case.owner_id, case.responding_manager_id):
        return False
    case_lock(case=case, expected_version=expected_version)
    payload = {
        "owner_from": case.owner_id,
        "owner_to": new_owner_id,
        "responding_manager_from": case.responding_manager_id,
        "responding_manager_to": new_manager_id,
    }
    Case.objects.filter(pk=case.pk).update(
        owner_id=new_owner_id, responding_manager_id=new_manager_id
    )
    case.owner_id, case.responding_manager_id = new_owner_id, new_manager_id
    audit_record(
        actor=actor,
        kind="case.reassigned",
        case_reference=case.reference,
        obj=case,
        payload=payload,
    )
    return True


@transaction.atomic
@case_write
def case_reassign(
    *,
    actor: Any,
    case: Case,
    owner: Any = None,
    responding_manager: Any = None,
    expected_version: int | None,
) -> Case:
    """Give the case a new owner and/or responding manager (None: unchanged)."""
    if owner is None and responding_manager is None:
        raise ServiceError("Choose a new owner or responding manager.", field="owner")
    if owner is not None:
        _check_owner(owner)
    if responding_manager is not None:
        _check_responding_manager(case, responding_manager)
    owner_changed = owner is not None and owner.pk != case.owner_id
    changed = _reassign_one(
        actor=actor,
        case=case,
        owner=owner,
        responding_manager=responding_manager,
        expected_version=expected_version,
    )
    if changed and owner_changed:
        _notify_owner(owner=owner, actor=actor, references=[case.reference])
    return case


@transaction.atomic
@case_write
def cases_reassign(*, actor: Any, cases: Sequence[Case], owner: Any) -> list[Case]:
    """Give every case in `cases` to `owner` (the bulk action on the case list): all or none.

    `cases` come from the caller's visible cases. Each change is its own audit event; the new
    owner gets one email listing the references.
    """
    if not cases:
        raise ServiceError("Choose at least one case to reassign.", field="cases")
    if len(cases) > BULK_LIMIT:
        raise ServiceError(
            f"Reassign at most {BULK_LIMIT} cases at a time; filter the list to fewer.",
            field="cases",
        )
    _check_owner(owner)
    moved = [
        case
        for case in cases
        if _reassign_one(
            actor=actor, case=case, owner=owner, responding_manager=None, expected_version=None
        )
    ]
    if moved:
        _notify_owner(owner=owner, actor=actor, references=[c.reference for c in moved])
    return moved
