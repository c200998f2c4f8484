"""operations/cron.py: which minutes a cron schedule names (pure, no database)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from complaintsdesk.operations.cron import CronError, cron_matches, cron_parse, latest_due

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("schedule", "moment", "due"),
    [
        ("* * * * *", "2026-12-05 07:13", True),
        ("0 7 * * 1-5", "2026-12-07 07:00", True),  # Monday
        ("0 7 * * 1-5", "2026-12-05 07:00", False),  # Saturday
        ("0 7 * * 1-5", "2026-12-07 07:01", False),
        ("30 6 * * *", "2026-12-05 06:30", True),
        ("*/5 * * * *", "2026-12-05 10:35", True),
        ("*/5 * * * *", "2026-12-05 10:36", False),
        ("0 0 1 * *", "2026-12-01 00:00", True),
        ("0 0 * * 0", "2026-12-06 00:00", True),  # Sunday as 0
        ("0 0 * * 7", "2026-12-06 00:00", True),  # and as 7
        ("0 9 1 * 1", "2026-12-07 09:00", True),  # day or weekday: a Monday, not the 1st
        ("0 9 1 * 1", "2026-12-01 09:00", True),  # the 1st, a Tuesday
        ("0 9 1 * 1", "2026-12-02 09:00", False),
        ("15,45 8-9 * 6 *", "2026-06-03 09:45", True),
        ("15,45 8-9 * 6 *", "2026-07-03 09:45", False),
    ],
)
def test_a_schedule_names_its_minutes(schedule, moment, due):
    at = datetime.strptime(moment, "%Y-%m-%d %H:%M").replace(tzinfo=LONDON)
    assert cron_matches(cron_parse(schedule), at) is due


@pytest.mark.parametrize(
    "schedule", ["* * * *", "60 * * * *", "* 24 * * *", "*/0 * * * *", "a * * * *", "5-1 * * * *"]
)
def test_a_bad_schedule_is_refused_by_name(schedule):
    with pytest.raises(CronError, match="cron|outside"):
        cron_parse(schedule)


@pytest.mark.parametrize(
    ("schedule", "now", "within_minutes", "expected"),
    [
        ("0 7 * * 1-5", "2026-12-07 07:00:40", 60, "2026-12-07 07:00"),
        ("0 7 * * 1-5", "2026-12-07 07:59:00", 60, "2026-12-07 07:00"),
        ("0 7 * * 1-5", "2026-12-07 08:00:00", 60, None),  # missed for longer than the window
        ("0 7 * * 1-5", "2026-12-07 06:59:59", 60, None),
        ("*/5 * * * *", "2026-12-05 10:37:10", 10, "2026-12-05 10:35"),
    ],
)
def test_the_latest_due_minute_within_the_catch_up_window(schedule, now, within_minutes, expected):
    at = datetime.strptime(now, "%Y-%m-%d %H:%M:%S").replace(tzinfo=LONDON)
    due = latest_due(cron_parse(schedule), now=at, within=timedelta(minutes=within_minutes))
    assert (due.strftime("%Y-%m-%d %H:%M") if due else None) == expected
