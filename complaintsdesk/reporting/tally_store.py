"""The tally, kept counted in the database month by month, so a year's figures read a few
hundred stored rows instead of counting 100,000 stages.

Exact after every write: database triggers (migration 0003) add to a month's `changes`
whenever a write could change its counts, and a month is read from storage only while its
`counted` equals `changes` and its `signature` matches today's definitions. Any other month
is counted again (`counting.count_months`) in the same snapshot as the stored months are
read, and stored as counted at the `changes` it was read with: a write that lands after
the read has bumped `changes` past that, so the next read counts the month again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from django.db import DatabaseError, connection, transaction
from django.db.models import Q

from complaintsdesk.reporting.counting import (
    Span,
    area_names,
    as_tally,
    count_months,
    first_record,
)
from complaintsdesk.reporting.members import Source
from complaintsdesk.reporting.models import TallyMonth
from complaintsdesk.reporting.tally import (
    FRESH_SOURCES,
    STORED_SOURCES,
    Counting,
    Tally,
    TallyKey,
)


def _month_starts(first: date, last: date) -> list[date]:
    months, y, m = [], first.year, first.month
    while date(y, m, 1) <= last:
        months.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _month_end(month: date) -> date:
    y, m = (month.year + 1, 1) if month.month == 12 else (month.year, month.month + 1)
    return date.fromordinal(date(y, m, 1).toordinal() - 1)


def _months_wanted(
    counting: Counting, groups: list[tuple[Source, str]], first: date, last: date
) -> dict[tuple[Source, str], list[date]]:
    """The months each (source, date) is read for: the span, or for a snapshot's flows from
    the first record's month (one query per such source)."""
    history = counting.with_history()
    starts = {source: first for source, _ in groups}
    for source in {s for s, f in groups if (s, f) in history}:
        fields = [f for s, f in groups if s == source and (s, f) in history]
        starts[source] = min(first, first_record(counting, source, fields) or first)
    return {
        (source, date_field): _month_starts(
            starts[source] if (source, date_field) in history else first, last
        )
        for source, date_field in groups
    }


def tally_stored(
    counting: Counting,
    first: date,
    last: date,
    *,
    sources: frozenset[Source] | None = None,
    names: dict[int, tuple[str, str]] | None = None,
) -> Tally:
    """The tally of whole months from `first`'s to `last`'s (a snapshot's flows from the first
    record's), from storage, counting again the months a write has changed since.

    A constant number of queries: three when nothing changed (four on PostgreSQL); when
    months changed, one more per (source, date) that has some and a few to store them."""
    signature = counting.signature()
    wanted_sources = STORED_SOURCES if sources is None else sources & STORED_SOURCES
    groups = [key for key in counting.by_source_and_date() if key[0] in wanted_sources]
    outermost = not transaction.get_connection().in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # One snapshot for the stored months and the months counted again.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        months = _months_wanted(counting, groups, first, last)
        wanted = Q()
        for (source, date_field), starts in months.items():
            wanted |= Q(source=source, date_field=date_field, month__range=(starts[0], starts[-1]))
        states = list(TallyMonth.objects.filter(wanted).order_by("month", "id"))
        have = {(s.source, s.date_field, s.month) for s in states}
        # A month no write has marked yet (say, before any record): counted like a changed one.
        states += [
            TallyMonth(source=s, date_field=f, month=m)
            for (s, f), month_starts in months.items()
            for m in month_starts
            if (s, f, m) not in have
        ]
        states.sort(key=lambda s: s.month)
        recounted: list[TallyMonth] = []
        for source, date_field in months:
            stale = [
                s
                for s in states
                if (s.source, s.date_field) == (source, date_field)
                and (s.counted != s.changes or s.signature != signature)
            ]
            if stale:
                _count_again(counting, source, date_field, stale)
                recounted += stale
        if recounted:
            _store(recounted, signature)
        return _as_tally(states, area_names() if names is None else names)


def tally_fresh(
    counting: Counting,
    first: date,
    last: date,
    *,
    sources: frozenset[Source] = FRESH_SOURCES,
    names: dict[int, tuple[str, str]] | None = None,
) -> Tally:
    """The tally of the record types counted at each read (`FRESH_SOURCES`), by the database
    from the rows of the whole months from `first`'s to `last`'s: one GROUP BY query per
    (record type, date), and one for the service areas' `names` unless given."""
    spans: list[Span] = [(date(first.year, first.month, 1), last)]
    months = {
        key: count_months(counting, key[0], key[1], spans)
        for key in counting.by_source_and_date()
        if key[0] in sources & FRESH_SOURCES
    }
    if not months:
        return Tally(counts={}, sums={})
    return as_tally(months, area_names() if names is None else names)


