"""The procedure table of domain.md, against due dates worked out by hand."""

import json
from dataclasses import replace
from datetime import date

import pytest

from complaintsdesk.deadlines.calendar import WorkingCalendar
from complaintsdesk.workflow import rules
from complaintsdesk.workflow.rules import (
    DEFAULT_RULESET,
    RuleSet,
    StageRule,
    acknowledgement_due,
    allowed_stages,
    extension_maximum,
    extension_refusal,
    next_stage,
    panel_due,
    ruleset_for,
    stage_due,
    working_days_taken,
)

ENG = WorkingCalendar.for_region("ENG")
D = date
R = DEFAULT_RULESET


def due(procedure: str, stage: str, started: date, **kw: date | None) -> date:
    return stage_due(
        procedure=procedure, stage=stage, started=started, calendar=ENG, ruleset=R, **kw
    )


# (procedure, stage, started, acknowledged, panel_held, expected due)
# fmt: off
DUE_CASES = [
    pytest.param("children_statutory", "informal", D(2022, 9, 16), None, None, D(2022, 10, 3),
                 id="informal 10 wd from fri 16 sep 22, over the funeral: mon 3 oct"),
    pytest.param("corporate", "informal", D(2023, 4, 28), None, None, D(2023, 5, 16),
                 id="informal 10 wd from fri 28 apr 23, over 1 and 8 may: tue 16 may"),
    pytest.param("children_statutory", "stage1", D(2024, 1, 2), None, None, D(2024, 1, 16),
                 id="children s1 10 wd from tue 2 jan 24: tue 16 jan"),
    pytest.param("children_statutory", "stage1", D(2021, 12, 20), None, None, D(2022, 1, 6),
                 id="children s1 from mon 20 dec 21 over 27, 28 dec and 3 jan: thu 6 jan"),
    pytest.param("children_statutory", "stage1", D(2024, 3, 2), None, None, D(2024, 3, 18),
                 id="children s1 starting sat 2 mar 24: day0 mon 4, due mon 18"),
    pytest.param("children_statutory", "stage1", D(2022, 12, 26), None, None, D(2023, 1, 12),
                 id="children s1 starting boxing day 22: day0 wed 28; 29,30,3..6=6, 9..12=10"),
    pytest.param("children_statutory", "stage2", D(2024, 1, 2), None, None, D(2024, 2, 6),
                 id="children s2 25 wd from tue 2 jan 24: tue 6 feb"),
    pytest.param("children_statutory", "stage3", D(2024, 1, 2), None, None, D(2024, 3, 12),
                 id="children s3 no panel: 50 wd from tue 2 jan 24 = tue 12 mar"),
    pytest.param("children_statutory", "stage3", D(2024, 1, 2), None, D(2024, 3, 7), D(2024, 4, 8),
                 id="children s3 panel thu 7 mar 24: 20 wd over easter = mon 8 apr"),
    pytest.param("corporate", "stage1", D(2024, 3, 4), D(2024, 3, 7), None, D(2024, 3, 21),
                 id="corporate s1 from acknowledgement thu 7 mar: 8, 11..15, 18..21 = thu 21 mar"),
    pytest.param("corporate", "stage1", D(2024, 3, 4), None, None, D(2024, 3, 18),
                 id="corporate s1 no acknowledgement: 10 wd from mon 4 mar = mon 18"),
    pytest.param("corporate", "stage2", D(2023, 11, 1), D(2023, 11, 3), None, D(2023, 12, 1),
                 id="corporate s2 20 wd from acknowledgement fri 3 nov 23: fri 1 dec"),
    pytest.param("adults_statutory", "stage1", D(2023, 8, 31), None, None, D(2024, 2, 29),
                 id="adults 6 months from 31 aug 23: 29 feb 24 (leap, thu)"),
    pytest.param("adults_statutory", "stage1", D(2022, 8, 31), None, None, D(2023, 2, 28),
                 id="adults 6 months from 31 aug 22: 28 feb 23 (tue)"),
    pytest.param("adults_statutory", "stage1", D(2025, 8, 31), None, None, D(2026, 3, 2),
                 id="adults 6 months from 31 aug 25: 28 feb 26 is sat -> mon 2 mar"),
    pytest.param("adults_statutory", "stage1", D(2023, 8, 31), D(2023, 9, 4), None, D(2024, 2, 29),
                 id="adults ignore the acknowledgement: still from the start"),
]
# fmt: on


