"""Why a due date is what it is, in words: the rule and the days counted. PURE: no Django.

"10 working days after 3 March 2025, skipping Good Friday and Easter Monday". Each sentence
is built from the same rules and calendar that computed the date, so it cannot disagree
with it; `names` gives the non-working days' names (bank holidays, closure days).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from complaintsdesk.deadlines.calendar import WorkingCalendar, add_months
from complaintsdesk.workflow.rules import (
    BASIS_ACKNOWLEDGEMENT,
    RuleSet,
    format_date,
    paused_working_days,
)


def _and_list(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _skipped(calendar: WorkingCalendar, after: date, due: date, names: Mapping[date, str]) -> str:
    closed = calendar.closed_weekdays(after, due)
    if not closed:
        return ""
    named = [names.get(d) or f"the closure day of {format_date(d)}" for d in closed]
    # The same name twice (two Christmases) needs its date to make sense.
    if len(set(named)) != len(named):
        named = [f"{n} ({format_date(d)})" for n, d in zip(named, closed, strict=True)]
    return ", skipping " + _and_list(named)


def _counted(
    n: int,
    base: date,
    due: date,
    *,
    base_words: str,
    calendar: WorkingCalendar,
    names: Mapping[date, str],
    paused: int = 0,
    paused_from: date | None = None,
    paused_to: date | None = None,
) -> str:
    days = "working day" if n == 1 else "working days"
    text = f"{n} {days} after {base_words}{format_date(base)}"
    if not calendar.is_working_day(base):
        text += (
            f" (counted from {format_date(calendar.next_working_day(base))}, the next working day)"
        )
    if paused and paused_from is not None and paused_to is not None:
        paused_days = "working day" if paused == 1 else "working days"
        text += (
            f", plus {paused} {paused_days} paused for advocacy "
            f"({format_date(paused_from)} to {format_date(paused_to)})"
        )
    return text + _skipped(calendar, base, due, names)


def due_explanation(
    *,
    procedure: str,
    stage: str,
    started: date,
    due: date,
    calendar: WorkingCalendar,
    ruleset: RuleSet,
    names: Mapping[date, str],
    acknowledged: date | None = None,
    panel_held: date | None = None,
    extended_to: date | None = None,
    paused_from: date | None = None,
    paused_to: date | None = None,
) -> str:
    """The rule and the days counted behind a stage's due date."""
    if extended_to is not None:
        return f"Extended to {format_date(extended_to)}, a later date agreed with the complainant"
    rule = ruleset.rule(procedure, stage)
    if rule.due_months is not None:
        months = "month" if rule.due_months == 1 else "months"
        text = f"{rule.due_months} calendar {months} after {format_date(started)}"
        same_day = add_months(started, rule.due_months)
        if same_day != due:
            text += f", moved from {format_date(same_day)} to the next working day"
        return text
    if rule.due_after_panel_working_days is not None and panel_held is not None:
        base, n, words = panel_held, rule.due_after_panel_working_days, "the panel sat on "
    elif rule.basis == BASIS_ACKNOWLEDGEMENT and acknowledged is not None:
        base, n, words = acknowledged, rule.due_working_days or 0, "the acknowledgement on "
    else:
        base, n, words = started, rule.due_working_days or 0, ""
    paused = paused_working_days(
        procedure=procedure,
        stage=stage,
        after=base,
        paused_from=paused_from,
        paused_to=paused_to,
        calendar=calendar,
    )
    return _counted(
        n,
        base,
        due,
        base_words=words,
        calendar=calendar,
        names=names,
        paused=paused,
        paused_from=paused_from,
        paused_to=paused_to,
    )


def acknowledgement_explanation(
    *,
    procedure: str,
    stage: str,
    started: date,
    due: date,
    calendar: WorkingCalendar,
    ruleset: RuleSet,
    names: Mapping[date, str],
) -> str:
    """The rule behind an acknowledgement target ("3 working days after ...")."""
    n = ruleset.rule(procedure, stage).acknowledgement_working_days or 0
    return _counted(n, started, due, base_words="", calendar=calendar, names=names)
