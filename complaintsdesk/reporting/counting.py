"""The database counts the tally (`tally.py`): the same conditions, read as SQL.

One query per (record type, date) — stages by `started`, stages by `responded`, cases by
`equality_form_sent` — grouped by service area, directorate, procedure and month, with one
filtered COUNT per counted set and one filtered SUM per summed amount. The result is a few
hundred rows whatever the data size, so a year of 100,000 stages is counted without
fetching them. `tests/reporting/test_counting.py` checks it agrees with `tally_rows`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Model, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from complaintsdesk.cases.models import Case, Stage
from complaintsdesk.reporting.conditions import (
    All,
    Always,
    AtMost,
    Condition,
    Is,
    IsNot,
    IsTrue,
    Later,
    MoreThan,
    required_values,
)
from complaintsdesk.reporting.members import Source
from complaintsdesk.reporting.row_paths import CASE_FIELDS, STAGE_FIELDS
from complaintsdesk.reporting.rows import CaseRow, StageRow
from complaintsdesk.reporting.tally import GROUP_FIELDS, Counted, Counting, Tally, TallyKey

#: For each counted record type: its model, and the ORM path of each row field.
_SOURCES: dict[Source, tuple[type[Model], dict[str, str]]] = {
    "stages": (Stage, dict(zip(StageRow._fields, STAGE_FIELDS, strict=True))),
    "cases": (Case, dict(zip(CaseRow._fields, CASE_FIELDS, strict=True))),
}


def condition_q(condition: Condition, paths: dict[str, str]) -> Q:
    """The condition as a filter. SQL's NULL satisfies no comparison, as each condition
    says of a missing value; `IsNot` keeps NULL, as Django's negation does."""
    if isinstance(condition, Always):
        return Q()
    if isinstance(condition, All):
        q = Q()
        for part in condition.parts:
            q &= condition_q(part, paths)
        return q
    path = paths[condition.field]
    if isinstance(condition, Is):
        return Q(**{f"{path}__in": sorted(condition.values)})
    if isinstance(condition, IsNot):
        return ~Q(**{f"{path}__in": sorted(condition.values)})
    if isinstance(condition, IsTrue):
        return Q(**{path: True})
    if isinstance(condition, AtMost):
        return Q(**{f"{path}__lte": condition.limit})
    if isinstance(condition, MoreThan):
        return Q(**{f"{path}__gt": condition.limit})
    if isinstance(condition, Later):
        return Q(**{f"{path}__gt": F(paths[condition.other])})
    raise TypeError(f"No SQL for {condition!r}")


def _narrowing(sets: list[Counted], paths: dict[str, str]) -> Q:
    """A filter every counted record passes, on `kind` when each set names its kinds, so
    the (kind, date) indexes serve the query."""
    if "kind" not in paths:
        return Q()
    kinds = [required_values(c.where, "kind") for c in sets]
    if any(k is None for k in kinds):
        return Q()
    return Q(**{f"{paths['kind']}__in": sorted(frozenset().union(*kinds))})  # type: ignore[arg-type]


def tally_from_db(
    counting: Counting, first: date, last: date, *, sources: frozenset[Source] | None = None
) -> Tally:
    """The tally of the records (of `sources`, default all) dated from `first` to `last`:
    one query per (source, date)."""
    counts: dict[TallyKey, int] = {}
    sums: dict[TallyKey, Decimal] = {}
    for (source, date_field), sets in counting.by_source_and_date().items():
        if sources is not None and source not in sources:
            continue
        model, paths = _SOURCES[source]
        date_path = paths[date_field]
        aggregates: dict[str, Any] = {}
        for counted in sets:
            where = condition_q(counted.where, paths)
            aggregates[counted.key] = Count("pk", filter=where)
            for summed in counting.sums_of(counted):
                aggregates[summed.key] = Sum(paths[summed.field], filter=where)
        group_paths = [paths[f] for f in GROUP_FIELDS]
        qs = (
            model._default_manager.filter(**{f"{date_path}__range": (first, last)})
            .filter(_narrowing(sets, paths))
            .annotate(tally_year=ExtractYear(date_path), tally_month=ExtractMonth(date_path))
            .order_by()
            .values(*group_paths, "tally_year", "tally_month")
            .annotate(**aggregates)
        )
        for row in qs:
            place = (*(row[p] for p in group_paths), row["tally_year"], row["tally_month"])
            for counted in sets:
                counts[(counted.key, *place)] = row[counted.key]
                for summed in counting.sums_of(counted):
                    if row[summed.key] is not None:
                        sums[(summed.key, *place)] = row[summed.key]
    return Tally(counts=counts, sums=sums)
