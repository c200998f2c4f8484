"""The evidence the records give for the Code's provisions, counted from plain rows. PURE.

Corporate stage 1 and stage 2 stages started in the year are measured against the Code's
day counts (`workflow.rules.CODE_RULES`), whichever ruleset set their due dates (ADR 0012).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from complaintsdesk.deadlines.calendar import WorkingCalendar
from complaintsdesk.workflow import rules


@dataclass(frozen=True)
class StageFacts:
    kind: str  # stage1 or stage2
    started: date
    acknowledged: date | None
    responded: date | None
    extended_to: date | None
    has_reason: bool


@dataclass(frozen=True)
class RemedyFacts:
    kind: str
    due: date
    complied: date | None
    amount: Decimal | None


@dataclass(frozen=True)
class Figure:
    """`count` of `of` (a rate when `of` is given), in words for the page and the report."""

    key: str
    label: str
    count: int
    of: int | None = None
    detail: str = ""
    rate: bool = True  # False: `of` is context, not a denominator a threshold applies to
    beyond: int = 0  # extensions: how many went past the Code's maximum

    @property
    def pct(self) -> float | None:
        if not self.rate or not self.of:
            return None
        return round(100 * self.count / self.of, 1)

    @property
    def shown(self) -> str:
        if self.of is None:
            return f"{self.count:,}"
        pct = f" ({self.pct:g}%)" if self.pct is not None else ""
        return f"{self.count:,} of {self.of:,}{pct}"


def _code_rule(stage: str) -> rules.StageRule:
    return next(r for r in rules.CODE_RULES if r.stage == stage)


def _acknowledgements(
    stages: list[StageFacts], kind: str, calendar: WorkingCalendar, today: date
) -> Figure:
    days = _code_rule(kind).acknowledgement_working_days or 0
    due_by = [(s, calendar.add_working_days(s.started, days)) for s in stages if s.kind == kind]
    # A stage still unacknowledged before its target is not yet late: not counted.
    counted = [(s, d) for s, d in due_by if s.acknowledged is not None or d < today]
    within = sum(1 for s, d in counted if s.acknowledged is not None and s.acknowledged <= d)
    return Figure(
        f"ack_{kind}",
        f"{rules.STAGE_NAMES[kind]} acknowledged within {days} working days",
        within,
        len(counted),
    )


def _on_time(stages: list[StageFacts], kind: str, calendar: WorkingCalendar) -> Figure:
    days = _code_rule(kind).due_working_days or 0
    answered = [s for s in stages if s.kind == kind and s.responded is not None]
    within = sum(
        1
        for s in answered
        if s.responded is not None
        and s.responded <= calendar.add_working_days(s.acknowledged or s.started, days)
    )
    return Figure(
        f"{kind}_on_time",
        f"{rules.STAGE_NAMES[kind]} answered within {days} working days of the acknowledgement",
        within,
        len(answered),
    )


def _extensions(stages: list[StageFacts], kind: str, calendar: WorkingCalendar) -> Figure:
    rule = _code_rule(kind)
    extended = [s for s in stages if s.kind == kind and s.extended_to is not None]
    longest = rule.extension_max_working_days or 0
    beyond = sum(
        1
        for s in extended
        if s.extended_to is not None
        and s.extended_to > calendar.add_working_days(s.acknowledged or s.started, longest)
    )
    with_reason = sum(1 for s in extended if s.has_reason)
    more = (rule.extension_max_working_days or 0) - (rule.due_working_days or 0)
    return Figure(
        f"{kind}_extensions",
        f"{rules.STAGE_NAMES[kind]} extensions with a reason recorded",
        with_reason,
        len(extended),
        detail=f"{beyond:,} extended beyond the Code's {more} further working days",
        beyond=beyond,
    )


def evidence_count(
    *,
    stages: list[StageFacts],
    stage1_answered: int,
    remedies: list[RemedyFacts],
    learning_recorded: int,
    learning_implemented: int,
    calendar: WorkingCalendar,
    today: date,
) -> dict[str, Figure]:
    """Every evidence figure, by key. `stage1_answered`: corporate stage 1 answers in the
    year, the base of the escalation rate."""
    escalated = sum(1 for s in stages if s.kind == rules.STAGE2)
    complied = [r for r in remedies if r.complied is not None]
    on_time = sum(1 for r in complied if r.complied is not None and r.complied <= r.due)
    paid = sum((r.amount or Decimal(0)) for r in remedies if r.kind == "financial_remedy")
    figures = [
        _acknowledgements(stages, rules.STAGE1, calendar, today),
        _acknowledgements(stages, rules.STAGE2, calendar, today),
        _on_time(stages, rules.STAGE1, calendar),
        _on_time(stages, rules.STAGE2, calendar),
        _extensions(stages, rules.STAGE1, calendar),
        _extensions(stages, rules.STAGE2, calendar),
        Figure(
            "escalations",
            "Stage 2 escalations, of stage 1 answers in the year",
            escalated,
            stage1_answered,
            rate=False,
        ),
        Figure(
            "remedies",
            "Ombudsman recommendations due in the year and complied with",
            len(complied),
            len(remedies),
            detail=f"financial remedies £{paid:,.2f}",
        ),
        Figure(
            "remedies_on_time",
            "Ombudsman recommendations complied with by their due date",
            on_time,
            len(complied),
        ),
        Figure(
            "learning",
            "Learning recorded in the year and implemented",
            learning_implemented,
            learning_recorded,
            rate=False,
        ),
    ]
    return {f.key: f for f in figures}


# Figures that contradict a "yes" when their rate is under the threshold.
RATE_FLAGGED = ("ack_stage1", "ack_stage2", "stage1_on_time", "stage2_on_time", "remedies_on_time")


def contradictions(
    keys: tuple[str, ...], figures: dict[str, Figure], *, threshold_pct: float
) -> list[str]:
    """Why the figures contradict a "yes" to a provision with these evidence keys."""
    found = []
    for key in keys:
        f = figures[key]
        if key in RATE_FLAGGED and f.pct is not None and f.pct < threshold_pct:
            found.append(f"{f.label}: {f.shown}, under {threshold_pct:g}%.")
        if key.endswith("_extensions"):
            missing = (f.of or 0) - f.count
            if missing:
                found.append(f"{missing:,} extension(s) with no reason recorded.")
            if f.beyond:
                found.append(f"{f.label.split(' extensions')[0]}: {f.detail}.")
    return found
