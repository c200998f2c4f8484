"""The rules of a case's stages (exchange-format.md, stages.csv), over the file and the database.

A case's stages as they will be after the import are the database's stages with the file's
rows laid over them; the rules are checked on that merged list, so a file that adds stage 2
to a case whose stage 1 is already in the database is checked against that stage 1.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from complaintsdesk.core import vocabulary as v
from complaintsdesk.deadlines.calendar import WorkingCalendar
from complaintsdesk.exchange.columns import CASES, STAGES
from complaintsdesk.exchange.errors import Problem
from complaintsdesk.exchange.records import Parsed, Record
from complaintsdesk.exchange.snapshot import Existing
from complaintsdesk.workflow import rules

STAGE_ORDER = ("informal", "stage1", "stage2", "stage3")
# The Stage fields stages.csv carries, besides the case and the kind.
STAGE_FIELDS = (
    "started",
    "acknowledged",
    "extended_to",
    "panel_held",
    "responded",
    "outcome",
    "investigating_officer_cost",
    "independent_person_cost",
    "additional_cost",
    "paused_from",
    "paused_to",
    "pause_reason",
)
# Stage fields stored as text: an empty cell is "", never None.
TEXT_FIELDS = ("outcome", "pause_reason")
LATER_DATES = ("acknowledged", "extended_to", "panel_held", "responded", "paused_from", "paused_to")


@dataclass
class StageFacts:
    """One stage as it will be: the database's values with the file's row laid over them."""

    reference: str
    kind: str
    values: dict[str, Any]
    record: Record | None = None  # the stages.csv row, if the file has this stage

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["values"][name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class CaseStages:
    procedure: str | None  # None when the case's procedure cell was unreadable
    stages: dict[str, StageFacts] = field(default_factory=dict)

    def ordered(self) -> list[StageFacts]:
        return [self.stages[k] for k in STAGE_ORDER if k in self.stages]


MergedStages = dict[str, CaseStages]


def stages_merge(parsed: Parsed, existing: Existing, file_cases: dict[str, Record]) -> MergedStages:
    merged: MergedStages = {}
    touched = list(
        dict.fromkeys([*file_cases, *(r.get("reference") for r in parsed.records(STAGES))])
    )
    for reference in touched:
        if not reference or (reference not in file_cases and reference not in existing.cases):
            continue
        record = file_cases.get(reference)
        if record is not None:
            procedure = record.get("procedure") if record.ok("procedure") else None
        else:
            procedure = existing.cases[reference].procedure
        case = merged[reference] = CaseStages(procedure)
        for kind, stage in existing.stages.get(reference, {}).items():
            case.stages[kind] = StageFacts(
                reference, kind, {f: getattr(stage, f) for f in STAGE_FIELDS}
            )
    for record in parsed.records(STAGES):
        reference, kind = record.get("reference"), record.get("stage")
        if reference not in merged or not kind or not record.ok("stage"):
            continue
        base = merged[reference].stages.get(kind)
        values = (
            dict(base.values)
            if base
            else {f: ("" if f in TEXT_FIELDS else None) for f in STAGE_FIELDS}
        )
        for name in STAGE_FIELDS:
            if record.has(name) and record.ok(name):
                value = record.get(name)
                values[name] = "" if name in TEXT_FIELDS and value is None else value
        merged[reference].stages[kind] = StageFacts(reference, kind, values, record)
    return merged


def stages_check(
    parsed: Parsed,
    existing: Existing,
    file_cases: dict[str, Record],
    *,
    calendar: WorkingCalendar,
    rulesets: tuple[rules.RuleSet, ...],
) -> tuple[list[Problem], MergedStages]:
    merged = stages_merge(parsed, existing, file_cases)
    problems: list[Problem] = []
    for reference, case in merged.items():
        if case.procedure is None:
            continue
        problems += _case_check(reference, case, file_cases.get(reference), calendar, rulesets)
    return problems, merged


def _at(stage: StageFacts, column: str, message: str) -> Problem | None:
    """A problem on the stage's own row, if the file has one (database rows are not blamed)."""
    record = stage.record
    if record is None or not record.ok(column):
        return None
    return Problem(STAGES, record.row, column, message)


def _case_check(
    reference: str,
    case: CaseStages,
    case_record: Record | None,
    calendar: WorkingCalendar,
    rulesets: tuple[rules.RuleSet, ...],
) -> list[Problem]:
    found: list[Problem | None] = []
    procedure = case.procedure
    assert procedure is not None
    allowed = rules.allowed_stages(procedure)
    ordered = case.ordered()
    for stage in ordered:
        if stage.kind not in allowed:
            if stage.record is None and case_record is not None:
                message = (
                    f"{reference} has a {stage.kind} in the database, "
                    f"which the {procedure} procedure does not have"
                )
                found.append(Problem(CASES, case_record.row, "procedure", message))
            message = f"{reference} follows the {procedure} procedure, which has no {stage.kind}"
            found.append(_at(stage, "stage", message))
            continue
        found += _stage_own_check(stage)
        if stage.paused_from is not None and not rules.pause_allowed(procedure, stage.kind):
            message = "only the children_statutory stage1 clock can pause for advocacy"
            found.append(_at(stage, "paused_from", message))
        found.append(_extension_check(procedure, stage, calendar, rulesets))
    # Stages the procedure lacks are reported above; leave them out of the order checks.
    found += _order_check(reference, case, allowed)
    return [p for p in found if p is not None]


