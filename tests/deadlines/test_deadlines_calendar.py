"""Working-day arithmetic against dates worked out by hand on a printed calendar.

Each id says how the answer was counted: "d1 20" means day 1 is the 20th.
"""

from datetime import date, timedelta

import pytest

from complaintsdesk.deadlines import calendar as cal
from complaintsdesk.deadlines.calendar import WorkingCalendar, add_months, bank_holidays

ENG = WorkingCalendar.for_region("ENG")
D = date

# (start, n, expected)
# fmt: off
ADD_CASES = [
    pytest.param(D(2022, 9, 16), 1, D(2022, 9, 20),
        id="fri-16-sep-22+1: mon 19 queen's funeral -> tue 20"),
    pytest.param(D(2022, 9, 16), 10, D(2022, 10, 3),
        id="fri-16-sep-22+10: 20..23=4, 26..30=9, mon 3 oct=10"),
    pytest.param(D(2022, 9, 19), 1, D(2022, 9, 21),
        id="start on funeral mon 19: day0=tue 20, d1 wed 21"),
    pytest.param(D(2023, 5, 5), 1, D(2023, 5, 9), id="fri-5-may-23+1: mon 8 coronation -> tue 9"),
    pytest.param(D(2023, 5, 5), 3, D(2023, 5, 11), id="fri-5-may-23+3: 9,10,11"),
    pytest.param(D(2023, 4, 28), 10, D(2023, 5, 16),
        id="fri-28-apr-23+10: skip 1 may and 8 may; 2..5=4, 9..12=8, 15, 16"),
    pytest.param(D(2021, 12, 24), 1, D(2021, 12, 29),
        id="fri-24-dec-21+1: 27, 28 substitutes -> wed 29"),
    pytest.param(D(2021, 12, 24), 3, D(2021, 12, 31), id="fri-24-dec-21+3: 29,30,31"),
    pytest.param(D(2021, 12, 24), 4, D(2022, 1, 4),
        id="fri-24-dec-21+4: mon 3 jan 22 substitute -> tue 4"),
    pytest.param(D(2021, 12, 20), 10, D(2022, 1, 6),
        id="mon-20-dec-21+10: 21..24=4, 29..31=7, 4,5,6 jan"),
    pytest.param(D(2022, 12, 23), 1, D(2022, 12, 28),
        id="fri-23-dec-22+1: 26 boxing, 27 substitute -> wed 28"),
    pytest.param(D(2022, 12, 23), 4, D(2023, 1, 3),
        id="fri-23-dec-22+4: 28,29,30, mon 2 jan 23 substitute, tue 3"),
    pytest.param(D(2022, 12, 26), 5, D(2023, 1, 5),
        id="start on boxing day 22: day0=wed 28; 29,30,3,4,5 jan"),
    pytest.param(D(2027, 12, 24), 1, D(2027, 12, 29),
        id="fri-24-dec-27+1: 27, 28 substitutes -> wed 29"),
    pytest.param(D(2024, 3, 28), 1, D(2024, 4, 2),
        id="thu-28-mar-24+1: good fri 29, easter mon 1 apr -> tue 2"),
    pytest.param(D(2023, 4, 6), 2, D(2023, 4, 12),
        id="thu-6-apr-23+2: good fri 7, easter mon 10; 11, 12"),
    pytest.param(D(2024, 3, 2), 10, D(2024, 3, 18),
        id="sat-2-mar-24+10: day0=mon 4; 5..8=4, 11..15=9, mon 18"),
    pytest.param(D(2024, 3, 1), 10, D(2024, 3, 15), id="fri-1-mar-24+10: 4..8=5, 11..15=10"),
    pytest.param(D(2024, 1, 2), 25, D(2024, 2, 6),
        id="tue-2-jan-24+25: 3..5=3, fridays 8,13,...,2 feb=23, 5, 6"),
    pytest.param(D(2024, 1, 2), 50, D(2024, 3, 12),
        id="tue-2-jan-24+50: fri 8 mar=48, 11, tue 12 mar"),
    pytest.param(D(2024, 1, 2), 65, D(2024, 4, 4),
        id="tue-2-jan-24+65: fri 22 mar=58, 25..28=62, easter, 2,3,4 apr"),
    pytest.param(D(2024, 1, 2), 0, D(2024, 1, 2), id="n=0 on a working day is the day itself"),
    pytest.param(D(2024, 1, 1), 0, D(2024, 1, 2), id="n=0 from new year's day: day0 is tue 2"),
]
# fmt: on


