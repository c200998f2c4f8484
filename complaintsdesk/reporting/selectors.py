"""Reads for the reports: the plain rows `figures.py` computes from, in a constant number of
queries whatever the data size (one `values_list` per record type, names joined in SQL,
tuples not model instances).

Reports are aggregates over every case, restricted ones included, so these reads do not
go through `cases_visible_to`: a view listing the records behind a figure (drill-down)
must filter the ids it shows through it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from django.db.models import Q

from complaintsdesk.cases.models import (
    Case,
    Compliment,
    Directorate,
    EqualityResponse,
    Learning,
    LgscoCase,
    ServiceArea,
    Stage,
)
from complaintsdesk.core import vocabulary as v
from complaintsdesk.reporting.counting import area_names
from complaintsdesk.reporting.figures import (
    COUNCIL,
    COUNTING,
    EQUALITY_GROUP_BYS,
    NOT_RECORDED,
    FinancialYear,
    GroupBy,
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
    FigureRows,
    LearningRow,
    LgscoRow,
    StageRow,
)
from complaintsdesk.reporting.tally import FRESH_SOURCES
from complaintsdesk.reporting.tally_store import tally_fresh, tally_merged, tally_stored


def _stage_rows(first: date, last: date) -> tuple[StageRow, ...]:
    # Each branch names `kind` so PostgreSQL can use the (kind, started) and
    # (kind, responded) indexes (a BitmapOr) instead of scanning every stage.
    started_in_range = Q(kind__in=list(v.STAGE), started__range=(first, last))
    # open_overdue at a period's end needs the stage-1 stages started by the last day and
    # still unanswered then, from any earlier year; these also cover stage-1 responses in
    # the range to stages started before it (they count in `responded` / `overdue`).
    open_at_start = Q(kind="stage1", started__lte=last, responded__isnull=True)
    answered_in_or_after = Q(kind="stage1", started__lte=last, responded__gte=first)
    qs = (
        Stage.objects.filter(started_in_range | open_at_start | answered_in_or_after)
        .order_by("started", "id")
        .values_list(*STAGE_FIELDS)
    )
    return tuple(map(StageRow._make, qs))


def figure_stages_started(*, year: FinancialYear, kinds: Iterable[str]) -> tuple[StageRow, ...]:
    """The stages of `kinds` started in `year`: one query through the (kind, started) index,
    for a report section that lists them."""
    qs = (
        Stage.objects.filter(kind__in=sorted(kinds), started__range=(year.start, year.end))
        .order_by("started", "id")
        .values_list(*STAGE_FIELDS)
    )
    return tuple(map(StageRow._make, qs))


def _equality_row(values: tuple[object, ...]) -> EqualityRow:
    *head, disability = values
    assert isinstance(disability, str)
    codes = tuple(c.strip() for c in disability.split(";") if c.strip())
    return EqualityRow._make((*head, codes))


def _small_rows(first: date, last: date, *, equality: bool) -> FigureRows:
    """The record types few enough to fetch as rows: three queries, four with `equality`."""
    span = (first, last)
    compliments = Compliment.objects.filter(received__range=span).order_by("received", "id")
    lgsco = LgscoCase.objects.filter(Q(received__range=span) | Q(decided__range=span)).order_by(
        "received", "id"
    )
    learnings = Learning.objects.filter(recorded__range=span).order_by("recorded", "id")
    rows = FigureRows(
        compliments=tuple(map(ComplimentRow._make, compliments.values_list(*COMPLIMENT_FIELDS))),
        lgsco=tuple(map(LgscoRow._make, lgsco.values_list(*LGSCO_FIELDS))),
        learnings=tuple(map(LearningRow._make, learnings.values_list(*LEARNING_FIELDS))),
    )
    if not equality:
        return rows
    return replace(rows, equality=_equality_rows(first, last))


def _equality_rows(first: date, last: date) -> tuple[EqualityRow, ...]:
    responses = EqualityResponse.objects.filter(received__range=(first, last))
    values = responses.order_by("received", "id").values_list(*EQUALITY_FIELDS)
    return tuple(map(_equality_row, values))


def figure_small_rows(*, year: FinancialYear) -> FigureRows:
    """The year's compliments, Ombudsman cases and learnings as rows (three queries), for a
    report section that lists them: a tally counts them but names none."""
    return _small_rows(year.start, year.end, equality=False)


def figure_rows_for_years(
    *, year: FinancialYear, years_before: int = 0, equality: bool = True
) -> FigureRows:
    """The rows behind the figures of `year` and of the `years_before` years before it.

    Six queries with `equality`, four without, whatever the data size.
    """
    first = year.before(years_before).start
    last = year.end
    rows = replace(_small_rows(first, last, equality=equality), stages=_stage_rows(first, last))
    if not equality:
        return rows
    forms_sent = Case.objects.filter(equality_form_sent__range=(first, last)).order_by(
        "equality_form_sent", "id"
    )
    return replace(rows, cases=tuple(map(CaseRow._make, forms_sent.values_list(*CASE_FIELDS))))


def figure_counts_for_years(
    *,
    year: FinancialYear,
    years_before: int = 0,
    equality: bool = True,
    equality_years_before: int | None = None,
) -> FigureRows:
    """What the engine needs for the figures of `year` (and `years_before`), counted by the
    database rather than fetched: stages and cases kept counted (`tally_store.py`),
    compliments, Ombudsman cases, learnings and equality responses counted at the read.
    Fast at any size, but no drill-down from it (use `figure_rows_for_years`).

    `equality_years_before` (at most `years_before`): fewer years of equality responses, for
    a report that prints equality monitoring for fewer years than the rest; the years before
    it have no equality figures. A constant number of queries whatever the data size.
    """
    first = year.before(years_before).start
    last = year.end
    equality_back = years_before if equality_years_before is None else equality_years_before
    if not 0 <= equality_back <= years_before:
        raise ValueError("equality_years_before must be between 0 and years_before")
    stored: frozenset[Source] = frozenset({"stages", "cases"} if equality else {"stages"})
    names = area_names()
    tallies = [
        tally_stored(COUNTING, first, last, sources=stored, names=names),
        tally_fresh(COUNTING, first, last, sources=FRESH_SOURCES - {"equality"}, names=names),
    ]
    if equality:
        equality_first = year.before(equality_back).start
        only_equality: frozenset[Source] = frozenset({"equality"})
        tallies.append(
            tally_fresh(COUNTING, equality_first, last, sources=only_equality, names=names)
        )
    return FigureRows(tally=tally_merged(*tallies))


def figure_group_names(*, by: GroupBy) -> list[str]:
    """Every group that exists, so each appears in a report even with nothing that year."""
    if by == "service_area":
        return list(ServiceArea.objects.order_by("name").values_list("name", flat=True))
    if by == "directorate":
        return list(Directorate.objects.order_by("name").values_list("name", flat=True))
    if by == "procedure":
        # A compliment never has a procedure, so `not_recorded` is a group of this grouping.
        return [*v.PROCEDURE, NOT_RECORDED]
    return [COUNCIL]


def figure_groups_and_rows(
    *, year: FinancialYear, by: GroupBy, years_before: int = 0
) -> tuple[list[str], FigureRows]:
    """Convenience for a report: the group names and the rows, equality only when reported."""
    equality = by in EQUALITY_GROUP_BYS
    return figure_group_names(by=by), figure_rows_for_years(
        year=year, years_before=years_before, equality=equality
    )


def figure_groups_and_counts(
    *, year: FinancialYear, by: GroupBy, years_before: int = 0
) -> tuple[list[str], FigureRows]:
    """As `figure_groups_and_rows`, with stages and cases counted by the database."""
    equality = by in EQUALITY_GROUP_BYS
    return figure_group_names(by=by), figure_counts_for_years(
        year=year, years_before=years_before, equality=equality
    )
