"""The database's counts (`counting.py`) agree with Python's (`tally_rows`) on awkward data,
and so the figures from counts equal the figures from rows, for every grouping."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

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
from complaintsdesk.reporting.conditions import (
    EVERY,
    All,
    AtMost,
    Is,
    IsNot,
    IsTrue,
    Later,
    MoreThan,
    Names,
    NamesNone,
)
from complaintsdesk.reporting.counting import area_names, as_tally, count_months
from complaintsdesk.reporting.figures import (
    COUNTING,
    GROUP_BYS,
    FinancialYear,
    figures_compute,
)
from complaintsdesk.reporting.selectors import (
    figure_counts_for_years,
    figure_group_names,
    figure_rows_for_years,
)
from complaintsdesk.reporting.tally import Tally, tally_rows

FIRST, LAST = date(2021, 1, 1), date(2024, 12, 31)


def _maybe(rng: random.Random, value: Any, p_none: float = 0.2) -> Any:
    return None if rng.random() < p_none else value


#: Lists as people and imports write them: spaces, repeats, empty items, unknown codes, a
#: code's capitalised spelling (not the code), a code inside another word.
AWKWARD_DISABILITY_LISTS = [
    "",
    "physical",
    "physical;sensory",
    " physical ; sensory ;",
    "\tmental_health;;other",
    "physical;physical",
    "PHYSICAL",
    "retired_code",
    "physicality;none",
    "mental",
    "prefer_not_to_say",
    "learning ;long_term_condition",
    ";",
]


def make_awkward_data(seed: int, n_cases: int = 120) -> None:
    """Cases and stages with every kind of gap and oddity the conditions must treat alike:
    unanswered yes/no, blank and unknown codes, no due date, no days taken, answered
    before due, no costs, a blank procedure, stages spanning years."""
    rng = random.Random(seed)
    children = Directorate.objects.create(name="Children's Services")
    place = Directorate.objects.create(name="Place")
    areas = [
        ServiceArea.objects.create(name="Social Care", directorate=children),
        ServiceArea.objects.create(name="Education", directorate=children),
        ServiceArea.objects.create(name="Highways", directorate=place),
    ]
    days = (LAST - FIRST).days
    cases = [
        Case(
            reference=f"R/{i}",
            procedure=rng.choice([*v.PROCEDURE, ""]),
            service_area=rng.choice(areas),
            received=FIRST + timedelta(days=rng.randrange(days)),
            complainant_type=rng.choice([*v.COMPLAINANT_TYPE, "", "retired_code"]),
            child_in_care=rng.choice([True, False, None]),
            via_advocate=rng.choice([True, False, None]),
            theme=rng.choice([*v.THEME, ""]),
            equality_form_sent=_maybe(rng, FIRST + timedelta(days=rng.randrange(days)), 0.4),
        )
        for i in range(n_cases)
    ]
    Case.objects.bulk_create(cases)
    stages = []
    for case in cases:
        for kind in rng.sample(list(v.STAGE), rng.randrange(1, 4)):  # one stage of a kind
            started = case.received + timedelta(days=rng.randrange(200))
            responded = _maybe(rng, started + timedelta(days=rng.randrange(90)), 0.25)
            cost = lambda: _maybe(rng, Decimal(rng.randrange(100_000)) / 100, 0.4)  # noqa: E731
            stages.append(
                Stage(
                    case=case,
                    kind=kind,
                    started=started,
                    due=_maybe(rng, started + timedelta(days=rng.randrange(5, 45))),
                    responded=responded,
                    working_days_taken=_maybe(rng, rng.randrange(0, 50)),
                    outcome=rng.choice([*v.OUTCOME, ""]),
                    investigating_officer_cost=cost(),
                    independent_person_cost=cost(),
                    additional_cost=cost(),
                )
            )
    Stage.objects.bulk_create(stages)
    EqualityResponse.objects.bulk_create(
        EqualityResponse(
            key=f"E{i}",
            received=FIRST + timedelta(days=rng.randrange(days)),
            directorate=rng.choice([children, place, None]),
            gender=rng.choice([*v.GENDER, ""]),
            sexuality=rng.choice([*v.SEXUALITY, ""]),
            age_band=rng.choice([*v.AGE_BAND, ""]),
            religion=rng.choice([*v.RELIGION, ""]),
            ethnicity=rng.choice([*v.ETHNICITY, "", "retired_code"]),
            disability=rng.choice(AWKWARD_DISABILITY_LISTS),
        )
        for i in range(400)
    )
    _make_small_records(rng, cases, areas)


def _make_small_records(rng: random.Random, cases: list[Case], areas: list[ServiceArea]) -> None:
    """Compliments, Ombudsman cases and learnings, with and without a case (so with and
    without a procedure), undecided, unknown decisions, no remedy amount."""
    days = (LAST - FIRST).days

    def dated() -> date:
        return FIRST + timedelta(days=rng.randrange(days))

    Compliment.objects.bulk_create(
        Compliment(key=f"C{i}", received=dated(), service_area=rng.choice(areas)) for i in range(60)
    )
    LgscoCase.objects.bulk_create(
        LgscoCase(
            lgsco_reference=f"L{i}",
            case=rng.choice([*cases[:20], None]),
            service_area=rng.choice(areas),
            received=(received := dated()),
            decided=_maybe(rng, received + timedelta(days=rng.randrange(300)), 0.3),
            decision=rng.choice([*v.LGSCO_DECISION, ""]),
            remedy_amount=_maybe(rng, Decimal(rng.randrange(1, 500_000)) / 100, 0.4),
            remedy_ongoing=rng.random() < 0.3,
        )
        for i in range(60)
    )
    Learning.objects.bulk_create(
        Learning(
            key=f"K{i}",
            case=rng.choice([*cases[:20], None]),
            service_area=rng.choice(areas),
            recorded=dated(),
            learning="Letters must say who to contact.",
            status=rng.choice(list(v.LEARNING_STATUS)),
        )
        for i in range(60)
    )


def _count_now(first: date, last: date) -> Tally:
    """Every counted set counted by SQL now, without the store (a snapshot's flows from the
    first record on, as the store reads them)."""
    history = COUNTING.with_history()
    months = {
        (source, field): count_months(
            COUNTING, source, field, [(None if (source, field) in history else first, last)]
        )
        for source, field in COUNTING.by_source_and_date()
    }
    return as_tally(months, area_names())


def _nonzero(tally: Tally) -> tuple[dict[Any, Any], dict[Any, Any]]:
    """The tally's non-zero entries for months April 2021 to March 2025."""

    def within(key: Any) -> bool:
        return (2021, 4) <= key[-2:] <= (2025, 3)

    return (
        {k: n for k, n in tally.counts.items() if n and within(k)},
        {k: a for k, a in tally.sums.items() if a and within(k)},
    )


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_database_counts_what_python_counts(seed: int) -> None:
    make_awkward_data(seed)
    rows = figure_rows_for_years(year=FinancialYear.parse("2024-25"), years_before=3)
    sources = ("stages", "cases", "compliments", "lgsco", "learnings", "equality")
    python = tally_rows({s: getattr(rows, s) for s in sources}, COUNTING)
    sql = _count_now(date(2021, 4, 1), date(2025, 3, 31))
    assert _nonzero(sql) == _nonzero(python)
    # Not vacuous: every counted set counted something.
    assert {k[0] for k in _nonzero(python)[0]} == {c.key for c in COUNTING.every_counted()}


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [4, 5])
@pytest.mark.parametrize("by", GROUP_BYS)
def test_figures_from_counts_equal_figures_from_rows(seed: int, by: Any) -> None:
    make_awkward_data(seed)
    groups = figure_group_names(by=by)
    for label in ("2022-23", "2023-24"):
        year = FinancialYear.parse(label)
        for years_before in (0, 1):
            rows = figure_rows_for_years(year=year, years_before=years_before)
            counts = figure_counts_for_years(year=year, years_before=years_before)
            assert counts.tally is not None and rows.tally is None
            from_rows = figures_compute(rows, year=year, by=by, groups=groups)
            from_counts = figures_compute(counts, year=year, by=by, groups=groups)
            assert from_counts == from_rows, (label, years_before)


