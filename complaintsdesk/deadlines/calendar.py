"""Working-day arithmetic. PURE: no Django; the non-working days come in as an argument.

Counting follows domain.md ("Procedures and deadlines"): the day a count starts from is
day 0 and is not counted; a count that starts on a non-working day starts from the next
working day instead; "N working days after D" is the date of day N.

A `WorkingCalendar` precomputes, over a fixed range, how many working days fall before each
date, so every question is index arithmetic (O(1)) rather than a day-by-day loop: reports
compute due dates for 100,000 stages at a time.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

__all__ = [
    "CALENDAR_FIRST",
    "CALENDAR_LAST",
    "REGIONS",
    "OutsideCalendar",
    "WorkingCalendar",
    "add_calendar_months",
    "add_months",
    "add_working_days",
    "bank_holiday_names",
    "bank_holidays",
    "calendar_for",
    "day_number",
    "is_working_day",
    "next_working_day",
]

# ENG covers England and Wales (the same bank holidays); SCT and NIR are a council setting.
REGIONS: tuple[str, ...] = ("ENG", "SCT", "NIR")

# Wide enough for any case a council still holds and any deadline it will set.
CALENDAR_FIRST = date(2000, 1, 1)
CALENDAR_LAST = date(2045, 12, 31)


class OutsideCalendar(ValueError):
    """A date (given, or reached by counting) beyond the calendar's first or last day."""


def bank_holiday_names(years: Iterable[int], region: str = "ENG") -> dict[date, str]:
    """Each bank holiday's name ("Good Friday"), to explain which days a count skipped."""
    if region not in REGIONS:
        raise ValueError(f"Unknown calendar region {region!r}: expected one of {REGIONS}")
    return dict(_bank_holiday_names(tuple(sorted(set(years))), region))


@lru_cache(maxsize=32)
def _bank_holiday_names(years: tuple[int, ...], region: str) -> tuple[tuple[date, str], ...]:
    found = holidays.country_holidays("GB", subdiv=region, years=years)
    return tuple((d, str(name)) for d, name in sorted(found.items()))


def bank_holidays(years: Iterable[int], region: str = "ENG") -> frozenset[date]:
    """Bank holidays (including substitute days and one-off days) of a UK region."""
    if region not in REGIONS:
        raise ValueError(f"Unknown calendar region {region!r}: expected one of {REGIONS}")
    return _bank_holidays(tuple(sorted(set(years))), region)


@lru_cache(maxsize=32)
def _bank_holidays(years: tuple[int, ...], region: str) -> frozenset[date]:
    # The package also lists the weekend date a substitute day replaces; harmless here,
    # since weekends are never working days anyway.
    return frozenset(holidays.country_holidays("GB", subdiv=region, years=years).keys())


