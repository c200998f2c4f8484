"""Procedures, stages and their timescales, as data. PURE: no Django.

The table of domain.md ("Procedures and deadlines") is a `RuleSet`: one `StageRule` per
(procedure, stage), versioned by the date it takes effect. The system ships
`DEFAULT_RULESETS`; a council stores a new version as a plain dict (JSON), read back with
`RuleSet.from_dict`. A stage is governed by the ruleset in force on the day it started.

Every function takes the calendar and the ruleset as arguments, so the same code serves
the pages, the API, the reports and the reminders, and is tested with plain tables.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from complaintsdesk.deadlines.calendar import WorkingCalendar, add_months

CHILDREN = "children_statutory"
ADULTS = "adults_statutory"
CORPORATE = "corporate"

INFORMAL = "informal"
STAGE1 = "stage1"
STAGE2 = "stage2"
STAGE3 = "stage3"

BASIS_START = "start"
BASIS_ACKNOWLEDGEMENT = "acknowledgement"
BASES: tuple[str, ...] = (BASIS_START, BASIS_ACKNOWLEDGEMENT)

# Which stages each procedure has is fixed by law and by the Code, not a council's choice,
# so it is not part of a ruleset; a ruleset must give timescales for every one of them.
PROCEDURE_STAGES: dict[str, tuple[str, ...]] = {
    CHILDREN: (INFORMAL, STAGE1, STAGE2, STAGE3),
    CORPORATE: (INFORMAL, STAGE1, STAGE2),
    ADULTS: (INFORMAL, STAGE1),
}
PROCEDURES: tuple[str, ...] = tuple(PROCEDURE_STAGES)

# The children's stage 1 clock may pause while an advocate is arranged (domain.md). The
# regulations fix which stage, not a council, so it is not part of a versioned ruleset.
PAUSABLE: frozenset[tuple[str, str]] = frozenset({(CHILDREN, STAGE1)})

STAGE_NAMES: dict[str, str] = {
    INFORMAL: "Informal resolution",
    STAGE1: "Stage 1",
    STAGE2: "Stage 2",
    STAGE3: "Stage 3",
}

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_date(d: date) -> str:
    """Say "12 March 2024", whatever the process locale."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class StageRule:
    """The timescales of one stage of one procedure."""

    procedure: str
    stage: str
    # Due: either working days after the basis date, or calendar months after the start.
    due_working_days: int | None = None
    due_months: int | None = None
    # "start", or "acknowledgement" (counted from the start while none is recorded).
    basis: str = BASIS_START
    # False: the procedure provides no extension, so an extended date past the due date is
    # refused. True with no maximum: any later date agreed with the complainant.
    extendable: bool = True
    extension_max_working_days: int | None = None
    acknowledgement_working_days: int | None = None
    # Stage 3 (children): the panel within N working days of the start, the due date N
    # working days after the panel sat (report 5 + council response 15).
    panel_within_working_days: int | None = None
    due_after_panel_working_days: int | None = None

    def __post_init__(self) -> None:
        if self.procedure not in PROCEDURE_STAGES:
            raise ValueError(f"Unknown procedure {self.procedure!r}")
        if self.stage not in PROCEDURE_STAGES[self.procedure]:
            raise ValueError(f"{self.procedure} has no stage {self.stage!r}")
        if (self.due_working_days is None) == (self.due_months is None):
            raise ValueError(
                f"{self.procedure} {self.stage}: give exactly one of due_working_days "
                "and due_months"
            )
        if self.basis not in BASES:
            raise ValueError(f"{self.procedure} {self.stage}: unknown basis {self.basis!r}")
        if self.due_months is not None and self.basis != BASIS_START:
            raise ValueError(f"{self.procedure} {self.stage}: months count from the start")
        if not self.extendable and self.extension_max_working_days is not None:
            raise ValueError(f"{self.procedure} {self.stage}: not extendable, yet a maximum")
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, int) and not isinstance(value, bool) and value < 0:
                raise ValueError(f"{self.procedure} {self.stage}: {f.name} is negative")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StageRule:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"Unknown stage rule fields: {sorted(unknown)}")
        return cls(**data)