def test_every_condition_kind_is_read_by_sql() -> None:
    """The random data above only proves the kinds the figures use; this names them all, so
    a new kind without SQL fails here rather than on a council's server."""
    from complaintsdesk.reporting.counting import condition_q

    paths = {"a": "a", "b": "b"}
    conditions = [
        EVERY,
        Is("a", frozenset({"x"})),
        IsNot("a", frozenset({"x"})),
        IsTrue("a"),
        AtMost("a", 1),
        MoreThan("a", 1),
        Later("a", "b"),
        Names("a", "x"),
        NamesNone("a", frozenset({"x", "y"})),
        All((IsTrue("a"), IsTrue("b"))),
    ]
    assert [str(condition_q(c, paths)) for c in conditions] == [
        "(AND: )",
        "(AND: ('a__in', ['x']))",
        "(NOT (AND: ('a__in', ['x'])))",
        "(AND: ('a', True))",
        "(AND: ('a__lte', 1))",
        "(AND: ('a__gt', 1))",
        "(AND: ('a__gt', F(b)))",
        "(AND: ('a__contains', 'x'), ('a__regex', '(^|;)\\\\s*(x)\\\\s*(;|$)'))",
        "(OR: ('a', ''), (NOT (AND: ('a__regex', '(^|;)\\\\s*(x|y)\\\\s*(;|$)'))))",
        "(AND: ('a', True), ('b', True))",
    ]
