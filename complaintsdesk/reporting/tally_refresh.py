"""Count the months writes have marked, in the background, so readers find them counted.

The triggers (migration 0003) mark a month whenever a write could change it; a report counts
the marked months it reads before reading them (tally_store.py). After a bulk load outside
`complaintsdesk import` (a restore with the triggers on, a data migration, rows written by
SQL) every month is marked, and the next reader would count them all: seconds at a million
cases. `tally_refresh` counts them first. It runs as a background task
(`reporting.tasks.tally_refresh_task`), enqueued by the scheduled `complaintsdesk report
refresh` (config/schedule.py), under a job lock, and is idempotent: a second run finds
nothing marked and counts nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import F, Max, Min, Q

from complaintsdesk.reminders.locks import JobLocked, job_lock
from complaintsdesk.reporting.models import TallyMonth
from complaintsdesk.reporting.tally import Counting
from complaintsdesk.reporting.tally_store import tally_stored

LOCK_NAME = "tally_refresh"
# Longer than any real run (a million cases counts in about a minute): a crashed run's
# lock is taken over after this.
LOCK_STALE = timedelta(hours=1)


@dataclass(frozen=True)
class RefreshReport:
    marked: int  # months marked changed (or counted under other definitions) before the run
    left: int  # months still marked after it (a writer held them: the next run counts them)
    locked_out: bool = False


def tally_marked(counting: Counting) -> Q:
    """The stored months a reader would count again: marked by a write since they were
    counted, or counted under other definitions. Only the (record type, date)s the
    definitions count: a mark on another is never read, so never waits to be counted."""
    groups = Q()
    for source, date_field in counting.by_source_and_date():
        groups |= Q(source=source, date_field=date_field)
    stale = ~Q(counted=F("changes")) | ~Q(signature=counting.signature())
    return groups & stale


def tally_refresh(counting: Counting, *, dry_run: bool = False) -> RefreshReport:
    """Count every marked month into the store (one `tally_stored` over their span, which
    counts only the marked ones). Takes the job lock; a concurrent run is locked out."""
    marked = TallyMonth.objects.filter(tally_marked(counting))
    span = marked.aggregate(first=Min("month"), last=Max("month"))
    count = marked.count()
    if dry_run or not count:
        return RefreshReport(marked=count, left=count)
    try:
        with job_lock(name=LOCK_NAME, stale_after=LOCK_STALE):
            last: date = span["last"]
            month_end = (last.replace(day=28) + timedelta(days=4)).replace(day=1)
            tally_stored(counting, span["first"], month_end - timedelta(days=1))
    except JobLocked:
        return RefreshReport(marked=count, left=count, locked_out=True)
    return RefreshReport(marked=count, left=marked.count())