def add_months(start: date, months: int) -> date:
    """The same day `months` calendar months later; a day the month lacks becomes its last."""
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    last_day = _stdlib_calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(start.day, last_day))


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days between `first` and `last`: Monday to Friday minus `non_working`."""

    non_working: frozenset[date]
    first: date = CALENDAR_FIRST
    last: date = CALENDAR_LAST
    # _before[i]: working days strictly before first + i (length = days + 1).
    _before: array[int] = field(init=False, repr=False, compare=False)
    # _working[k]: ordinal of the k-th working day in the range.
    _working: array[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("A calendar's last day must not be before its first")
        first_ordinal = self.first.toordinal()
        days = self.last.toordinal() - first_ordinal + 1
        closed = {d.toordinal() for d in self.non_working}
        before = array("l", [0]) * (days + 1)
        working = array("l")
        count = 0
        # Weekday of the first day; Monday is 0, so 5 and 6 are the weekend.
        weekday = self.first.weekday()
        for i in range(days):
            before[i] = count
            ordinal = first_ordinal + i
            if weekday < 5 and ordinal not in closed:
                working.append(ordinal)
                count += 1
            weekday = (weekday + 1) % 7
        before[days] = count
        # Frozen dataclass: derived fields are set once, here.
        object.__setattr__(self, "_before", before)
        object.__setattr__(self, "_working", working)

    @classmethod
    def for_region(
        cls,
        region: str = "ENG",
        closure_days: Iterable[date] = (),
        *,
        first: date = CALENDAR_FIRST,
        last: date = CALENDAR_LAST,
    ) -> WorkingCalendar:
        """The bank holidays of `region` plus a council's own closure days."""
        years = range(first.year, last.year + 1)
        return cls(
            non_working=bank_holidays(years, region) | frozenset(closure_days),
            first=first,
            last=last,
        )

    def _index(self, d: date) -> int:
        i = d.toordinal() - self.first.toordinal()
        if i < 0 or d > self.last:
            raise OutsideCalendar(
                f"{d.isoformat()} is outside the working-day calendar "
                f"({self.first.isoformat()} to {self.last.isoformat()})"
            )
        return i

    def _rank(self, d: date) -> int:
        """Index in `_working` of the first working day on or after `d`."""
        return self._before[self._index(d)]

    def _working_day(self, rank: int) -> date:
        if rank < 0 or rank >= len(self._working):
            raise ValueError("The result falls outside the working-day calendar")
        return date.fromordinal(self._working[rank])

    def is_working_day(self, d: date) -> bool:
        i = self._index(d)
        return self._before[i + 1] > self._before[i]

    def next_working_day(self, d: date) -> date:
        """`d` itself if it is a working day, otherwise the first working day after it."""
        return self._working_day(self._rank(d))

    def add_working_days(self, start: date, n: int) -> date:
        """The date of day `n`, counting `start` (or the next working day) as day 0."""
        return self._working_day(self._rank(start) + n)

    def day_number(self, start: date, d: date) -> int:
        """Working days taken by `d` in the count from `start`.

        On day N it is N; on a non-working day, the number of the working day before it;
        anything before day 1 is 0.
        """
        taken_up_to_d = self._before[self._index(d) + 1]  # working days on or before d
        return max(0, taken_up_to_d - 1 - self._rank(start))

    def add_calendar_months(self, start: date, months: int) -> date:
        """`months` calendar months after `start`, moved to the next working day if need be."""
        return self.next_working_day(add_months(start, months))

    def working_days_within(self, first: date, last: date) -> int:
        """Working days from `first` to `last`, both included; 0 when `last` is before `first`."""
        if last < first:
            return 0
        return self._before[self._index(last) + 1] - self._before[self._index(first)]

    def closed_weekdays(self, after: date, through: date) -> list[date]:
        """The non-working Mondays to Fridays (bank holidays, closure days) in (after, through]:
        the days a count skips besides weekends, to name them when explaining a date."""
        return sorted(d for d in self.non_working if after < d <= through and d.weekday() < 5)


# Module-level conveniences for callers holding only a set of non-working days. They share
# the one implementation above, through a small cache of calendars.


@lru_cache(maxsize=8)
def calendar_for(non_working: frozenset[date]) -> WorkingCalendar:
    return WorkingCalendar(non_working=non_working)


def is_working_day(d: date, non_working: Iterable[date]) -> bool:
    return calendar_for(frozenset(non_working)).is_working_day(d)


def next_working_day(d: date, non_working: Iterable[date]) -> date:
    return calendar_for(frozenset(non_working)).next_working_day(d)


def add_working_days(start: date, n: int, non_working: Iterable[date]) -> date:
    return calendar_for(frozenset(non_working)).add_working_days(start, n)


def day_number(start: date, d: date, non_working: Iterable[date]) -> int:
    return calendar_for(frozenset(non_working)).day_number(start, d)


def add_calendar_months(start: date, months: int, non_working: Iterable[date]) -> date:
    return calendar_for(frozenset(non_working)).add_calendar_months(start, months)


def subject_access_due(
    received: date, non_working: Iterable[date], *, extended: bool = False
) -> date:
    """When a subject access request must be answered (UK GDPR art. 12(3), ICO guidance).

    One calendar month from the day the clock starts (receipt, or the day identity was
    confirmed): the same date next month, or that month's last day when it has no such date;
    a date that is not a working day moves to the next one. Extended (complex or numerous
    requests), two further months: three from the start.
    """
    return next_working_day(add_months(received, 3 if extended else 1), non_working)


BREACH_REPORT_HOURS = 72


def breach_report_deadline(aware_at: datetime) -> datetime:
    """When a personal data breach must be reported to the ICO by (UK GDPR art. 33(1)):
    72 hours, by the clock, from becoming aware of it; weekends and holidays count."""
    return aware_at + timedelta(hours=BREACH_REPORT_HOURS)