def tally_merged(*tallies: Tally) -> Tally:
    """Tallies of different record types as one (their set keys never clash)."""
    counts: dict[TallyKey, int] = {}
    sums: dict[TallyKey, Decimal] = {}
    for tally in tallies:
        counts.update(tally.counts)
        sums.update(tally.sums)
    return Tally(counts=counts, sums=sums)


def _as_tally(states: list[TallyMonth], names: dict[int, tuple[str, str]]) -> Tally:
    """The stored months as one Tally keyed by names (as `counting.as_tally`), read in one
    pass: a report of five years reads a hundred thousand stored counts."""
    counts: dict[TallyKey, int] = {}
    sums: dict[TallyKey, Decimal] = {}
    for state in states:
        y, m = state.month.year, state.month.month
        for place, values in state.cells.items():
            area_id, _, procedure = place.partition("|")
            area, directorate = names.get(int(area_id), (None, None)) if area_id else (None, None)
            for key, value in values.items():
                if key.startswith("c"):
                    counts[(key, area, directorate, procedure, y, m)] = value
                else:
                    sums[(key, area, directorate, procedure, y, m)] = Decimal(value)
    return Tally(counts=counts, sums=sums)


def _runs(months: list[date]) -> list[Span]:
    """Sorted months as spans of consecutive months, each from its first to its last day."""
    spans: list[Span] = []
    for month in months:
        if spans and spans[-1][1] == date.fromordinal(month.toordinal() - 1):
            spans[-1] = (spans[-1][0], _month_end(month))
        else:
            spans.append((month, _month_end(month)))
    return spans


def _count_again(
    counting: Counting, source: Source, date_field: str, stale: list[TallyMonth]
) -> None:
    """Count the stale months again (one query, reading only their days) into `cells`."""
    counted = count_months(counting, source, date_field, _runs([s.month for s in stale]))
    by_month = {s.month: s for s in stale}
    for state in stale:
        state.cells = {}
    for (area_id, procedure, month), (counts, sums) in counted.items():
        if month in by_month:
            values: dict[str, object] = {**counts, **{k: str(a) for k, a in sums.items()}}
            by_month[month].cells[f"{area_id or ''}|{procedure}"] = values


def _store(recounted: list[TallyMonth], signature: str) -> None:
    """Store the months counted again, as counted at the `changes` they were read with.

    Never waits for a writer (so never deadlocks with one): if a writer holds one of the
    months, or has marked it since this read's snapshot, nothing is stored and the next
    report counts again. A month with no row yet gets one (unless a writer made it first)."""
    for state in recounted:
        state.counted, state.signature = state.changes, signature
    new = [s for s in recounted if s.pk is None]
    old = [s for s in recounted if s.pk is not None]
    try:
        with _brief_locks(), transaction.atomic():
            TallyMonth.objects.bulk_create(new, ignore_conflicts=True)
            locked = TallyMonth.objects.select_for_update(nowait=True).filter(
                pk__in=[s.pk for s in old]
            )
            current = dict(locked.values_list("pk", "changes"))
            unchanged = [s for s in old if current.get(s.pk) == s.changes]
            TallyMonth.objects.bulk_update(unchanged, ["counted", "signature", "cells"])
    except DatabaseError:  # held by a writer, or changed since this read's snapshot
        return


@contextmanager
def _brief_locks() -> Iterator[None]:
    """On PostgreSQL, give up on any lock not granted within 100 ms (an insert meeting a
    writer's uncommitted month waits for it otherwise), then put the setting back."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('lock_timeout')")
        (previous,) = cursor.fetchone()
        cursor.execute("SELECT set_config('lock_timeout', '100ms', true)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])


def tally_prepare(counting: Counting, *, today: date) -> int:
    """Count into storage every month from the first record's to the end of `today`'s
    financial year, so the first report after a large import is as fast as the next.
    Returns how many monthly tallies (per record type and date) are stored."""
    fy_start = date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    last = date(fy_start.year + 1, 3, 31)
    firsts = [
        first_record(counting, source, [date_field])
        for source, date_field in counting.by_source_and_date()
    ]
    first = min((d for d in firsts if d is not None), default=fy_start)
    tally_stored(counting, date(first.year, first.month, 1), last)
    return TallyMonth.objects.filter(month__range=(first, last)).count()


def tally_recount(counting: Counting, *, today: date) -> int:
    """Forget every stored count and count every month again (`tally_prepare`)."""
    with transaction.atomic():
        TallyMonth.objects.all().delete()
        return tally_prepare(counting, today=today)
