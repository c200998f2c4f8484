"""Counts per place and month: what the figures engine needs from the big record types.

A year has about 100,000 stages at a million cases; fetching them to count in Python takes
seconds, so the database counts them instead. This module says *what* is counted: every
member set of a stage or a case whose condition is data (`conditions.py`) becomes a
`Counted`, every amount summed over one a `Summed`. `tally_rows` counts them from rows in
Python (tests, drill-down-sized reports); `counting.py` has SQL count the very same ones.
Both give a `Tally`, which the engine folds into groups and quarters. Pure: no Django.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeAlias

from complaintsdesk.reporting.conditions import Condition, Recorded, all_of, describe
from complaintsdesk.reporting.members import (
    AtPeriodEnd,
    Cell,
    Dated,
    Figure,
    MemberSet,
    Ratio,
    Source,
    Total,
)

#: The record types whose monthly counts are kept stored (`tally_store.py`), marked changed
#: by triggers: the big ones.
STORED_SOURCES: frozenset[Source] = frozenset({"stages", "cases"})
#: The record types the database counts afresh at each read (a tenth of the stages or
#: fewer: a GROUP BY over a few years of them is quicker than keeping them stored).
FRESH_SOURCES: frozenset[Source] = frozenset({"compliments", "lgsco", "learnings", "equality"})
#: The record types counted by the database: every one.
COUNTED_SOURCES: frozenset[Source] = STORED_SOURCES | FRESH_SOURCES
#: The record types placed by a directorate alone (an equality response is anonymous), and
#: counted only in the council group when they have none (figures.md).
DIRECTORATE_ONLY: frozenset[Source] = frozenset({"equality"})
#: The fields that place a record in a group, in a tally key's order.
GROUP_FIELDS = ("service_area", "directorate", "procedure")

#: (set key, service area, directorate, procedure, year, month of the set's date)
TallyKey: TypeAlias = tuple[str, str | None, str | None, str | None, int, int]


@dataclass(frozen=True)
class Counted:
    """A member set the database can count: records of `source` where `where` holds, placed
    by the month of `date`. `key` names it within the process (and is its SQL alias).

    `date` is a row field, or several joined by "+" for the latest of them ("started+due":
    the day a stage had both started and fallen due), None when any is missing."""

    key: str
    source: Source
    date: str
    where: Condition

    def date_of(self, row: Any) -> dt.date | None:
        values = [getattr(row, f) for f in self.date.split("+")]
        return None if None in values else max(values)


@dataclass(frozen=True)
class Snapshot:
    """A period-end snapshot (`AtPeriodEnd`) counted as two flows by month: records that
    had `begun` (reached every begun date) and records that had begun and `ended`. Summed
    over every month up to a period's last month, begun less ended is the snapshot on its
    last day. The months before the year count, so a snapshot needs all their history."""

    begun: Counted
    ended: Counted


@dataclass(frozen=True)
class Summed:
    """An amount field summed over a counted set's records (a missing amount as 0)."""

    key: str
    counted: Counted
    field: str


@dataclass(frozen=True)
class Tally:
    counts: Mapping[TallyKey, int]
    sums: Mapping[TallyKey, Decimal]


