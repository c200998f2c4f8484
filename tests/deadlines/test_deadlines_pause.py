"""The clock paused for advocacy, and "why this date": tables worked out by hand."""

from datetime import date

import pytest

from complaintsdesk.deadlines.calendar import WorkingCalendar, bank_holiday_names
from complaintsdesk.workflow.explain import acknowledgement_explanation, due_explanation
from complaintsdesk.workflow.rules import (
    DEFAULT_RULESET,
    extension_maximum,
    extension_refusal,
    paused_working_days,
    stage_due,
    working_days_taken,
)

ENG = WorkingCalendar.for_region("ENG")
NAMES = bank_holiday_names(range(2020, 2027))
D = date
R = DEFAULT_RULESET
CHILDREN, ADULTS, CORPORATE = "children_statutory", "adults_statutory", "corporate"

# The due date, the working days taken and the working days paused: one table, one row
# builder each, so a row says only what differs.
MON_3_MAR_25 = D(2025, 3, 3)
WED_5_TO_TUE_11_MAR = (D(2025, 3, 5), D(2025, 3, 11))  # 5 working days
NO_PAUSE = (None, None)


def due(pause, expected, *, id, procedure=CHILDREN, stage="stage1", started=MON_3_MAR_25):
    """A row: the stage's due date with the clock paused (first day, last day)."""
    args = dict(procedure=procedure, stage=stage, started=started, ruleset=R)
    return pytest.param(stage_due, {**args, **_pause(pause)}, expected, id=f"due: {id}")


def taken(pause, responded, expected, *, id):
    """A row: working days taken by a children's stage 1 from Mon 3 Mar 25."""
    args = dict(procedure=CHILDREN, stage="stage1", started=MON_3_MAR_25, ruleset=R)
    return pytest.param(
        working_days_taken, {**args, **_pause(pause), "responded": responded}, expected,
        id=f"taken: {id}",
    )  # fmt: skip


def paused(after, pause, until, expected, *, id):
    """A row: the working days of the pause that fall after `after` (and up to `until`)."""
    args = dict(procedure=CHILDREN, stage="stage1", after=after, until=until)
    return pytest.param(
        paused_working_days, {**args, **_pause(pause)}, expected, id=f"paused: {id}"
    )


def _pause(pause):
    return dict(paused_from=pause[0], paused_to=pause[1])


# fmt: off
PAUSE_RULES = [
    due(NO_PAUSE, D(2025, 3, 17), id="no pause: 10 wd from mon 3 mar 25 = mon 17 mar"),
    due(WED_5_TO_TUE_11_MAR, D(2025, 3, 24),
        id="paused wed 5 to tue 11 mar (5 wd): due mon 24 mar"),
    due((D(2025, 3, 8), D(2025, 3, 9)), D(2025, 3, 17),
        id="paused over a weekend only: 0 wd, due unchanged"),
    due((D(2025, 4, 14), D(2025, 4, 25)), D(2025, 5, 9), started=D(2025, 4, 10),
        id="paused 14-25 apr over easter (8 wd): 18 wd from thu 10 apr = fri 9 may"),
    due((D(2025, 2, 24), D(2025, 3, 4)), D(2025, 3, 18),
        id="pause begun before the start: only tue 4 mar counts (1 wd)"),
    due((MON_3_MAR_25, MON_3_MAR_25), D(2025, 3, 17),
        id="paused on day 0 only: day 0 is never counted, due unchanged"),
    due(WED_5_TO_TUE_11_MAR, D(2025, 4, 7), stage="stage2",
        id="stage 2 cannot pause: 25 wd from mon 3 mar = mon 7 apr"),
    due(WED_5_TO_TUE_11_MAR, D(2025, 3, 17), procedure=CORPORATE,
        id="corporate stage 1 cannot pause"),
    due(WED_5_TO_TUE_11_MAR, D(2025, 9, 3), procedure=ADULTS,
        id="adults stage 1 (months) cannot pause"),
    taken(NO_PAUSE, D(2025, 3, 17), 10, id="no pause"),
    taken(WED_5_TO_TUE_11_MAR, D(2025, 3, 24), 10, id="15 counted, 5 paused"),
    taken(WED_5_TO_TUE_11_MAR, D(2025, 3, 7), 1, id="answered mid-pause: only tue 4 counts"),
    taken(WED_5_TO_TUE_11_MAR, D(2025, 3, 4), 1, id="answered before the pause"),
    taken((D(2025, 3, 10), D(2025, 3, 14)), D(2025, 3, 31), 15 - 5 + 5,
          id="20 counted, 5 paused"),
    paused(MON_3_MAR_25, WED_5_TO_TUE_11_MAR, None, 5, id="the whole pause"),
    paused(MON_3_MAR_25, WED_5_TO_TUE_11_MAR, D(2025, 3, 6), 2, id="up to thu 6 mar"),
    paused(MON_3_MAR_25, WED_5_TO_TUE_11_MAR, D(2025, 3, 4), 0, id="up to before the pause"),
    paused(D(2025, 3, 12), WED_5_TO_TUE_11_MAR, None, 0, id="pause before the count"),
    paused(MON_3_MAR_25, (D(2025, 3, 11), D(2025, 3, 5)), None, 0, id="end before start"),
]
# fmt: on


