"""Write audit events. Services call `audit_record` inside their own transaction."""

from typing import Any

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
