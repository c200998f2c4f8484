"""Cron schedules ("30 6 * * 1-5"): which minutes they name. PURE: no Django, no clock.

The five fields are minute, hour, day of month, month and day of week (0 or 7 is Sunday),
each `*`, a number, a range `a-b`, a list `a,b` or a step `*/n` or `a-b/n`. When both the day
of month and the day of week are restricted, a day matching either is due (as in cron).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

_BOUNDS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))


class CronError(ValueError):
    """The schedule is not five valid cron fields."""


@dataclass(frozen=True)
class Cron:
    minutes: frozenset[int]
    hours: frozenset[int]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]  # 0 = Sunday ... 6 = Saturday
    any_day: bool
    any_weekday: bool


def _field(text: str, low: int, high: int) -> frozenset[int]:
    values: set[int] = set()
    for part in text.split(","):
        span, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        if span == "*":
            start, end = low, high
        elif "-" in span:
            a, b = span.split("-", 1)
            start, end = int(a), int(b)
        else:
            start = end = int(span)
        if step < 1 or not low <= start <= end <= high:
            raise CronError(f"{part!r} is outside {low}-{high}")
        values.update(range(start, end + 1, step))
    return frozenset(values)


def cron_parse(schedule: str) -> Cron:
    fields = schedule.split()
    if len(fields) != 5:
        raise CronError(f"{schedule!r}: a cron schedule has five fields")
    try:
        parsed = [_field(f, lo, hi) for f, (lo, hi) in zip(fields, _BOUNDS, strict=True)]
    except ValueError as error:
        raise CronError(f"{schedule!r} is not a cron schedule: {error}") from None
    weekdays = frozenset(d % 7 for d in parsed[4])
    return Cron(
        parsed[0], parsed[1], parsed[2], parsed[3], weekdays, fields[2] == "*", fields[4] == "*"
    )


def cron_matches(cron: Cron, moment: datetime) -> bool:
    if moment.minute not in cron.minutes or moment.hour not in cron.hours:
        return False
    if moment.month not in cron.months:
        return False
    day_ok = moment.day in cron.days
    weekday_ok = (moment.isoweekday() % 7) in cron.weekdays
    if cron.any_day or cron.any_weekday:
        return day_ok and weekday_ok
    return day_ok or weekday_ok


def latest_due(cron: Cron, *, now: datetime, within: timedelta) -> datetime | None:
    """The latest minute at or before `now`, and after `now - within`, that the schedule names.

    `now` is a local wall-clock time; the answer keeps its tzinfo, seconds set to zero.
    """
    moment = now.replace(second=0, microsecond=0)
    earliest = now - within
    while moment > earliest:
        if cron_matches(cron, moment):
            return moment
        moment -= timedelta(minutes=1)
    return None
