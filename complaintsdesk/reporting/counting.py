"""The database counts the tally (`tally.py`): the same conditions, read as SQL.

One query per (record type, date) — stages by `started`, stages by `responded`, cases by
`equality_form_sent`, compliments by `received`, ... — grouped by service area (id),
procedure (none for a compliment) and month, with one
filtered COUNT per counted set and one filtered SUM per summed amount. The result is a few
hundred rows whatever the data size, so a year of 100,000 stages is counted without
fetching them. `tests/reporting/test_counting.py` checks it agrees with `tally_rows`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypeAlias

from django.db.models import Count, F, Min, Model, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear, Greatest

from complaintsdesk.cases.models import (
    Case,
    Compliment,
    EqualityResponse,
    Learning,
    LgscoCase,
    ServiceArea,
    Stage,
)
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
    Names,
    NamesNone,
    Recorded,
    required_values,
)
from complaintsdesk.reporting.members import Source
from complaintsdesk.reporting.row_paths import (
    CASE_FIELDS,
    COMPLIMENT_FIELDS,
    EQUALITY_FIELDS,
    LEARNING_FIELDS,
    LGSCO_FIELDS,
    STAGE_FIELDS,
)
from complaintsdesk.reporting.rows import (
    CaseRow,
    ComplimentRow,
    EqualityRow,
    LearningRow,
    LgscoRow,
    StageRow,
)
from complaintsdesk.reporting.tally import DIRECTORATE_ONLY, Counted, Counting, Tally, TallyKey

#: For each counted record type: its model, and the ORM path of each row field.
_SOURCES: dict[Source, tuple[type[Model], dict[str, str]]] = {
    "stages": (Stage, dict(zip(StageRow._fields, STAGE_FIELDS, strict=True))),
    "cases": (Case, dict(zip(CaseRow._fields, CASE_FIELDS, strict=True))),
    "compliments": (Compliment, dict(zip(ComplimentRow._fields, COMPLIMENT_FIELDS, strict=True))),
    "lgsco": (LgscoCase, dict(zip(LgscoRow._fields, LGSCO_FIELDS, strict=True))),
    "learnings": (Learning, dict(zip(LearningRow._fields, LEARNING_FIELDS, strict=True))),
    "equality": (EqualityResponse, dict(zip(EqualityRow._fields, EQUALITY_FIELDS, strict=True))),
}
#: Where a record is: the service area's id, grouped on instead of names (no join to the
#: names per record); for a record placed by a directorate alone, the directorate's name.
_PLACE_PATH: dict[Source, str] = {
    "stages": "case__service_area_id",
    "cases": "service_area_id",
    "compliments": "service_area_id",
    "lgsco": "service_area_id",
    "learnings": "service_area_id",
    "equality": "directorate__name",
}


def _names_pattern(codes: list[str]) -> str:
    """A regular expression (read alike by Python's `re`, which Django gives SQLite, and by
    PostgreSQL) for a `;`-separated list naming one of `codes`: the list as
    `selectors._equality_row` splits it, each item stripped of spaces."""
    return r"(^|;)\s*(" + "|".join(re.escape(c) for c in codes) + r")\s*(;|$)"


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
    if isinstance(condition, Recorded):
        return Q(**{f"{path}__isnull": False})
    if isinstance(condition, IsTrue):
        return Q(**{path: True})
    if isinstance(condition, AtMost):
        return Q(**{f"{path}__lte": condition.limit})
    if isinstance(condition, MoreThan):
        return Q(**{f"{path}__gt": condition.limit})
    if isinstance(condition, Later):
        return Q(**{f"{path}__gt": F(paths[condition.other])})
    # SQLite runs a regular expression by calling Python for each row: a plain substring
    # test first (native, and short-circuited) leaves it only the rows that might match.
    if isinstance(condition, Names):
        regex = Q(**{f"{path}__regex": _names_pattern([condition.value])})
        return Q(**{f"{path}__contains": condition.value}) & regex
    if isinstance(condition, NamesNone):
        regex = Q(**{f"{path}__regex": _names_pattern(sorted(condition.values))})
        return Q(**{path: ""}) | ~regex
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


#: A month's counts for one place (`_PLACE_PATH`) and procedure:
#: ({set key: n}, {sum key: amount}).
MonthCounts: TypeAlias = dict[
    tuple[int | str | None, str | None, date], tuple[dict[str, int], dict[str, Decimal]]
]


def _date_expression(date_field: str, paths: dict[str, str]) -> Any:
    """A row field, or the latest of several ("started+due"); Counted.date_of in SQL. Where
    a field is missing PostgreSQL's GREATEST still gives a date, so every set placed by
    several dates requires each recorded (`Recorded`) and counts no such record."""
    parts = [F(paths[f]) for f in date_field.split("+")]
    return parts[0] if len(parts) == 1 else Greatest(*parts)


#: Days from `first` (None: any time before) to `last`.
Span: TypeAlias = tuple[date | None, date]


def _in_span(
    date_field: str, paths: dict[str, str], first: date | None, last: date, narrowing: Q
) -> Q:
    """Records (passing `narrowing`) whose `tally_date` is in the span. The latest of several
    dates is in the span only if one of them is: said too, as ranges of single dates that
    the (kind, date) indexes serve, so a month is found without scanning every stage. (Only
    that: SQLite, without statistics, would scan a `due <= last` range given more.)"""
    if first is None:
        return narrowing & Q(tally_date__lte=last)
    exact = Q(tally_date__range=(first, last))
    parts = [paths[f] for f in date_field.split("+")]
    if len(parts) == 1:
        return narrowing & exact
    one_in = Q()
    for p in parts:
        one_in |= narrowing & Q(**{f"{p}__range": (first, last)})
    return exact & one_in


def count_months(
    counting: Counting, source: Source, date_field: str, spans: list[Span]
) -> MonthCounts:
    """One query: every set counted over `source` by `date_field`, per place (`_PLACE_PATH`),
    procedure and month, for the records dated in any of `spans`."""
    sets = counting.by_source_and_date()[(source, date_field)]
    model, paths = _SOURCES[source]
    dated = _date_expression(date_field, paths)
    narrowing = _narrowing(sets, paths)
    in_range = Q()
    for first, last in spans:
        in_range |= _in_span(date_field, paths, first, last, narrowing)
    aggregates: dict[str, Any] = {}
    for counted in sets:
        where = condition_q(counted.where, paths)
        aggregates[counted.key] = Count("pk", filter=where)
        for summed in counting.sums_of(counted):
            aggregates[summed.key] = Sum(paths[summed.field], filter=where)
    # A compliment has no procedure: its records are grouped by area and month alone.
    area, procedure = _PLACE_PATH[source], paths.get("procedure")
    places = [area, procedure] if procedure else [area]
    qs = (
        model._default_manager.annotate(tally_date=dated)
        .filter(in_range)
        .annotate(tally_year=ExtractYear("tally_date"), tally_month=ExtractMonth("tally_date"))
        .order_by()
        .values(*places, "tally_year", "tally_month")
        .annotate(**aggregates)
    )
    out: MonthCounts = {}
    sum_keys = [s.key for c in sets for s in counting.sums_of(c)]
    for row in qs:
        month = date(row["tally_year"], row["tally_month"], 1)
        counts = {c.key: row[c.key] for c in sets if row[c.key]}
        sums = {k: row[k] for k in sum_keys if row[k]}
        out[(row[area], row[procedure] if procedure else None, month)] = (counts, sums)
    return out


def first_record(counting: Counting, source: Source, date_fields: list[str]) -> date | None:
    """A day no record counted by any of `date_fields` is dated before: the earliest first
    part of them (the latest of several dates is never before the first). One query."""
    by_date = counting.by_source_and_date()
    sets = [c for f in date_fields for c in by_date[(source, f)]]
    model, paths = _SOURCES[source]
    firsts = {paths[f.split("+")[0]] for f in date_fields}
    found = (
        model._default_manager.filter(_narrowing(sets, paths))
        .order_by()
        .aggregate(**{f"first_{i}": Min(path) for i, path in enumerate(sorted(firsts))})
    )
    days = [d for d in found.values() if d is not None]
    return min(days) if days else None


def area_names() -> dict[int, tuple[str, str]]:
    """Every service area's name and its directorate's, by id: one query."""
    rows = ServiceArea.objects.values_list("id", "name", "directorate__name")
    return {pk: (name, directorate) for pk, name, directorate in rows}


def as_tally(
    months: Mapping[tuple[Source, str], MonthCounts], names: dict[int, tuple[str, str]]
) -> Tally:
    """Month counts keyed by service area id (or directorate name) as a Tally keyed by names."""
    counts: dict[TallyKey, int] = {}
    sums: dict[TallyKey, Decimal] = {}
    for (source, _date), by_month in months.items():
        for (where, procedure, month), (set_counts, amounts) in by_month.items():
            area: str | None
            directorate: str | None
            if source in DIRECTORATE_ONLY:
                area, directorate = None, where  # type: ignore[assignment]
            else:
                area, directorate = names.get(where, (None, None)) if where else (None, None)  # type: ignore[arg-type]
            place = (area, directorate, procedure, month.year, month.month)
            for key, n in set_counts.items():
                counts[(key, *place)] = n
            for key, amount in amounts.items():
                sums[(key, *place)] = amount
    return Tally(counts=counts, sums=sums)