@pytest.mark.parametrize(
    ("procedure", "stage", "started", "acknowledged", "panel_held", "expected"), DUE_CASES
)
def test_stage_due(
    procedure: str,
    stage: str,
    started: date,
    acknowledged: date | None,
    panel_held: date | None,
    expected: date,
) -> None:
    assert due(procedure, stage, started, acknowledged=acknowledged, panel_held=panel_held) == (
        expected
    )


def test_extended_to_is_the_due_date_even_on_a_weekend() -> None:
    assert due("children_statutory", "stage1", D(2024, 1, 2), extended_to=D(2024, 1, 13)) == (
        D(2024, 1, 13)
    )


def test_closure_days_move_the_due_date() -> None:
    closed = WorkingCalendar(non_working=ENG.non_working | {D(2024, 1, 16)})
    got = stage_due(
        procedure="children_statutory",
        stage="stage1",
        started=D(2024, 1, 2),
        calendar=closed,
        ruleset=R,
    )
    assert got == D(2024, 1, 17)  # tue 16 closed -> wed 17 is day 10


# (procedure, stage, started, acknowledged, expected maximum)
# fmt: off
MAXIMUM_CASES = [
    pytest.param("children_statutory", "stage1", D(2024, 1, 2), None, D(2024, 1, 30),
                 id="children s1 max 20 wd from tue 2 jan 24: fri 26=18, 29, tue 30"),
    pytest.param("children_statutory", "stage2", D(2024, 1, 2), None, D(2024, 4, 4),
                 id="children s2 max 65 wd from tue 2 jan 24: thu 4 apr, over easter"),
    pytest.param("corporate", "stage1", D(2024, 3, 4), D(2024, 3, 7), D(2024, 4, 8),
                 id="corporate s1 max 20 wd from acknowledgement thu 7 mar: mon 8 apr"),
    pytest.param("corporate", "stage2", D(2023, 11, 1), D(2023, 11, 3), D(2024, 1, 3),
                 id="corporate s2 max 40 from fri 3 nov 23: fri 22 dec=35, 27..29, 2, 3 jan"),
    pytest.param("adults_statutory", "stage1", D(2023, 8, 31), None, None,
                 id="adults: any date agreed, no maximum"),
    pytest.param("children_statutory", "stage3", D(2024, 1, 2), None, D(2024, 3, 12),
                 id="children s3 has no extension: its due date is the maximum"),
]
# fmt: on


@pytest.mark.parametrize(
    ("procedure", "stage", "started", "acknowledged", "expected"), MAXIMUM_CASES
)
def test_extension_maximum(
    procedure: str, stage: str, started: date, acknowledged: date | None, expected: date | None
) -> None:
    got = extension_maximum(
        procedure=procedure,
        stage=stage,
        started=started,
        acknowledged=acknowledged,
        calendar=ENG,
        ruleset=R,
    )
    assert got == expected


def refusal(procedure: str, stage: str, started: date, extended_to: date, **kw: date) -> str | None:
    return extension_refusal(
        procedure=procedure,
        stage=stage,
        started=started,
        extended_to=extended_to,
        calendar=ENG,
        ruleset=R,
        **kw,
    )


def test_stage2_extension_to_the_65th_day_is_allowed() -> None:
    assert refusal("children_statutory", "stage2", D(2024, 1, 2), D(2024, 4, 4)) is None


def test_stage2_extension_beyond_65_days_is_refused_with_a_clear_message() -> None:
    assert refusal("children_statutory", "stage2", D(2024, 1, 2), D(2024, 4, 5)) == (
        "Stage 2 can be extended to at most 65 working days after it started: "
        "4 April 2024 at the latest."
    )


