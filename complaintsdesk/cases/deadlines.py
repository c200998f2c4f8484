"""Glue between stage records and the pure deadline engine: computes the stored `due` fields."""

from datetime import date
from typing import Any

from complaintsdesk.cases.models import Stage
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.deadlines.calendar import OutsideCalendar, WorkingCalendar
from complaintsdesk.deadlines.selectors import calendar_current, rulesets_current
from complaintsdesk.workflow import rules


def stage_deadline_fields(
    stage: Stage,
    *,
    procedure: str,
    calendar: WorkingCalendar | None = None,
    rulesets: tuple[rules.RuleSet, ...] | None = None,
) -> tuple[date, int | None]:
    """Return (due, working_days_taken) for a stage, from its recorded dates."""
    calendar = calendar or calendar_current()
    ruleset = rules.ruleset_for(stage.started, rulesets or rulesets_current())
    common: dict[str, Any] = dict(
        procedure=procedure,
        stage=stage.kind,
        started=stage.started,
        acknowledged=stage.acknowledged,
        panel_held=stage.panel_held,
        paused_from=stage.paused_from,
        paused_to=stage.paused_to,
        calendar=calendar,
        ruleset=ruleset,
    )
    due = rules.stage_due(extended_to=stage.extended_to, **common)
    taken = None
    if stage.responded is not None:
        taken = rules.working_days_taken(responded=stage.responded, **common)
    return due, taken


def stage_refresh_deadlines(stage: Stage, *, procedure: str, **engine: Any) -> None:
    """Set the stage's stored deadline fields; a date the calendar cannot count is refused
    as bad input (ServiceError, nothing saved), not left to fail as a server error."""
    try:
        stage.due, stage.working_days_taken = stage_deadline_fields(
            stage, procedure=procedure, **engine
        )
    except OutsideCalendar as error:
        raise ServiceError(f"Deadlines cannot be counted: {error}.") from None