@dataclass(frozen=True)
class RuleSet:
    """All stage rules, and the warning thresholds, in force from `effective_from`."""

    effective_from: date
    rules: tuple[StageRule, ...]
    escalation_late_working_days: int = 20
    events_late_months: int = 12
    note: str = ""

    def __post_init__(self) -> None:
        keys = [(r.procedure, r.stage) for r in self.rules]
        if len(set(keys)) != len(keys):
            raise ValueError("A ruleset gives two rules for the same procedure and stage")
        expected = {(p, s) for p, stages in PROCEDURE_STAGES.items() for s in stages}
        missing = expected - set(keys)
        if missing:
            raise ValueError(f"A ruleset must cover every stage; missing {sorted(missing)}")

    def rule(self, procedure: str, stage: str) -> StageRule:
        for r in self.rules:
            if r.procedure == procedure and r.stage == stage:
                return r
        raise ValueError(f"No rule for {procedure} {stage}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "effective_from": self.effective_from.isoformat(),
            "rules": [r.to_dict() for r in self.rules],
            "escalation_late_working_days": self.escalation_late_working_days,
            "events_late_months": self.events_late_months,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RuleSet:
        effective_from = data["effective_from"]
        return cls(
            effective_from=(
                effective_from
                if isinstance(effective_from, date)
                else date.fromisoformat(effective_from)
            ),
            rules=tuple(StageRule.from_dict(r) for r in data["rules"]),
            escalation_late_working_days=int(data.get("escalation_late_working_days", 20)),
            events_late_months=int(data.get("events_late_months", 12)),
            note=str(data.get("note", "")),
        )


def _informal(procedure: str) -> StageRule:
    # A council target rather than a statutory one; not a formal stage, so no extension.
    return StageRule(procedure=procedure, stage=INFORMAL, due_working_days=10, extendable=False)


# The LGSCO Complaint Handling Code applies to councils' corporate procedure from this date
# (ADR 0012): acknowledge within 5 working days; stage 1 within 10 working days of the
# acknowledgement, extended by at most 10 more with an explanation; stage 2 within 20, by at
# most 20 more. A stage keeps the rules in force on the day it started.
CODE_EFFECTIVE = date(2026, 4, 1)
CODE_RULES: tuple[StageRule, ...] = (
    StageRule(
        procedure=CORPORATE,
        stage=STAGE1,
        due_working_days=10,
        basis=BASIS_ACKNOWLEDGEMENT,
        extension_max_working_days=20,
        acknowledgement_working_days=5,
    ),
    StageRule(
        procedure=CORPORATE,
        stage=STAGE2,
        due_working_days=20,
        basis=BASIS_ACKNOWLEDGEMENT,
        extension_max_working_days=40,
        acknowledgement_working_days=5,
    ),
)

DEFAULT_RULESET = RuleSet(
    # The shipped table; it also governs stages that started before any stored version.
    effective_from=date(2000, 1, 1),
    note="Shipped defaults: SI 2006/1738, SI 2009/309, LGSCO Complaint Handling Code.",
    rules=(
        _informal(CHILDREN),
        StageRule(
            procedure=CHILDREN,
            stage=STAGE1,
            due_working_days=10,
            extension_max_working_days=20,
            acknowledgement_working_days=3,
        ),
        StageRule(
            procedure=CHILDREN,
            stage=STAGE2,
            due_working_days=25,
            extension_max_working_days=65,
            acknowledgement_working_days=3,
        ),
        StageRule(
            procedure=CHILDREN,
            stage=STAGE3,
            # While no panel date is recorded: 30 (panel) + 5 (report) + 15 (response).
            due_working_days=50,
            extendable=False,
            acknowledgement_working_days=3,
            panel_within_working_days=30,
            due_after_panel_working_days=20,
        ),
        _informal(ADULTS),
        StageRule(
            procedure=ADULTS,
            stage=STAGE1,
            due_months=6,
            extension_max_working_days=None,  # any later date agreed with the complainant
            acknowledgement_working_days=3,
        ),
        _informal(CORPORATE),
        *CODE_RULES,  # the shipped corporate timescales are the Code's
    ),
)

CODE_NOTE = "LGSCO Complaint Handling Code: corporate timescales from 1 April 2026."


def code_departures(ruleset: RuleSet) -> list[str]:
    """Where `ruleset`'s corporate timescales are looser than the Code's, in words; empty for
    a ruleset in force before the Code, or one as strict as it (shorter is allowed)."""
    if ruleset.effective_from < CODE_EFFECTIVE:
        return []
    found = []
    for code in CODE_RULES:
        mine = ruleset.rule(code.procedure, code.stage)
        name = STAGE_NAMES[code.stage]
        if mine.due_working_days is None or (
            code.due_working_days is not None and mine.due_working_days > code.due_working_days
        ):
            found.append(
                f"Corporate {name}: the Code requires a response within "
                f"{code.due_working_days} working days."
            )
        code_max = code.extension_max_working_days
        if code_max is not None and (
            mine.extension_max_working_days is None or mine.extension_max_working_days > code_max
        ):
            found.append(
                f"Corporate {name}: the Code allows an extension to at most {code_max} "
                "working days after the acknowledgement."
            )
        code_ack = code.acknowledgement_working_days
        if code_ack is not None and (
            mine.acknowledgement_working_days is None
            or mine.acknowledgement_working_days > code_ack
        ):
            found.append(
                f"Corporate {name}: the Code requires an acknowledgement within {code_ack} "
                "working days."
            )
    return found


def with_code_timescales(ruleset: RuleSet, *, effective_from: date = CODE_EFFECTIVE) -> RuleSet:
    """`ruleset` with the Code's corporate rules, in force from `effective_from`: a council's
    own rules for the other procedures carry over unchanged."""
    code = {(r.procedure, r.stage): r for r in CODE_RULES}
    return RuleSet(
        effective_from=effective_from,
        rules=tuple(code.get((r.procedure, r.stage), r) for r in ruleset.rules),
        escalation_late_working_days=ruleset.escalation_late_working_days,
        events_late_months=ruleset.events_late_months,
        note=CODE_NOTE,
    )


def rulesets_with_code(rulesets: tuple[RuleSet, ...]) -> tuple[RuleSet, ...]:
    """The versions, oldest first, with the Code's version on its date unless one is stored
    for that very date: it takes the rules in force the day before and replaces the
    corporate ones, so a council's looser pre-Code corporate timescales stop at the Code."""
    ordered = sorted(rulesets, key=lambda r: r.effective_from)
    if not ordered or any(r.effective_from == CODE_EFFECTIVE for r in ordered):
        return tuple(ordered)
    before = [r for r in ordered if r.effective_from < CODE_EFFECTIVE]
    if not before:
        return tuple(ordered)  # every version is the Code's date or later: checked when stored
    derived = with_code_timescales(before[-1])
    return tuple(sorted((*ordered, derived), key=lambda r: r.effective_from))


DEFAULT_RULESETS: tuple[RuleSet, ...] = rulesets_with_code((DEFAULT_RULESET,))


def ruleset_for(started: date, rulesets: tuple[RuleSet, ...] = DEFAULT_RULESETS) -> RuleSet:
    """The ruleset in force on `started`; the earliest one for a stage older than them all."""
    if not rulesets:
        raise ValueError("No rulesets given")
    ordered = sorted(rulesets, key=lambda r: r.effective_from)
    chosen = ordered[0]
    for candidate in ordered:
        if candidate.effective_from <= started:
            chosen = candidate
    return chosen


def allowed_stages(procedure: str) -> tuple[str, ...]:
    try:
        return PROCEDURE_STAGES[procedure]
    except KeyError:
        raise ValueError(f"Unknown procedure {procedure!r}") from None


def next_stage(procedure: str, current: str) -> str | None:
    """The stage an escalation moves to, or None after the last one."""
    stages = allowed_stages(procedure)
    if current not in stages:
        raise ValueError(f"{procedure} has no stage {current!r}")
    i = stages.index(current)
    return stages[i + 1] if i + 1 < len(stages) else None


def _count_base(
    rule: StageRule, *, started: date, acknowledged: date | None, panel_held: date | None
) -> tuple[date, int]:
    """The date the due-date count runs from, and its length in working days."""
    if rule.due_after_panel_working_days is not None and panel_held is not None:
        return panel_held, rule.due_after_panel_working_days
    assert rule.due_working_days is not None  # callers handle month-based rules first
    if rule.basis == BASIS_ACKNOWLEDGEMENT and acknowledged is not None:
        return acknowledged, rule.due_working_days
    return started, rule.due_working_days


def pause_allowed(procedure: str, stage: str) -> bool:
    return (procedure, stage) in PAUSABLE


def paused_working_days(
    *,
    procedure: str,
    stage: str,
    after: date,
    paused_from: date | None,
    paused_to: date | None,
    calendar: WorkingCalendar,
    until: date | None = None,
) -> int:
    """Working days of the pause (`paused_from` to `paused_to`, both included) that fall in
    the count from `after` (day 0, not counted) up to `until` when given; 0 for a stage
    whose clock cannot pause."""
    if paused_from is None or paused_to is None or not pause_allowed(procedure, stage):
        return 0
    last = paused_to if until is None else min(paused_to, until)
    in_pause = calendar.working_days_within(paused_from, last)
    before_count = calendar.working_days_within(paused_from, min(after, last))
    return max(0, in_pause - before_count)


def _computed_due(
    rule: StageRule,
    *,
    started: date,
    acknowledged: date | None,
    panel_held: date | None,
    calendar: WorkingCalendar,
    paused_from: date | None = None,
    paused_to: date | None = None,
) -> date:
    if rule.due_months is not None:
        return calendar.add_calendar_months(started, rule.due_months)
    base, n = _count_base(rule, started=started, acknowledged=acknowledged, panel_held=panel_held)
    paused = paused_working_days(
        procedure=rule.procedure,
        stage=rule.stage,
        after=base,
        paused_from=paused_from,
        paused_to=paused_to,
        calendar=calendar,
    )
    return calendar.add_working_days(base, n + paused)


def stage_due(
    *,
    procedure: str,
    stage: str,
    started: date,
    acknowledged: date | None = None,
    panel_held: date | None = None,
    extended_to: date | None = None,
    paused_from: date | None = None,
    paused_to: date | None = None,
    calendar: WorkingCalendar,
    ruleset: RuleSet,
) -> date:
    """The due date as recorded: an agreed `extended_to`, even on a non-working day, or the
    date the ruleset gives, moved on by the working days the clock was paused."""
    if extended_to is not None:
        return extended_to
    rule = ruleset.rule(procedure, stage)
    return _computed_due(
        rule,
        started=started,
        acknowledged=acknowledged,
        panel_held=panel_held,
        calendar=calendar,
        paused_from=paused_from,
        paused_to=paused_to,
    )


def extension_maximum(
    *,
    procedure: str,
    stage: str,
    started: date,
    acknowledged: date | None = None,
    panel_held: date | None = None,
    paused_from: date | None = None,
    paused_to: date | None = None,
    calendar: WorkingCalendar,
    ruleset: RuleSet,
) -> date | None:
    """The latest date a stage may be extended to; None when there is no maximum.

    A stage with no extension has its own due date as its maximum. A pause moves the
    maximum on by the working days paused, as it moves the due date.
    """
    rule = ruleset.rule(procedure, stage)
    if not rule.extendable:
        return _computed_due(
            rule,
            started=started,
            acknowledged=acknowledged,
            panel_held=panel_held,
            calendar=calendar,
            paused_from=paused_from,
            paused_to=paused_to,
        )
    if rule.extension_max_working_days is None:
        return None
    base = (
        acknowledged
        if rule.basis == BASIS_ACKNOWLEDGEMENT and acknowledged is not None
        else started
    )
    paused = paused_working_days(
        procedure=procedure,
        stage=stage,
        after=base,
        paused_from=paused_from,
        paused_to=paused_to,
        calendar=calendar,
    )
    return calendar.add_working_days(base, rule.extension_max_working_days + paused)


def extension_refusal(
    *,
    procedure: str,
    stage: str,
    started: date,
    acknowledged: date | None = None,
    panel_held: date | None = None,
    extended_to: date,
    paused_from: date | None = None,
    paused_to: date | None = None,
    calendar: WorkingCalendar,
    ruleset: RuleSet,
) -> str | None:
    """Why `extended_to` is refused, in words for the officer; None if it is allowed."""
    rule = ruleset.rule(procedure, stage)
    name = STAGE_NAMES[stage]
    pause: dict[str, date | None] = dict(paused_from=paused_from, paused_to=paused_to)
    due = _computed_due(
        rule,
        started=started,
        acknowledged=acknowledged,
        panel_held=panel_held,
        calendar=calendar,
        **pause,
    )
    if extended_to < due:
        return (
            f"An extension must be a later date than the due date: {name} is due on "
            f"{format_date(due)}."
        )
    if not rule.extendable:
        if extended_to > due:
            return f"{name} cannot be extended: it is due on {format_date(due)}."
        return None
    maximum = extension_maximum(
        procedure=procedure,
        stage=stage,
        started=started,
        acknowledged=acknowledged,
        panel_held=panel_held,
        calendar=calendar,
        ruleset=ruleset,
        **pause,
    )
    if maximum is None or extended_to <= maximum:
        return None
    assert rule.extension_max_working_days is not None
    after = (
        "it was acknowledged"
        if rule.basis == BASIS_ACKNOWLEDGEMENT and acknowledged is not None
        else "it started"
    )
    return (
        f"{name} can be extended to at most {rule.extension_max_working_days} working days "
        f"after {after}: {format_date(maximum)} at the latest."
    )


def acknowledgement_due(
    *,
    procedure: str,
    stage: str,
    started: date,
    calendar: WorkingCalendar,
    ruleset: RuleSet,
) -> date | None:
    """When the complaint must be acknowledged by; None if the stage has no target."""
    days = ruleset.rule(procedure, stage).acknowledgement_working_days
    return None if days is None else calendar.add_working_days(started, days)


def panel_due(
    *,
    procedure: str,
    stage: str,
    started: date,
    calendar: WorkingCalendar,
    ruleset: RuleSet,
) -> date | None:
    """When a review panel must sit by; None for stages without one."""
    days = ruleset.rule(procedure, stage).panel_within_working_days
    return None if days is None else calendar.add_working_days(started, days)


def working_days_taken(
    *,
    procedure: str,
    stage: str,
    started: date,
    acknowledged: date | None = None,
    panel_held: date | None = None,
    responded: date | None,
    paused_from: date | None = None,
    paused_to: date | None = None,
    calendar: WorkingCalendar,
    ruleset: RuleSet,
) -> int | None:
    """The response's day number in the count the due date uses; None before a response.

    Month-based stages (adults) are counted in working days from the start. Working days
    the clock was paused before the response are not counted.
    """
    if responded is None:
        return None
    rule = ruleset.rule(procedure, stage)
    if rule.due_months is not None:
        base = started
    else:
        base, _ = _count_base(
            rule, started=started, acknowledged=acknowledged, panel_held=panel_held
        )
    paused = paused_working_days(
        procedure=procedure,
        stage=stage,
        after=base,
        paused_from=paused_from,
        paused_to=paused_to,
        calendar=calendar,
        until=responded,
    )
    return max(0, calendar.day_number(base, responded) - paused)


class RuleWarning(str):
    """A warning's message, with a stable `code` for filtering.

    A str, so a caller that only shows messages can treat a warning as one.
    """

    code: str

    def __new__(cls, code: str, message: str) -> RuleWarning:
        warning = super().__new__(cls, message)
        warning.code = code
        return warning


def warnings(
    *,
    procedure: str,
    stage: str,
    started: date,
    today: date,
    calendar: WorkingCalendar,
    ruleset: RuleSet,
    acknowledged: date | None = None,
    panel_held: date | None = None,
    extended_to: date | None = None,
    responded: date | None = None,
    requested: date | None = None,
    previous_response: date | None = None,
    events_on: date | None = None,
    received: date | None = None,
) -> list[RuleWarning]:
    """Warnings, never blocks.

    `previous_response`: the last response before this stage; the escalation `requested`
    (default: `started`) more than N working days after it is late. `events_on`: when the
    events complained about happened; `received` (default: `started`) more than 12 months
    later is late. Codes: acknowledgement_overdue, acknowledgement_late, escalation_late,
    events_late, extension_refused.
    """
    found: list[RuleWarning] = []
    name = STAGE_NAMES[stage]

    ack_due = acknowledgement_due(
        procedure=procedure, stage=stage, started=started, calendar=calendar, ruleset=ruleset
    )
    if ack_due is not None:
        if acknowledged is None and today > ack_due and (responded is None or responded > ack_due):
            found.append(
                RuleWarning(
                    "acknowledgement_overdue",
                    f"{name} has not been acknowledged; it was due by {format_date(ack_due)}.",
                )
            )
        elif acknowledged is not None and acknowledged > ack_due:
            found.append(
                RuleWarning(
                    "acknowledgement_late",
                    f"{name} was acknowledged on {format_date(acknowledged)}, after the "
                    f"target of {format_date(ack_due)}.",
                )
            )

    if previous_response is not None:
        asked = requested or started
        taken = calendar.day_number(previous_response, asked)
        if taken > ruleset.escalation_late_working_days:
            found.append(
                RuleWarning(
                    "escalation_late",
                    f"Escalation was requested {taken} working days after the last response "
                    f"(more than {ruleset.escalation_late_working_days}).",
                )
            )

    if events_on is not None:
        made = received or started
        if made > add_months(events_on, ruleset.events_late_months):
            found.append(
                RuleWarning(
                    "events_late",
                    f"The complaint was made more than {ruleset.events_late_months} months "
                    f"after the events ({format_date(events_on)}).",
                )
            )

    if extended_to is not None:
        refusal = extension_refusal(
            procedure=procedure,
            stage=stage,
            started=started,
            acknowledged=acknowledged,
            panel_held=panel_held,
            extended_to=extended_to,
            calendar=calendar,
            ruleset=ruleset,
        )
        if refusal is not None:
            found.append(RuleWarning("extension_refused", refusal))
    return found
