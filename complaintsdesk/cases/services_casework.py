"""Case-level writes the stage services do not cover: closing a case not taken forward,
reopening it, restricting it to named people, and recording that someone read a case's
personal data."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from complaintsdesk.cases import access
from complaintsdesk.cases.models import Case
from complaintsdesk.cases.services import case_lock
from complaintsdesk.cases.writable import case_write
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError


@transaction.atomic
@case_write
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
@case_write
def case_reopen(*, actor: Any, case: Case, expected_version: int | None) -> Case:
    """Reopen a case closed without a stage: it goes back to awaiting triage."""
    if case.status != "closed" or case.stages.exists():
        raise ServiceError(
            "Only a case closed before triage can be reopened here; reopen its stage instead."
        )
    case_lock(case=case, expected_version=expected_version)
    now = timezone.now()  # it rejoins the triage queue, waiting from now
    Case.objects.filter(pk=case.pk).update(
        status="awaiting_triage", triage_since=now, triaged_at=None
    )
    case.status, case.triage_since, case.triaged_at = "awaiting_triage", now, None
    audit_record(actor=actor, kind="case.reopened", case_reference=case.reference, obj=case)
    return case


def case_viewed(*, actor: Any, case: Case) -> None:
    """Record a read of the case's personal data (the case page, a document)."""
    audit_record(actor=actor, kind="case.viewed", case_reference=case.reference, obj=case)


@transaction.atomic
@case_write
def case_restrict(
    *,
    actor: Any,
    case: Case,
    restricted: bool,
    named_users: Iterable[Any],
    expected_version: int | None,
) -> Case:
    """Restrict the case to the complaints managers and `named_users`, or lift the restriction.

    Only people whose roles already reach the case can be named: naming narrows access, it
    never widens it. Lifting the restriction clears the names (they would mean nothing).
    The audit event holds user ids only.
    """
    named = {user.pk: user for user in named_users}
    if named and not restricted:
        raise ServiceError("Only a restricted case has named people.", field="named_users")
    if named:
        reach = set(
            access.users_seeing_by_role(case).filter(pk__in=named).values_list("pk", flat=True)
        )
        outside = sorted(
            (user for pk, user in named.items() if pk not in reach),
            key=lambda user: user.get_username(),
        )
        if outside:
            people = ", ".join(user.get_full_name() or user.get_username() for user in outside)
            raise ServiceError(
                f"Their roles do not let them see this case, so naming them would not either: "
                f"{people}. Appoint them to a stage or add them to the case's team first.",
                field="named_users",
            )
    case_lock(case=case, expected_version=expected_version)
    before = set(case.restricted_to.values_list("pk", flat=True))
    was_restricted = Case.objects.values_list("restricted", flat=True).get(pk=case.pk)
    if was_restricted != restricted:
        Case.objects.filter(pk=case.pk).update(restricted=restricted)
        case.restricted = restricted
    case.restricted_to.set(named.values())  # the m2m signal tells the access module
    # The flag is not an m2m change: say so, now and again once it is visible to everyone.
    access.access_changed()
    transaction.on_commit(access.access_changed)
    audit_record(
        actor=actor,
        kind="case.access_changed",
        case_reference=case.reference,
        obj=case,
        payload={
            "restricted": restricted,
            "was_restricted": was_restricted,
            "named": sorted(named),
            "added": sorted(set(named) - before),
            "removed": sorted(before - set(named)),
        },
    )
    return case