def test_corporate_refusal_says_counted_from_acknowledgement() -> None:
    message = refusal(
        "corporate", "stage1", D(2024, 3, 4), D(2024, 4, 9), acknowledged=D(2024, 3, 7)
    )
    assert message == (
        "Stage 1 can be extended to at most 20 working days after it was acknowledged: "
        "8 April 2024 at the latest."
    )


def test_adults_any_later_date_is_allowed() -> None:
    assert refusal("adults_statutory", "stage1", D(2023, 8, 31), D(2025, 1, 1)) is None


def test_stage3_cannot_be_extended() -> None:
    assert refusal("children_statutory", "stage3", D(2024, 1, 2), D(2024, 3, 13)) == (
        "Stage 3 cannot be extended: it is due on 12 March 2024."
    )


def test_an_extension_earlier_than_the_due_date_is_refused() -> None:
    message = refusal("children_statutory", "stage1", D(2024, 1, 2), D(2024, 1, 15))
    assert message is not None and "16 January 2024" in message


# (procedure, stage, started, expected acknowledgement due)
# fmt: off
ACK_CASES = [
    pytest.param("children_statutory", "stage1", D(2024, 1, 2), D(2024, 1, 5),
                 id="children 3 wd from tue 2 jan 24: fri 5"),
    pytest.param("adults_statutory", "stage1", D(2024, 3, 26), D(2024, 4, 2),
                 id="adults 3 wd from tue 26 mar 24: 27, 28, easter, tue 2 apr"),
    pytest.param("corporate", "stage1", D(2024, 3, 4), D(2024, 3, 11),
                 id="corporate 5 wd from mon 4 mar 24: mon 11"),
    pytest.param("corporate", "stage2", D(2022, 12, 23), D(2023, 1, 4),
                 id="corporate 5 wd from fri 23 dec 22: 28,29,30, (2 jan), 3, 4"),
    pytest.param("children_statutory", "informal", D(2024, 1, 2), None,
                 id="informal has no acknowledgement target"),
]
# fmt: on


@pytest.mark.parametrize(("procedure", "stage", "started", "expected"), ACK_CASES)
def test_acknowledgement_due(
    procedure: str, stage: str, started: date, expected: date | None
) -> None:
    got = acknowledgement_due(
        procedure=procedure, stage=stage, started=started, calendar=ENG, ruleset=R
    )
    assert got == expected


def test_panel_due() -> None:
    # 30 wd from tue 2 jan 24: fri 9 feb = 28, mon 12, tue 13 feb.
    got = panel_due(
        procedure="children_statutory",
        stage="stage3",
        started=D(2024, 1, 2),
        calendar=ENG,
        ruleset=R,
    )
    assert got == D(2024, 2, 13)


# (procedure, stage, started, acknowledged, panel_held, responded, expected)
# fmt: off
TAKEN_CASES = [
    pytest.param("children_statutory", "stage1", D(2024, 1, 2), None, None, D(2024, 1, 16), 10,
                 id="on the due date: exactly 10"),
    pytest.param("children_statutory", "stage1", D(2024, 1, 2), None, None, D(2024, 1, 13), 8,
                 id="on sat 13 jan: fri 12's number, 8"),
    pytest.param("children_statutory", "stage1", D(2024, 1, 2), None, None, D(2024, 1, 2), 0,
                 id="same day as the start: 0"),
    pytest.param("children_statutory", "stage1", D(2024, 3, 2), None, None, D(2024, 3, 4), 0,
                 id="start sat, response mon (day 0): 0"),
    pytest.param("corporate", "stage1", D(2024, 3, 4), D(2024, 3, 7), None, D(2024, 3, 21), 10,
                 id="corporate from acknowledgement: on due thu 21 mar = 10"),
    pytest.param("corporate", "stage1", D(2024, 3, 4), D(2024, 3, 7), None, D(2024, 3, 29), 15,
                 id="corporate on good friday: thu 28's number, 15"),
    pytest.param("corporate", "stage1", D(2024, 3, 4), None, None, D(2024, 3, 21), 13,
                 id="corporate no acknowledgement: from mon 4 mar, thu 21 = 13"),
    pytest.param("children_statutory", "stage3", D(2024, 1, 2), None,
                 D(2024, 3, 7), D(2024, 4, 8), 20,
                 id="stage3 counted from the panel: mon 8 apr = 20"),
    pytest.param("children_statutory", "stage3", D(2024, 1, 2), None, None, D(2024, 3, 12), 50,
                 id="stage3 no panel counted from start: tue 12 mar = 50"),
    pytest.param("adults_statutory", "stage1", D(2023, 8, 31), None, None, D(2023, 9, 4), 2,
                 id="adults from the start thu 31 aug 23: fri 1 = 1, mon 4 = 2"),
]
# fmt: on


