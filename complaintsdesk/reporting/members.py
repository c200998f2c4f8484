"""What a figure is, as data: a *member set* (which records, placed in a period by which
recorded date) and a *value* of it (how many, what share, what sum). Pure: no Django imports.

`figures.py` defines every figure with these; its engine computes them from rows, and
`tally.py` names the ones the database can count (a member set whose condition is data).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal, TypeAlias

from complaintsdesk.reporting.conditions import Condition, Is, IsNot, Names, NamesNone

Source = Literal["stages", "compliments", "lgsco", "learnings", "equality", "cases"]


@dataclass(frozen=True, eq=False)
class Dated:
    """The records of one source that satisfy `where`, each placed in the period its
    recorded date (the row field named `date`) falls in; a record with no date is in none."""

    source: Source
    date: str
    where: Condition


@dataclass(frozen=True, eq=False)
class AtPeriodEnd:
    """A snapshot on the period's last day, not a flow (open_overdue): the records that
    satisfy `where`, had reached every `begun` date by that day (each recorded), and had
    not reached their `ended` date (missing, or later)."""

    source: Source
    where: Condition
    begun: tuple[str, ...]
    ended: str

    def holds(self, row: Any, last_day: date) -> bool:
        begun = [getattr(row, f) for f in self.begun]
        ended = getattr(row, self.ended)
        return (
            self.where(row)
            and all(d is not None and d <= last_day for d in begun)
            and (ended is None or ended > last_day)
        )


@dataclass(frozen=True, eq=False)
class Split:
    """A Dated set divided into cells by `cells(row)` (a row may be in several cells, e.g.
    disability). Computed once for all its cells. A split by one coded field (see
    `coded_split`), or by one list of codes (`listed_split`), also names its `field`, so
    each cell is a condition SQL can count."""

    base: Dated
    keys: tuple[str, ...]
    cells: Callable[[Any], Iterable[str]]
    field: str | None = None
    blank: str | None = None
    listed: bool = False  # `field` is a tuple of codes, not one code

    def cell_condition(self, key: str) -> Condition | None:
        """The cell as a condition on top of the base's, or None when it is not one."""
        if self.field is None:
            return None
        codes = frozenset(k for k in self.keys if k != self.blank)
        if self.listed:
            return NamesNone(self.field, codes) if key == self.blank else Names(self.field, key)
        return IsNot(self.field, codes) if key == self.blank else Is(self.field, frozenset({key}))


def coded_split(base: Dated, field: str, codes: Iterable[str], blank: str | None) -> Split:
    """Cells by the code in `field`; a code outside `codes` (or none) is in the `blank`
    cell, so the cells still add up to the whole."""
    known = tuple(codes)
    wanted = frozenset(known)
    other: tuple[str, ...] = () if blank is None else (blank,)

    def cells(r: Any) -> tuple[str, ...]:
        code = getattr(r, field)
        return (code,) if code in wanted else other

    return Split(base, (*known, *other), cells, field, blank)


def listed_split(base: Dated, field: str, codes: Iterable[str], blank: str) -> Split:
    """Cells by the codes a list `field` names: a record counts once in each code it names,
    and in the `blank` cell when it names none of `codes`."""
    known = tuple(codes)
    wanted = frozenset(known)

    def cells(r: Any) -> tuple[str, ...]:
        named = tuple(dict.fromkeys(c for c in getattr(r, field) if c in wanted))
        return named or (blank,)

    return Split(base, (*known, blank), cells, field, blank, listed=True)


@dataclass(frozen=True)
class Cell:
    """One cell of a Split."""

    split: Split
    key: str


MemberSet: TypeAlias = "Dated | AtPeriodEnd | Cell"


@dataclass(frozen=True)
class Count:
    members: MemberSet


@dataclass(frozen=True)
class Ratio:
    num: MemberSet
    den: MemberSet


@dataclass(frozen=True)
class Total:
    """A sum of money over the members: of every amount field named, a missing one as 0."""

    members: MemberSet
    fields: tuple[str, ...]

    def amount(self, row: Any) -> Decimal:
        values = (getattr(row, f) for f in self.fields)
        return sum((a for a in values if a is not None), Decimal(0))


Figure: TypeAlias = Count | Ratio | Total
