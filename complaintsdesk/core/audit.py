"""Write audit events. Services call `audit_record` inside their own transaction."""

from typing import Any

from django.db.models import QuerySet

from complaintsdesk.core.models import AuditEvent


def audit_record(
    *,
    actor: Any,
    kind: str,
    case_reference: str = "",
    obj: Any = None,
    payload: dict[str, Any] | None = None,
) -> AuditEvent:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        kind=kind,
        case_reference=case_reference,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        payload=payload or {},
    )


def audit_recent(events: QuerySet[AuditEvent], n: int = 5) -> list[str]:
    """The latest `n` events as lines a person can read: when, what, by whom (a refused
    stale edit shows them, so the person knows what changed)."""
    return [
        f"{e.at:%d %b %Y %H:%M} {e.kind} by {e.actor.get_username() if e.actor else 'the system'}"
        for e in events.select_related("actor").order_by("-at")[:n]
    ]