@pytest.mark.parametrize(
    ("procedure", "stage", "started", "acknowledged", "panel_held", "responded", "expected"),
    TAKEN_CASES,
)
def test_working_days_taken(
    procedure: str,
    stage: str,
    started: date,
    acknowledged: date | None,
    panel_held: date | None,
    responded: date,
    expected: int,
) -> None:
    got = working_days_taken(
        procedure=procedure,
        stage=stage,
        started=started,
        acknowledged=acknowledged,
        panel_held=panel_held,
        responded=responded,
        calendar=ENG,
        ruleset=R,
    )
    assert got == expected


def test_no_response_no_days_taken() -> None:
    got = working_days_taken(
        procedure="corporate",
        stage="stage1",
        started=D(2024, 3, 4),
        responded=None,
        calendar=ENG,
        ruleset=R,
    )
    assert got is None


def codes(**kw: object) -> list[str]:
    found = rules.warnings(calendar=ENG, ruleset=R, **kw)  # type: ignore[arg-type]
    return [w.code for w in found]


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        pytest.param(
            dict(
                procedure="children_statutory",
                stage="stage2",
                started=D(2024, 1, 31),
                previous_response=D(2024, 1, 2),
                today=D(2024, 1, 31),
            ),
            ["escalation_late"],
            id="escalation wed 31 jan = day 21 after tue 2 jan",
        ),
        pytest.param(
            dict(
                procedure="children_statutory",
                stage="stage2",
                started=D(2024, 1, 30),
                previous_response=D(2024, 1, 2),
                today=D(2024, 1, 30),
            ),
            [],
            id="escalation tue 30 jan = day 20: not late",
        ),
        pytest.param(
            dict(
                procedure="children_statutory",
                stage="stage1",
                started=D(2024, 3, 16),
                events_on=D(2023, 3, 15),
                today=D(2024, 3, 16),
            ),
            ["events_late"],
            id="made 16 mar 24 about 15 mar 23: over 12 months",
        ),
        pytest.param(
            dict(
                procedure="children_statutory",
                stage="stage1",
                started=D(2024, 3, 15),
                events_on=D(2023, 3, 15),
                today=D(2024, 3, 15),
            ),
            [],
            id="made exactly 12 months later: not late",
        ),
        pytest.param(
            dict(
                procedure="corporate",
                stage="stage1",
                started=D(2025, 2, 28),
                events_on=D(2024, 2, 29),
                today=D(2025, 2, 28),
            ),
            [],
            id="events 29 feb 24, made 28 feb 25: 12 months, not over",
        ),
        pytest.param(
            dict(
                procedure="children_statutory",
                stage="stage1",
                started=D(2024, 1, 2),
                today=D(2024, 1, 5),
            ),
            [],
            id="acknowledgement due fri 5 jan, today 5 jan: not overdue",
        ),
        pytest.param(
            dict(
                procedure="children_statutory",
                stage="stage1",
                started=D(2024, 1, 2),
                today=D(2024, 1, 8),
            ),
            ["acknowledgement_overdue"],
            id="not acknowledged by mon 8 jan",
        ),
        pytest.param(
            dict(
                procedure="children_statutory",
                stage="stage1",
                started=D(2024, 1, 2),
                acknowledged=D(2024, 1, 9),
                today=D(2024, 1, 10),
            ),
            ["acknowledgement_late"],
            id="acknowledged tue 9 jan after fri 5",
        ),
        pytest.param(
            dict(
                procedure="children_statutory",
                stage="informal",
                started=D(2024, 1, 2),
                today=D(2024, 3, 1),
            ),
            [],
            id="informal: no acknowledgement target",
        ),
        pytest.param(
            dict(
                procedure="children_statutory",
                stage="stage2",
                started=D(2024, 1, 2),
                acknowledged=D(2024, 1, 3),
                extended_to=D(2024, 4, 5),
                today=D(2024, 1, 3),
            ),
            ["extension_refused"],
            id="extension past 65 wd",
        ),
    ],
)
def test_warnings(kw: dict[str, object], expected: list[str]) -> None:
    assert codes(**kw) == expected