@pytest.mark.parametrize(("start", "n", "expected"), ADD_CASES)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert ENG.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("d", "working"),
    [
        pytest.param(D(2022, 9, 19), False, id="queen's funeral"),
        pytest.param(D(2023, 5, 8), False, id="coronation"),
        pytest.param(D(2021, 12, 27), False, id="2021 christmas substitute"),
        pytest.param(D(2021, 12, 28), False, id="2021 boxing day substitute"),
        pytest.param(D(2022, 1, 3), False, id="2022 new year substitute"),
        pytest.param(D(2022, 12, 26), False, id="2022 boxing day"),
        pytest.param(D(2022, 12, 27), False, id="2022 christmas substitute"),
        pytest.param(D(2023, 1, 2), False, id="2023 new year substitute"),
        pytest.param(D(2027, 12, 27), False, id="2027 christmas substitute"),
        pytest.param(D(2027, 12, 28), False, id="2027 boxing day substitute"),
        pytest.param(D(2027, 12, 29), True, id="wed 29 dec 2027"),
        pytest.param(D(2024, 3, 29), False, id="good friday 2024"),
        pytest.param(D(2024, 4, 1), False, id="easter monday 2024"),
        pytest.param(D(2024, 3, 30), False, id="saturday"),
        pytest.param(D(2024, 3, 31), False, id="sunday"),
        pytest.param(D(2024, 4, 2), True, id="tuesday after easter"),
    ],
)
def test_is_working_day(d: date, working: bool) -> None:
    assert ENG.is_working_day(d) is working


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        pytest.param(D(2024, 3, 2), D(2024, 3, 4), id="saturday -> monday"),
        pytest.param(D(2024, 3, 29), D(2024, 4, 2), id="good friday -> tue after easter monday"),
        pytest.param(D(2024, 3, 28), D(2024, 3, 28), id="working day is itself"),
        pytest.param(D(2021, 12, 25), D(2021, 12, 29), id="christmas 2021 sat -> wed 29"),
    ],
)
def test_next_working_day(d: date, expected: date) -> None:
    assert ENG.next_working_day(d) == expected


# (start, d, expected day number)
# fmt: off
DAY_NUMBER_CASES = [
    pytest.param(D(2024, 1, 2), D(2024, 1, 16), 10, id="on the 10-day due date: 10"),
    pytest.param(D(2024, 1, 2), D(2024, 1, 13), 8, id="sat 13 jan: number of fri 12 = 8"),
    pytest.param(D(2024, 1, 2), D(2024, 1, 14), 8, id="sun 14 jan: number of fri 12 = 8"),
    pytest.param(D(2024, 1, 2), D(2024, 1, 2), 0, id="same day as start: 0"),
    pytest.param(D(2024, 1, 2), D(2023, 12, 29), 0, id="before the start: 0"),
    pytest.param(D(2024, 1, 2), D(2024, 1, 3), 1, id="next day: 1"),
    pytest.param(D(2024, 3, 2), D(2024, 3, 4), 0, id="start sat; mon 4 is day 0"),
    pytest.param(D(2024, 3, 2), D(2024, 3, 5), 1, id="start sat; tue 5 is day 1"),
    pytest.param(D(2024, 3, 7), D(2024, 3, 29), 15,
        id="good friday: number of thu 28 = 15 from thu 7 mar"),
    pytest.param(D(2024, 1, 2), D(2024, 4, 4), 65, id="65-day maximum lands on thu 4 apr"),
    pytest.param(D(2022, 9, 16), D(2022, 9, 19), 0, id="funeral mon before day 1 (tue 20): 0"),
]
# fmt: on


@pytest.mark.parametrize(("start", "d", "expected"), DAY_NUMBER_CASES)
def test_day_number(start: date, d: date, expected: int) -> None:
    assert ENG.day_number(start, d) == expected


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        pytest.param(D(2023, 8, 31), 6, D(2024, 2, 29), id="31 aug 23 +6: feb 24 leap, 29 thu"),
        pytest.param(D(2022, 8, 31), 6, D(2023, 2, 28), id="31 aug 22 +6: 28 feb 23 tue"),
        pytest.param(
            D(2025, 8, 31), 6, D(2026, 3, 2), id="31 aug 25 +6: 28 feb 26 sat -> mon 2 mar"
        ),
        pytest.param(D(2024, 1, 15), 6, D(2024, 7, 15), id="15 jan 24 +6: mon 15 jul"),
        pytest.param(
            D(2021, 6, 27), 6, D(2021, 12, 29), id="27 jun 21 +6: 27 dec substitute -> 29"
        ),
    ],
)
def test_add_calendar_months(start: date, months: int, expected: date) -> None:
    assert ENG.add_calendar_months(start, months) == expected


def test_add_months_clamps_without_moving() -> None:
    assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)  # a Saturday, kept
    assert add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)
    assert add_months(D(2024, 11, 30), 3) == D(2025, 2, 28)