def _order_check(
    reference: str, case: CaseStages, allowed: tuple[str, ...]
) -> list[Problem | None]:
    found: list[Problem | None] = []
    ordered = [s for s in case.ordered() if s.kind in allowed]
    kinds = {s.kind for s in ordered}
    for stage in ordered:
        before = STAGE_ORDER[STAGE_ORDER.index(stage.kind) - 1]
        if stage.kind not in ("informal", "stage1") and before not in kinds:
            message = (
                f"{reference} has a {stage.kind} but no {before}: "
                "stages run informal (optional), stage1, stage2, stage3"
            )
            found.append(_at(stage, "stage", message))
    for previous, stage in zip(ordered, ordered[1:], strict=False):
        if STAGE_ORDER.index(stage.kind) != STAGE_ORDER.index(previous.kind) + 1:
            continue  # a gap, reported above
        if previous.responded is None:
            message = f"{previous.kind} has no responded date, so {stage.kind} cannot have started"
            found.append(_at(stage, "started", message) or _at(previous, "responded", message))
        elif stage.started is not None and stage.started < previous.responded:
            message = (
                f"{stage.started.isoformat()} is before the {previous.kind} response of "
                f"{previous.responded.isoformat()}: "
                "a stage starts on or after the previous one's response"
            )
            found.append(_at(stage, "started", message))

    informal = case.stages.get("informal")
    if informal is not None and informal.outcome:
        if "stage1" in kinds and informal.outcome != "escalated":
            message = (
                f"'{informal.outcome}': an informal stage followed by stage1 "
                "has the outcome escalated"
            )
            found.append(_at(informal, "outcome", message))
        if "stage1" not in kinds and informal.outcome == "escalated":
            message = (
                f"an escalated informal stage must be followed by a stage1 row for {reference}"
            )
            found.append(_at(informal, "outcome", message))
    return found


def _stage_own_check(stage: StageFacts) -> list[Problem | None]:
    found: list[Problem | None] = []
    started = stage.started
    if started is not None:
        for name in LATER_DATES:
            value = stage.values[name]
            if value is not None and value < started:
                message = f"{value.isoformat()} is before the stage started ({started.isoformat()})"
                found.append(_at(stage, name, message))
    if stage.panel_held is not None and stage.kind != "stage3":
        found.append(_at(stage, "panel_held", "only stage3 has a review panel"))
    outcomes = v.INFORMAL_OUTCOME if stage.kind == "informal" else v.FORMAL_OUTCOME
    if stage.outcome and stage.outcome not in outcomes:
        message = (
            f"'{stage.outcome}' is not an outcome of {stage.kind}: use one of {', '.join(outcomes)}"
        )
        found.append(_at(stage, "outcome", message))
    found += _pause_check(stage)
    if stage.responded is not None and not stage.outcome:
        found.append(_at(stage, "outcome", "required when responded is given"))
    if stage.outcome and stage.responded is None:
        found.append(_at(stage, "responded", "required when an outcome is given"))
    return found


def _pause_check(stage: StageFacts) -> list[Problem | None]:
    paused_from, paused_to = stage.paused_from, stage.paused_to
    if paused_from is None and paused_to is None:
        return []
    if (paused_from is None) != (paused_to is None):
        missing = "paused_to" if paused_to is None else "paused_from"
        return [_at(stage, missing, "required when the other pause date is given")]
    found: list[Problem | None] = []
    if paused_to < paused_from:
        found.append(_at(stage, "paused_to", f"{paused_to.isoformat()} is before paused_from"))
    if not (stage.values.get("pause_reason") or "").strip():
        found.append(_at(stage, "pause_reason", "required when the clock was paused"))
    return found


def _extension_check(
    procedure: str,
    stage: StageFacts,
    calendar: WorkingCalendar,
    rulesets: tuple[rules.RuleSet, ...],
) -> Problem | None:
    extended_to: date | None = stage.extended_to
    if extended_to is None or stage.started is None or stage.record is None:
        return None
    common: dict[str, Any] = dict(
        procedure=procedure,
        stage=stage.kind,
        started=stage.started,
        acknowledged=stage.acknowledged,
        panel_held=stage.panel_held,
        paused_from=stage.paused_from,
        paused_to=stage.paused_to,
        calendar=calendar,
        ruleset=rules.ruleset_for(stage.started, rulesets),
    )
    try:
        maximum = rules.extension_maximum(**common)
        if maximum is None or extended_to <= maximum:
            return None
        refusal = rules.extension_refusal(extended_to=extended_to, **common)
    except ValueError:
        return None  # a date outside the calendar: reported when the due date is computed
    return _at(stage, "extended_to", f"{extended_to.isoformat()} is beyond the maximum: {refusal}")