@pytest.mark.parametrize("rule,args,expected", PAUSE_RULES)
def test_pause_rule(rule, args, expected):
    """The due date, the working days taken and the working days paused, worked out by hand."""
    assert rule(calendar=ENG, **args) == expected


def test_pause_moves_the_extension_maximum_too():
    common = dict(
        procedure=CHILDREN, stage="stage1", started=D(2025, 3, 3), calendar=ENG, ruleset=R
    )
    assert extension_maximum(**common) == D(2025, 3, 31)  # 20 wd
    pause = dict(paused_from=D(2025, 3, 5), paused_to=D(2025, 3, 11))
    assert extension_maximum(**common, **pause) == D(2025, 4, 7)  # 25 wd
    # An extension to the unpaused due date is now earlier than the paused due date.
    assert "later date than the due date" in (
        extension_refusal(extended_to=D(2025, 3, 18), **common, **pause) or ""
    )
    assert extension_refusal(extended_to=D(2025, 4, 7), **common, **pause) is None


# fmt: off
EXPLAINED = [
    pytest.param(dict(procedure=CHILDREN, stage="stage1", started=D(2025, 4, 10)),
                 "10 working days after 10 April 2025, skipping Good Friday and Easter Monday",
                 id="over easter"),
    pytest.param(dict(procedure=CHILDREN, stage="stage1", started=D(2025, 3, 3)),
                 "10 working days after 3 March 2025", id="plain"),
    pytest.param(dict(procedure=CHILDREN, stage="stage1", started=D(2024, 3, 2)),
                 "10 working days after 2 March 2024 (counted from 4 March 2024, the next "
                 "working day)",
                 id="starts on a saturday"),
    pytest.param(dict(procedure=CHILDREN, stage="stage1", started=D(2025, 3, 3),
                      paused_from=D(2025, 3, 5), paused_to=D(2025, 3, 11)),
                 "10 working days after 3 March 2025, plus 5 working days paused for advocacy "
                 "(5 March 2025 to 11 March 2025)", id="paused"),
    pytest.param(dict(procedure=CORPORATE, stage="stage1", started=D(2025, 3, 3),
                      acknowledged=D(2025, 3, 5)),
                 "10 working days after the acknowledgement on 5 March 2025", id="from ack"),
    pytest.param(dict(procedure=CHILDREN, stage="stage3", started=D(2024, 1, 2),
                      panel_held=D(2024, 3, 7)),
                 "20 working days after the panel sat on 7 March 2024, skipping Good Friday "
                 "and Easter Monday", id="after the panel"),
    pytest.param(dict(procedure=ADULTS, stage="stage1", started=D(2025, 3, 3)),
                 "6 calendar months after 3 March 2025", id="months"),
    pytest.param(dict(procedure=ADULTS, stage="stage1", started=D(2024, 2, 26)),
                 "6 calendar months after 26 February 2024, moved from 26 August 2024 to the "
                 "next working day", id="months onto a bank holiday"),
    pytest.param(dict(procedure=CHILDREN, stage="stage2", started=D(2024, 12, 16)),
                 "25 working days after 16 December 2024, skipping Christmas Day, Boxing Day "
                 "and New Year's Day", id="over christmas"),
    pytest.param(dict(procedure=CHILDREN, stage="stage1", started=D(2025, 3, 3),
                      extended_to=D(2025, 3, 28)),
                 "Extended to 28 March 2025, a later date agreed with the complainant",
                 id="extended"),
]
# fmt: on


@pytest.mark.parametrize("stage,expected", EXPLAINED)
def test_why_this_date(stage, expected):
    due = stage_due(calendar=ENG, ruleset=R, **stage)
    assert due_explanation(due=due, calendar=ENG, ruleset=R, names=NAMES, **stage) == expected


def test_a_closure_day_without_a_name_is_named_by_date():
    closed = WorkingCalendar.for_region("ENG", [D(2025, 3, 7)])
    common = dict(procedure=CHILDREN, stage="stage1", started=D(2025, 3, 3))
    due = stage_due(calendar=closed, ruleset=R, **common)
    assert due == D(2025, 3, 18)
    text = due_explanation(due=due, calendar=closed, ruleset=R, names=NAMES, **common)
    assert text.endswith("skipping the closure day of 7 March 2025")


def test_acknowledgement_explained():
    common = dict(procedure=CHILDREN, stage="stage1", started=D(2025, 4, 17))
    due = D(2025, 4, 24)
    text = acknowledgement_explanation(due=due, calendar=ENG, ruleset=R, names=NAMES, **common)
    assert text == "3 working days after 17 April 2025, skipping Good Friday and Easter Monday"
