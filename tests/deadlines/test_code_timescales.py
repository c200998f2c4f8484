"""The Complaint Handling Code's corporate timescales, in force from 1 April 2026 (ADR 0012).

A council's own (looser) corporate timescales keep governing the stages that started before
the Code; the stages from 1 April 2026 follow the Code; its other rules carry over.
Due dates worked out by hand: Good Friday 3 and Easter Monday 6 April 2026, early May bank
holiday 4 May 2026.
"""

from dataclasses import replace
from datetime import date

import pytest

from complaintsdesk.deadlines.calendar import WorkingCalendar
from complaintsdesk.workflow import rules
from complaintsdesk.workflow.rules import (
    CODE_EFFECTIVE,
    DEFAULT_RULESET,
    RuleSet,
    StageRule,
    code_departures,
    ruleset_for,
    rulesets_with_code,
)

ENG = WorkingCalendar.for_region("ENG")
D = date


def _council_2025() -> RuleSet:
    """A council's version from April 2025: corporate stage 1 in 15 working days from the
    start, extension to 30, acknowledgement in 10; children's stage 1 in 12."""
    changed = {
        ("corporate", "stage1"): StageRule(
            procedure="corporate",
            stage="stage1",
            due_working_days=15,
            extension_max_working_days=30,
            acknowledgement_working_days=10,
        ),
        ("children_statutory", "stage1"): replace(
            DEFAULT_RULESET.rule("children_statutory", "stage1"), due_working_days=12
        ),
    }
    return RuleSet(
        effective_from=D(2025, 4, 1),
        rules=tuple(changed.get((r.procedure, r.stage), r) for r in DEFAULT_RULESET.rules),
        note="Council policy 2025",
    )


VERSIONS = rulesets_with_code((DEFAULT_RULESET, _council_2025()))


def test_the_code_version_is_added_on_its_date() -> None:
    assert [r.effective_from for r in VERSIONS] == [D(2000, 1, 1), D(2025, 4, 1), CODE_EFFECTIVE]
    assert [r.effective_from for r in rules.DEFAULT_RULESETS] == [D(2000, 1, 1), CODE_EFFECTIVE]


def test_a_version_stored_on_the_code_date_is_not_replaced() -> None:
    stored = replace(_council_2025(), effective_from=CODE_EFFECTIVE, note="stored")
    assert rulesets_with_code((DEFAULT_RULESET, stored))[-1].note == "stored"


# (procedure, stage, started, acknowledged, expected due)
# fmt: off
DUE = [
    pytest.param("corporate", "stage1", D(2026, 3, 31), D(2026, 4, 2), D(2026, 4, 23),
                 id="day-before-code: council's 15 wd from the start"),
    pytest.param("corporate", "stage1", D(2026, 4, 1), D(2026, 4, 2), D(2026, 4, 20),
                 id="code-day: 10 wd from the acknowledgement"),
    pytest.param("corporate", "stage1", D(2026, 4, 1), None, D(2026, 4, 17),
                 id="code-day, no acknowledgement: 10 wd from the start"),
    pytest.param("children_statutory", "stage1", D(2026, 3, 31), None, D(2026, 4, 20),
                 id="children before: council's 12"),
    pytest.param("children_statutory", "stage1", D(2026, 4, 1), None, D(2026, 4, 21),
                 id="children after: council's 12 carries over"),
]
# fmt: on


@pytest.mark.parametrize(("procedure", "stage", "started", "acknowledged", "expected"), DUE)
def test_due_at_the_boundary(
    procedure: str, stage: str, started: date, acknowledged: date | None, expected: date
) -> None:
    due = rules.stage_due(
        procedure=procedure,
        stage=stage,
        started=started,
        acknowledged=acknowledged,
        calendar=ENG,
        ruleset=ruleset_for(started, VERSIONS),
    )
    assert due == expected


# (started, acknowledged, extension maximum, acknowledgement due)
BOUNDARY = [
    pytest.param(D(2026, 3, 31), D(2026, 4, 2), D(2026, 5, 15), D(2026, 4, 16), id="before"),
    pytest.param(D(2026, 4, 1), D(2026, 4, 2), D(2026, 5, 5), D(2026, 4, 10), id="code-day"),
]


@pytest.mark.parametrize(("started", "acknowledged", "maximum", "ack_due"), BOUNDARY)
def test_extension_and_acknowledgement_at_the_boundary(
    started: date, acknowledged: date, maximum: date, ack_due: date
) -> None:
    ruleset = ruleset_for(started, VERSIONS)
    common = dict(procedure="corporate", stage="stage1", calendar=ENG, ruleset=ruleset)
    assert rules.extension_maximum(started=started, acknowledged=acknowledged, **common) == maximum
    assert rules.acknowledgement_due(started=started, **common) == ack_due


# (the corporate stage 1 rule changed to ..., effective, departures expected)
DEPARTURES = [
    pytest.param({}, CODE_EFFECTIVE, 0, id="the Code itself"),
    pytest.param({"due_working_days": 8}, CODE_EFFECTIVE, 0, id="stricter is allowed"),
    pytest.param({"due_working_days": 15}, CODE_EFFECTIVE, 1, id="slower response"),
    pytest.param({"due_working_days": 15}, D(2026, 3, 31), 0, id="before the Code"),
    pytest.param({"extension_max_working_days": None}, CODE_EFFECTIVE, 1, id="no maximum"),
    pytest.param({"acknowledgement_working_days": 6}, CODE_EFFECTIVE, 1, id="late ack"),
    pytest.param(
        {"due_working_days": 30, "acknowledgement_working_days": None},
        D(2027, 1, 1),
        2,
        id="two departures, later version",
    ),
]


@pytest.mark.parametrize(("change", "effective", "expected"), DEPARTURES)
def test_code_departures(change: dict[str, object], effective: date, expected: int) -> None:
    rule = replace(rules.CODE_RULES[0], **change)  # type: ignore[arg-type]
    ruleset = RuleSet(
        effective_from=effective,
        rules=tuple(
            rule if (r.procedure, r.stage) == ("corporate", "stage1") else r
            for r in DEFAULT_RULESET.rules
        ),
    )
    found = code_departures(ruleset)
    assert len(found) == expected
    assert all(message.startswith("Corporate Stage 1") for message in found)