# The council shuts 24, 27, 30, 31 Dec 2024 (25, 26 Dec and 1 Jan are bank holidays).
CLOSED = ENG.non_working | {D(2024, 12, 24), D(2024, 12, 27), D(2024, 12, 30), D(2024, 12, 31)}
WITH_CLOSURES = WorkingCalendar(non_working=CLOSED)


def test_closure_days() -> None:
    # Mon 23 Dec + 1: everything to 1 Jan is closed or a holiday -> thu 2 Jan 2025.
    assert WITH_CLOSURES.add_working_days(D(2024, 12, 23), 1) == D(2025, 1, 2)
    assert ENG.add_working_days(D(2024, 12, 23), 1) == D(2024, 12, 24)
    # Mon 23 Dec + 5 with closures: 2, 3, 6, 7, 8 Jan.
    assert WITH_CLOSURES.add_working_days(D(2024, 12, 23), 5) == D(2025, 1, 8)
    assert WITH_CLOSURES.day_number(D(2024, 12, 23), D(2024, 12, 31)) == 0
    assert not WITH_CLOSURES.is_working_day(D(2024, 12, 30))


def test_closure_on_a_weekend_changes_nothing() -> None:
    weekend = WorkingCalendar(non_working=ENG.non_working | {D(2024, 3, 9)})
    assert weekend.add_working_days(D(2024, 3, 1), 10) == D(2024, 3, 15)


def test_bank_holidays_match_gov_uk_england_and_wales() -> None:
    # Typed in from gov.uk/bank-holidays (England and Wales), 2022 and 2023.
    gov_uk = {
        D(2022, 1, 3), D(2022, 4, 15), D(2022, 4, 18), D(2022, 5, 2), D(2022, 6, 2),
        D(2022, 6, 3), D(2022, 8, 29), D(2022, 9, 19), D(2022, 12, 26), D(2022, 12, 27),
        D(2023, 1, 2), D(2023, 4, 7), D(2023, 4, 10), D(2023, 5, 1), D(2023, 5, 8),
        D(2023, 5, 29), D(2023, 8, 28), D(2023, 12, 25), D(2023, 12, 26),
    }  # fmt: skip
    found = bank_holidays([2022, 2023], "ENG")
    # The package also lists the weekend day a substitute replaces; gov.uk does not.
    assert {d for d in found if d.weekday() < 5} == gov_uk
    assert all(d.weekday() >= 5 for d in found - gov_uk)


def test_scotland_differs() -> None:
    scotland = bank_holidays([2022], "SCT")
    assert D(2022, 8, 1) in scotland  # Scotland's summer holiday, first Monday of August
    assert D(2022, 8, 29) not in scotland
    assert D(2022, 8, 29) in bank_holidays([2022], "ENG")


def test_unknown_region_is_refused() -> None:
    with pytest.raises(ValueError, match="region"):
        bank_holidays([2022], "XYZ")


def test_outside_the_range_is_an_error_not_a_wrong_answer() -> None:
    with pytest.raises(ValueError, match="outside"):
        ENG.add_working_days(D(1999, 12, 31), 1)
    with pytest.raises(ValueError, match="outside"):
        ENG.add_working_days(D(2045, 12, 29), 5)


def _add_slowly(start: date, n: int, non_working: frozenset[date]) -> date:
    """The definition, one day at a time: the oracle for the fast version."""

    def working(d: date) -> bool:
        return d.weekday() < 5 and d not in non_working

    d = start
    while not working(d):
        d += timedelta(days=1)
    while n:
        d += timedelta(days=1)
        if working(d):
            n -= 1
    return d


def test_fast_arithmetic_agrees_with_counting_day_by_day() -> None:
    start = D(2021, 11, 1)
    for offset in range(0, 900, 7):
        for n in (0, 1, 3, 10, 20, 25, 65):
            s = start + timedelta(days=offset)
            expected = _add_slowly(s, n, CLOSED)
            assert WITH_CLOSURES.add_working_days(s, n) == expected
            assert WITH_CLOSURES.day_number(s, expected) == n


def test_module_functions_share_the_implementation() -> None:
    holidays = bank_holidays([2022])
    assert cal.add_working_days(D(2022, 9, 16), 1, holidays) == D(2022, 9, 20)
    assert cal.day_number(D(2022, 9, 16), D(2022, 9, 20), holidays) == 1
    assert cal.next_working_day(D(2022, 9, 19), holidays) == D(2022, 9, 20)
    assert not cal.is_working_day(D(2022, 9, 19), holidays)
    assert cal.add_calendar_months(D(2022, 8, 19), 1, holidays) == D(2022, 9, 20)