def test_warning_is_a_message_with_a_code() -> None:
    (warning,) = rules.warnings(
        procedure="children_statutory",
        stage="stage1",
        started=D(2024, 1, 2),
        today=D(2024, 1, 8),
        calendar=ENG,
        ruleset=R,
    )
    assert warning.code == "acknowledgement_overdue"
    assert warning == "Stage 1 has not been acknowledged; it was due by 5 January 2024."


def test_stages() -> None:
    assert allowed_stages("children_statutory") == ("informal", "stage1", "stage2", "stage3")
    assert allowed_stages("corporate") == ("informal", "stage1", "stage2")
    assert allowed_stages("adults_statutory") == ("informal", "stage1")
    assert next_stage("children_statutory", "stage2") == "stage3"
    assert next_stage("corporate", "informal") == "stage1"
    assert next_stage("corporate", "stage2") is None
    assert next_stage("adults_statutory", "stage1") is None
    with pytest.raises(ValueError):
        next_stage("adults_statutory", "stage2")
    with pytest.raises(ValueError):
        allowed_stages("housing")


def test_ruleset_round_trips_through_json() -> None:
    data = json.loads(json.dumps(R.to_dict()))
    assert RuleSet.from_dict(data) == R


def test_ruleset_must_cover_every_stage() -> None:
    data = R.to_dict()
    data["rules"] = [r for r in data["rules"] if r["stage"] != "stage3"]
    with pytest.raises(ValueError, match="missing"):
        RuleSet.from_dict(data)


def test_stage_rule_refuses_unknown_fields_and_bad_shapes() -> None:
    with pytest.raises(ValueError, match="Unknown"):
        StageRule.from_dict({"procedure": "corporate", "stage": "stage1", "due_wd": 10})
    with pytest.raises(ValueError, match="exactly one"):
        StageRule(procedure="corporate", stage="stage1", due_working_days=10, due_months=6)


def test_ruleset_for_picks_the_version_in_force_on_the_start_date() -> None:
    children_s1 = R.rule("children_statutory", "stage1")
    newer = replace(
        R,
        effective_from=D(2026, 4, 1),
        rules=tuple(replace(r, due_working_days=15) if r is children_s1 else r for r in R.rules),
    )
    versions = (newer, R)  # order given does not matter
    assert ruleset_for(D(2026, 3, 31), versions) is R
    assert ruleset_for(D(2026, 4, 1), versions) is newer
    assert ruleset_for(D(1999, 1, 1), versions) is R  # older than all: the earliest
    # Under the newer table, 15 wd from wed 1 apr 26: 2, (3 good fri, 6 easter mon), 7..10=5,
    # 13..17=10, 20..24=15 -> fri 24 apr.
    got = stage_due(
        procedure="children_statutory",
        stage="stage1",
        started=D(2026, 4, 1),
        calendar=ENG,
        ruleset=ruleset_for(D(2026, 4, 1), versions),
    )
    assert got == D(2026, 4, 24)
