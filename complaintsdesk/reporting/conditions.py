"""Which records a figure counts, written as data. Pure: no Django imports.

A condition is called on a row (`cond(row) -> bool`, what the figures engine and the
drill-down use) and can be read by `reporting/counting.py`, which turns the same condition
into SQL so the database counts a large year instead of Python. One definition, two
readers; `tests/reporting/test_counting.py` checks on random data that they agree.

Each condition treats a missing value (None) as SQL does: it satisfies no comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias


@dataclass(frozen=True)
class Always:
    """Every record."""

    def __call__(self, row: Any) -> bool:
        return True


@dataclass(frozen=True)
class Is:
    """`field` is one of `values` (a missing value is none of them)."""

    field: str
    values: frozenset[str]

    def __call__(self, row: Any) -> bool:
        return getattr(row, self.field) in self.values


@dataclass(frozen=True)
class IsNot:
    """`field` is not one of `values`; a missing value is not one of them either."""

    field: str
    values: frozenset[str]

    def __call__(self, row: Any) -> bool:
        return getattr(row, self.field) not in self.values


@dataclass(frozen=True)
class IsTrue:
    """A yes/no `field` answered yes (not no, not unanswered)."""

    field: str

    def __call__(self, row: Any) -> bool:
        return getattr(row, self.field) is True


@dataclass(frozen=True)
class Recorded:
    """`field` has a value."""

    field: str

    def __call__(self, row: Any) -> bool:
        return getattr(row, self.field) is not None


@dataclass(frozen=True)
class AtMost:
    """A recorded number `field` <= `limit`."""

    field: str
    limit: int

    def __call__(self, row: Any) -> bool:
        value = getattr(row, self.field)
        return value is not None and value <= self.limit


@dataclass(frozen=True)
class MoreThan:
    """A recorded number `field` > `limit`."""

    field: str
    limit: int

    def __call__(self, row: Any) -> bool:
        value = getattr(row, self.field)
        return value is not None and value > self.limit


@dataclass(frozen=True)
class Later:
    """Both dates recorded and `field` after `other`."""

    field: str
    other: str

    def __call__(self, row: Any) -> bool:
        value, other = getattr(row, self.field), getattr(row, self.other)
        return value is not None and other is not None and value > other


@dataclass(frozen=True)
class Names:
    """A list `field` (a tuple of codes) names `value`."""

    field: str
    value: str

    def __call__(self, row: Any) -> bool:
        return self.value in getattr(row, self.field)


@dataclass(frozen=True)
class NamesNone:
    """A list `field` (a tuple of codes) names none of `values`: left blank, or only
    codes outside them."""

    field: str
    values: frozenset[str]

    def __call__(self, row: Any) -> bool:
        return not any(code in self.values for code in getattr(row, self.field))


@dataclass(frozen=True)
class All:
    parts: tuple[Condition, ...]

    def __call__(self, row: Any) -> bool:
        return all(part(row) for part in self.parts)


Condition: TypeAlias = (
    "Always | Is | IsNot | IsTrue | Recorded | AtMost | MoreThan | Later | Names | NamesNone | All"
)
EVERY = Always()


def is_(field: str, *values: str) -> Is:
    return Is(field, frozenset(values))


def all_of(*parts: Condition) -> Condition:
    """The conjunction, flattened, without `Always` parts."""
    flat: list[Condition] = []
    for part in parts:
        if isinstance(part, All):
            flat.extend(part.parts)
        elif not isinstance(part, Always):
            flat.append(part)
    if not flat:
        return Always()
    return flat[0] if len(flat) == 1 else All(tuple(flat))


def describe(condition: Condition) -> str:
    """A canonical text of the condition (sets sorted), the same in every process."""
    if isinstance(condition, All):
        return "all(" + ", ".join(describe(p) for p in condition.parts) + ")"
    if isinstance(condition, Is | IsNot | NamesNone):
        values = ",".join(sorted(condition.values))
        return f"{type(condition).__name__}({condition.field}, {{{values}}})"
    return repr(condition)


def required_values(condition: Condition, field: str) -> frozenset[str] | None:
    """The values `field` must have for `condition` to hold, or None if it may have any:
    lets the SQL reader narrow its WHERE to what an index serves (e.g. `kind`)."""
    if isinstance(condition, Is) and condition.field == field:
        return condition.values
    if isinstance(condition, All):
        found = [required_values(p, field) for p in condition.parts]
        narrowed = [f for f in found if f is not None]
        if narrowed:
            return frozenset.intersection(*narrowed)
    return None
