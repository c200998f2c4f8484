"""Learning and actions from complaints, and compliments."""

import uuid
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F

from complaintsdesk.cases.models import Case, Compliment, Learning, ServiceArea, Team
from complaintsdesk.cases.writable import case_write
from complaintsdesk.core import vocabulary as v
from complaintsdesk.core.audit import audit_recent, audit_record
from complaintsdesk.core.errors import ServiceError, StaleEditError
from complaintsdesk.core.models import AuditEvent

LEARNING_FIELDS = ("learning", "action", "status", "owner", "due", "completed", "evidence")


def _check(status: str, learning: str, service_area: ServiceArea, team: Team | None) -> None:
    if status not in v.LEARNING_STATUS:
        raise ServiceError("Choose the status of the action.", field="status")
    if not learning.strip():
        raise ServiceError("Say what was learned.", field="learning")
    if team is not None and team.service_area_id != service_area.pk:
        raise ServiceError(f"Team {team.name} is not in {service_area.name}.", field="team")


@transaction.atomic
@case_write
def learning_create(
    *,
    actor: Any,
    service_area: ServiceArea,
    recorded: date,
    learning: str,
    status: str,
    case: Case | None = None,
    team: Team | None = None,
    action: str = "",
    owner: str = "",
    due: date | None = None,
    evidence: str = "",
) -> Learning:
    _check(status, learning, service_area, team)
    row = Learning.objects.create(
        key=f"L-{uuid.uuid4().hex[:12]}",
        case=case,
        service_area=service_area,
        team=team,
        recorded=recorded,
        learning=learning.strip(),
        action=action.strip(),
        status=status,
        owner=owner.strip(),
        due=due,
        evidence=evidence.strip(),
        completed=recorded if status == "implemented" else None,
    )
    audit_record(
        actor=actor,
        kind="learning.created",
        case_reference=case.reference if case else "",
        obj=row,
        payload={"status": status},
    )
    return row


@transaction.atomic
def learning_update(*, actor: Any, record: Learning, today: date, **changes: Any) -> Learning:
    """Update an action's progress; `completed` is set the first time it is implemented.

    The row is `record`: its text is the field `learning`, which arrives among `changes`."""
    unknown = set(changes) - set(LEARNING_FIELDS)
    if unknown:
        raise TypeError(f"learning_update got unknown fields: {sorted(unknown)}")
    status = changes.get("status", record.status)
    _check(status, changes.get("learning", record.learning), record.service_area, record.team)
    changed = sorted(k for k, value in changes.items() if getattr(record, k) != value)
    for name, value in changes.items():
        setattr(record, name, value.strip() if isinstance(value, str) else value)
    if status == "implemented" and record.completed is None:
        record.completed = today
    record.save()
    case = record.case if record.case_id else None
    audit_record(
        actor=actor,
        kind="learning.updated",
        case_reference=case.reference if case is not None else "",
        obj=record,
        payload={"fields": changed, "status": status},
    )
    return record


def _check_compliment(service_area: ServiceArea, team: Team | None, summary: str) -> None:
    if team is not None and team.service_area_id != service_area.pk:
        raise ServiceError(f"Team {team.name} is not in {service_area.name}.", field="team")
    if not summary.strip():
        raise ServiceError("Summarise the compliment.", field="summary")


@transaction.atomic
def compliment_create(
    *, actor: Any, received: date, service_area: ServiceArea, team: Team | None, summary: str
) -> Compliment:
    _check_compliment(service_area, team, summary)
    row = Compliment.objects.create(
        key=f"C-{uuid.uuid4().hex[:12]}",
        received=received,
        service_area=service_area,
        team=team,
        summary=summary.strip(),
    )
    audit_record(actor=actor, kind="compliment.created", obj=row)
    return row


@transaction.atomic
def compliment_update(
    *,
    actor: Any,
    compliment: Compliment,
    version: int,
    received: date,
    service_area: ServiceArea,
    team: Team | None,
    summary: str,
) -> Compliment:
    """Correct a compliment. Refused, with nothing written, if someone saved it since
    `version` was loaded."""
    _check_compliment(service_area, team, summary)
    values = {
        "received": received,
        "service_area_id": service_area.pk,
        "team_id": team.pk if team is not None else None,
        "summary": summary.strip(),
    }
    changed = sorted(
        k.removesuffix("_id") for k, v in values.items() if getattr(compliment, k) != v
    )
    saved = Compliment.objects.filter(pk=compliment.pk, version=version).update(
        version=F("version") + 1, **values
    )
    if saved == 0:
        changes = audit_recent(
            AuditEvent.objects.filter(object_type="compliment", object_id=str(compliment.pk))
        )
        raise StaleEditError(
            "Someone else changed this compliment after you opened it. Nothing you entered was "
            "saved; reload it to see their changes, then make yours again.",
            changes=changes,
        )
    compliment.refresh_from_db()
    audit_record(
        actor=actor, kind="compliment.updated", obj=compliment, payload={"fields": changed}
    )
    return compliment