class Counting:
    """Which member sets of `figures` are counted, and which amounts summed."""

    def __init__(self, figures: Iterable[Figure]) -> None:
        self.counted: dict[MemberSet, Counted] = {}
        self.summed: dict[tuple[MemberSet, str], Summed] = {}
        self.snapshots: dict[MemberSet, Snapshot] = {}
        self._made = 0
        for figure in figures:
            sets = (figure.num, figure.den) if isinstance(figure, Ratio) else (figure.members,)
            for member_set in sets:
                self._count(member_set)
            if isinstance(figure, Total) and figure.members in self.counted:
                counted = self.counted[figure.members]
                for field in figure.fields:
                    key = (figure.members, field)
                    if key not in self.summed:
                        self.summed[key] = Summed(f"s{len(self.summed)}", counted, field)

    def _new(self, source: Source, date_key: str, where: Condition) -> Counted:
        self._made += 1
        return Counted(f"c{self._made - 1}", source, date_key, where)

    def _count(self, member_set: MemberSet) -> None:
        if member_set in self.counted or member_set in self.snapshots:
            return
        if isinstance(member_set, AtPeriodEnd):
            if member_set.source in STORED_SOURCES:  # a snapshot needs every month stored
                self.snapshots[member_set] = self._snapshot(member_set)
            return
        where: Condition | None = None
        base: Dated | None = None
        if isinstance(member_set, Dated):
            base, where = member_set, member_set.where
        elif isinstance(member_set, Cell):
            base = member_set.split.base
            cell = member_set.split.cell_condition(member_set.key)
            where = None if cell is None else all_of(base.where, cell)
        if base is None or where is None or base.source not in COUNTED_SOURCES:
            return
        self.counted[member_set] = self._new(base.source, base.date, where)

    def _snapshot(self, a: AtPeriodEnd) -> Snapshot:
        begun = all_of(a.where, *(Recorded(f) for f in a.begun))
        begun_at = "+".join(a.begun)
        return Snapshot(
            begun=self._new(a.source, begun_at, begun),
            ended=self._new(a.source, f"{begun_at}+{a.ended}", all_of(begun, Recorded(a.ended))),
        )

    def every_counted(self) -> list[Counted]:
        flows = [c for s in self.snapshots.values() for c in (s.begun, s.ended)]
        return [*self.counted.values(), *flows]

    def by_source_and_date(self) -> dict[tuple[Source, str], list[Counted]]:
        """The counted sets grouped as one query (or one pass over rows) counts them."""
        out: dict[tuple[Source, str], list[Counted]] = defaultdict(list)
        for counted in self.every_counted():
            out[(counted.source, counted.date)].append(counted)
        return dict(out)

    def with_history(self) -> set[tuple[Source, str]]:
        """The (source, date)s a snapshot counts: needed from the first record on."""
        return {(c.source, c.date) for s in self.snapshots.values() for c in (s.begun, s.ended)}

    def keys_of(self, sources: frozenset[Source]) -> frozenset[str]:
        """The keys of the sets counted over `sources`."""
        return frozenset(c.key for c in self.every_counted() if c.source in sources)

    def sums_of(self, counted: Counted) -> list[Summed]:
        return [s for s in self.summed.values() if s.counted is counted]

    def signature(self) -> str:
        """A digest of every counted set and sum: stored counts made under other
        definitions (an older release) are not read as these."""
        lines = [f"{c.key} {c.source}.{c.date} {describe(c.where)}" for c in self.every_counted()]
        lines += [f"{s.key} {s.counted.key} {s.field}" for s in self.summed.values()]
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def tally_rows(rows_by_source: Mapping[Source, Iterable[Any]], counting: Counting) -> Tally:
    """The tally of rows, counted in Python: the reference `counting.py` must agree with."""
    counts: dict[TallyKey, int] = defaultdict(int)
    sums: dict[TallyKey, Decimal] = defaultdict(Decimal)
    for (source, _date), sets in counting.by_source_and_date().items():
        sums_of = {c.key: counting.sums_of(c) for c in sets}
        for row in rows_by_source.get(source, ()):
            when = sets[0].date_of(row)
            if when is None:
                continue
            # A compliment has no procedure field: in no procedure, as the SQL counts it.
            area, directorate, procedure = (getattr(row, f, None) for f in GROUP_FIELDS)
            place = (area, directorate, procedure, when.year, when.month)
            for counted in sets:
                if not counted.where(row):
                    continue
                counts[(counted.key, *place)] += 1
                for summed in sums_of[counted.key]:
                    amount = getattr(row, summed.field)
                    if amount is not None:
                        sums[(summed.key, *place)] += amount
    return Tally(counts=dict(counts), sums=dict(sums))
