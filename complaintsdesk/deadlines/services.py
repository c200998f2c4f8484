"""Writes: the council's closure days and timescale rule versions, each audited."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from complaintsdesk.core.audit import audit_record
from complaintsdesk.deadlines.calendar import CALENDAR_FIRST, CALENDAR_LAST
from complaintsdesk.deadlines.models import ClosureDay, TimescaleRuleVersion


def closure_day_add(*, actor: Any, day: date, description: str) -> ClosureDay:
    if not CALENDAR_FIRST <= day <= CALENDAR_LAST:
        raise ValidationError({"date": "This date is outside the working-day calendar."})
    description = description.strip()
    if not description:
        raise ValidationError({"description": "Say why the council is closed on this day."})
    with transaction.atomic():
        if ClosureDay.objects.filter(date=day).exists():
            raise ValidationError({"date": "This day is already a closure day."})
        closure_day = ClosureDay.objects.create(date=day, description=description)
        audit_record(
            actor=actor,
            kind="calendar.closure_day_added",
            obj=closure_day,
            payload={"date": day.isoformat(), "description": description},
        )
    return closure_day


def closure_day_remove(*, actor: Any, day: date) -> None:
    with transaction.atomic():
        closure_day = ClosureDay.objects.select_for_update().filter(date=day).first()
        if closure_day is None:
            raise ValidationError({"date": "This day is not a closure day."})
        audit_record(
            actor=actor,
            kind="calendar.closure_day_removed",
            obj=closure_day,
            payload={"date": day.isoformat(), "description": closure_day.description},
        )
        closure_day.delete()


def timescale_rule_version_add(
    *, actor: Any, effective_from: date, rules: dict[str, Any], note: str = ""
) -> TimescaleRuleVersion:
    """Store a new version of the timescale table, checked before it is saved."""
    with transaction.atomic():
        if TimescaleRuleVersion.objects.filter(effective_from=effective_from).exists():
            raise ValidationError({"effective_from": "A version already starts on this date."})
        version = TimescaleRuleVersion(effective_from=effective_from, rules=rules, note=note)
        version.full_clean()
        version.save()
        audit_record(
            actor=actor,
            kind="calendar.timescales_added",
            obj=version,
            payload={"effective_from": effective_from.isoformat()},
        )
    return version
