"""The retention schedule and the subject access clock: pure rules, plain tables."""

import random
from datetime import date, timedelta

import pytest

from complaintsdesk.deadlines.calendar import bank_holidays, subject_access_due
from complaintsdesk.privacy import retention
from complaintsdesk.privacy.retention import RetentionSchedule, schedule_for

ENG = bank_holidays(range(2023, 2028))


@pytest.mark.parametrize(
    ("received", "extended", "due"),
    [
        (date(2025, 9, 3), False, date(2025, 10, 3)),  # the same date next month
        (date(2025, 1, 31), False, date(2025, 2, 28)),  # no 31 Feb: the month's last day
        (date(2024, 1, 31), False, date(2024, 2, 29)),  # leap year
        (date(2025, 3, 31), False, date(2025, 4, 30)),
        (date(2025, 4, 5), False, date(2025, 5, 6)),  # 5 May 2025 is a bank holiday (Mon)
        (date(2025, 5, 31), False, date(2025, 6, 30)),
        (date(2025, 7, 26), False, date(2025, 8, 26)),  # Tue after the August bank holiday
        (date(2025, 7, 25), False, date(2025, 8, 26)),  # 25 Aug 2025 bank holiday, Mon
        (date(2025, 11, 25), False, date(2025, 12, 29)),  # Thu 25 Dec; next working Mon 29th
        (date(2025, 9, 4), False, date(2025, 10, 6)),  # 4 Oct is a Saturday
        (date(2025, 9, 3), True, date(2025, 12, 3)),  # extended: three months in all
        (date(2025, 11, 30), True, date(2026, 3, 2)),  # 28 Feb 2026 is a Saturday: Monday
    ],
)
def test_subject_access_due(received: date, extended: bool, due: date) -> None:
    assert subject_access_due(received, ENG, extended=extended) == due


def _schedule(effective: date, months: int) -> RetentionSchedule:
    return RetentionSchedule(
        effective_from=effective,
        months={(p, r): months for p, r in retention.DEFAULT_SCHEDULE.months},
    )


@pytest.mark.parametrize(
    ("today", "months"),
    [
        (date(1999, 1, 1), 72),  # before every version: the earliest
        (date(2025, 12, 31), 72),
        (date(2026, 1, 1), 120),  # the council's longer period from its date
        (date(2030, 1, 1), 24),
    ],
)
def test_the_version_in_force_on_the_day(today: date, months: int) -> None:
    schedules = (
        retention.DEFAULT_SCHEDULE,
        _schedule(date(2026, 1, 1), 120),
        _schedule(date(2028, 6, 1), 24),
    )
    chosen = schedule_for(today, schedules)
    assert chosen.period("children_statutory", "case") == months


@pytest.mark.parametrize(
    ("closed", "months", "today", "expired"),
    [
        (date(2019, 3, 31), 72, date(2025, 3, 30), False),
        (date(2019, 3, 31), 72, date(2025, 3, 31), True),
        (date(2020, 2, 29), 72, date(2026, 2, 27), False),
        (date(2020, 2, 29), 72, date(2026, 2, 28), True),
        (date(2024, 1, 31), 1, date(2024, 2, 29), True),
    ],
)
def test_is_expired(closed: date, months: int, today: date, expired: bool) -> None:
    assert retention.is_expired(closed, months, today) is expired


def test_the_database_bound_never_misses_an_expired_record() -> None:
    rng = random.Random(13)
    for _ in range(5000):
        closed = date(2015, 1, 1) + timedelta(days=rng.randrange(4000))
        months = rng.choice([1, 11, 12, 24, 72, 73, 120])
        today = closed + timedelta(days=rng.randrange(30 * months - 200, 30 * months + 200))
        if retention.is_expired(closed, months, today):
            assert closed <= retention.closed_by_bound(today, months), (closed, months, today)


@pytest.mark.parametrize(
    "months",
    [
        {},
        {**retention.DEFAULT_SCHEDULE.months, ("corporate", "case"): 0},
        {**retention.DEFAULT_SCHEDULE.months, ("corporate", "case"): "72"},
        {**retention.DEFAULT_SCHEDULE.months, ("corporate", "case"): True},
        {**retention.DEFAULT_SCHEDULE.months, ("housing", "case"): 12},
    ],
)
def test_a_bad_schedule_is_refused(months) -> None:
    with pytest.raises(ValueError):
        RetentionSchedule(effective_from=date(2026, 1, 1), months=months)


def test_a_schedule_round_trips_as_json_data() -> None:
    schedule = _schedule(date(2026, 4, 1), 84)
    assert RetentionSchedule.from_dict(schedule.to_dict()) == schedule


def test_an_unknown_procedure_is_kept_the_longest() -> None:
    months = {**retention.DEFAULT_SCHEDULE.months, ("corporate", "case"): 200}
    schedule = RetentionSchedule(effective_from=date(2026, 1, 1), months=months)
    assert schedule.period("", "case") == 200
