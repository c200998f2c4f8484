"""Plain-dict representations for the API: stable field names, ISO dates, money as strings."""

from datetime import date
from decimal import Decimal
from typing import Any

from complaintsdesk.cases.models import Case, Note, Stage


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _money(value: Decimal | None) -> str | None:
    return f"{value:.2f}" if value is not None else None


def _person(user: Any) -> dict[str, str] | None:
    if user is None:
        return None
    return {"username": user.get_username(), "name": user.get_full_name() or user.get_username()}


def case_summary(case: Case) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "procedure": case.procedure,
        "directorate": case.service_area.directorate.name,
        "service_area": case.service_area.name,
        "team": case.team.name if case.team else None,
        "received": _iso(case.received),
        "status": case.status,
        "current_stage": case.current_stage or None,
        "current_due": _iso(case.current_due),
        "restricted": case.restricted,
        "owner": _person(case.owner),
        "responding_manager": _person(case.responding_manager),
        "version": case.version,
    }


def stage_dict(stage: Stage) -> dict[str, Any]:
    return {
        "stage": stage.kind,
        "started": _iso(stage.started),
        "acknowledged": _iso(stage.acknowledged),
        "extended_to": _iso(stage.extended_to),
        "panel_held": _iso(stage.panel_held),
        "responded": _iso(stage.responded),
        "outcome": stage.outcome or None,
        "due": _iso(stage.due),
        "working_days_taken": stage.working_days_taken,
        "investigating_officer_cost": _money(stage.investigating_officer_cost),
        "independent_person_cost": _money(stage.independent_person_cost),
        "additional_cost": _money(stage.additional_cost),
        "escalation_reason": stage.escalation_reason or None,
        "escalation_details": stage.escalation_details or None,
        "pause": _pause(stage),
    }


def _pause(stage: Stage) -> dict[str, str] | None:
    if stage.paused_from is None or stage.paused_to is None:
        return None
    return {
        "paused_from": stage.paused_from.isoformat(),
        "paused_to": stage.paused_to.isoformat(),
        "reason": stage.pause_reason,
    }


def case_detail(case: Case) -> dict[str, Any]:
    return {
        **case_summary(case),
        "channel": case.channel or None,
        "complainant_type": case.complainant_type or None,
        "via_advocate": case.via_advocate,
        "child_in_care": case.child_in_care,
        "care_leaver": case.care_leaver,
        "theme": case.theme or None,
        "summary": case.summary,
        "stages": [stage_dict(s) for s in sorted(case.stages.all(), key=lambda s: s.started)],
        "linked": sorted(c.reference for c in case.linked.all()),
    }


def note_added(note: Note) -> dict[str, Any]:
    return {"id": note.pk, "case": note.case.reference, "at": note.at.isoformat()}
