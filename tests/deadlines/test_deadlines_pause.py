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


# (procedure, stage, started, paused_from, paused_to, expected due)
# fmt: off
PAUSED_DUE = [
    pytest.param(CHILDREN, "stage1", D(2025, 3, 3), None, None, D(2025, 3, 17),
                 id="no pause: 10 wd from mon 3 mar 25 = mon 17 mar"),
    pytest.param(CHILDREN, "stage1", D(2025, 3, 3), D(2025, 3, 5), D(2025, 3, 11), D(2025, 3, 24),
                 id="paused wed 5 to tue 11 mar (5 wd): due mon 24 mar"),
    pytest.param(CHILDREN, "stage1", D(2025, 3, 3), D(2025, 3, 8), D(2025, 3, 9), D(2025, 3, 17),
                 id="paused over a weekend only: 0 wd, due unchanged"),
    pytest.param(CHILDREN, "stage1", D(2025, 4, 10), D(2025, 4, 14), D(2025, 4, 25), D(2025, 5, 9),
                 id="paused 14-25 apr over easter (8 wd): 18 wd from thu 10 apr = fri 9 may"),
    pytest.param(CHILDREN, "stage1", D(2025, 3, 3), D(2025, 2, 24), D(2025, 3, 4), D(2025, 3, 18),
                 id="pause begun before the start: only tue 4 mar counts (1 wd)"),
    pytest.param(CHILDREN, "stage1", D(2025, 3, 3), D(2025, 3, 3), D(2025, 3, 3), D(2025, 3, 17),
                 id="paused on day 0 only: day 0 is never counted, due unchanged"),
    pytest.param(CHILDREN, "stage2", D(2025, 3, 3), D(2025, 3, 5), D(2025, 3, 11), D(2025, 4, 7),
                 id="stage 2 cannot pause: 25 wd from mon 3 mar = mon 7 apr"),
    pytest.param(CORPORATE, "stage1", D(2025, 3, 3), D(2025, 3, 5), D(2025, 3, 11), D(2025, 3, 17),
                 id="corporate stage 1 cannot pause"),
    pytest.param(ADULTS, "stage1", D(2025, 3, 3), D(2025, 3, 5), D(2025, 3, 11), D(2025, 9, 3),
                 id="adults stage 1 (months) cannot pause"),
]
# fmt: on


@pytest.mark.parametrize("procedure,stage,started,paused_from,paused_to,expected", PAUSED_DUE)
def test_pause_moves_the_due_date(procedure, stage, started, paused_from, paused_to, expected):
    due = stage_due(
        procedure=procedure,
        stage=stage,
        started=started,
        paused_from=paused_from,
        paused_to=paused_to,
        calendar=ENG,
        ruleset=R,
    )
    assert due == expected


# (paused_from, paused_to, responded, expected working days taken) for stage 1 from 3 Mar 25
# fmt: off
TAKEN = [
    (None, None, D(2025, 3, 17), 10),
    (D(2025, 3, 5), D(2025, 3, 11), D(2025, 3, 24), 10),  # 15 counted, 5 paused
    (D(2025, 3, 5), D(2025, 3, 11), D(2025, 3, 7), 1),  # answered mid-pause: only tue 4 counts
    (D(2025, 3, 5), D(2025, 3, 11), D(2025, 3, 4), 1),  # answered before the pause
    (D(2025, 3, 10), D(2025, 3, 14), D(2025, 3, 31), 15 - 5 + 5),  # 20 counted, 5 paused
]
# fmt: on


@pytest.mark.parametrize("paused_from,paused_to,responded,expected", TAKEN)
def test_paused_days_are_not_taken(paused_from, paused_to, responded, expected):
    taken = working_days_taken(
        procedure=CHILDREN,
        stage="stage1",
        started=D(2025, 3, 3),
        responded=responded,
        paused_from=paused_from,
        paused_to=paused_to,
        calendar=ENG,
        ruleset=R,
    )
    assert taken == expected


@pytest.mark.parametrize(
    "after,paused_from,paused_to,until,expected",
    [
        (D(2025, 3, 3), D(2025, 3, 5), D(2025, 3, 11), None, 5),
        (D(2025, 3, 3), D(2025, 3, 5), D(2025, 3, 11), D(2025, 3, 6), 2),
        (D(2025, 3, 3), D(2025, 3, 5), D(2025, 3, 11), D(2025, 3, 4), 0),
        (D(2025, 3, 12), D(2025, 3, 5), D(2025, 3, 11), None, 0),  # pause before the count
        (D(2025, 3, 3), D(2025, 3, 11), D(2025, 3, 5), None, 0),  # end before start
    ],
)
def test_paused_working_days(after, paused_from, paused_to, until, expected):
    got = paused_working_days(
        procedure=CHILDREN,
        stage="stage1",
        after=after,
        paused_from=paused_from,
        paused_to=paused_to,
        until=until,
        calendar=ENG,
    )
    assert got == expected


def test_pause_moves_the_extension_maximum_too():
    common = dict(
        procedure=CHILDREN, stage="stage1", started=D(2025, 3, 3), calendar=ENG, ruleset=R
    )
    assert extension_maximum(**common) == D(2025, 3, 31)  # 20 wd
    paused = dict(paused_from=D(2025, 3, 5), paused_to=D(2025, 3, 11))
    assert extension_maximum(**common, **paused) == D(2025, 4, 7)  # 25 wd
    # An extension to the unpaused due date is now earlier than the paused due date.
    assert "later date than the due date" in (
        extension_refusal(extended_to=D(2025, 3, 18), **common, **paused) or ""
    )
    assert extension_refusal(extended_to=D(2025, 4, 7), **common, **paused) is None


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
