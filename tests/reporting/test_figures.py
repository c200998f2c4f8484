"""The figure definitions of figures.md, table by table, over plain rows (no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from complaintsdesk.core import vocabulary as v
from complaintsdesk.reporting.figures import (
    FIGURES,
    NOT_RECORDED,
    PERIODS,
    FinancialYear,
    Pct,
    figure_members,
    figures_compute,
    round_half_up,
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

YEAR = "2023-24"
SA, SB = "Social Care", "Non-Social Care"
_ids = iter(range(1, 10**6))


def stage(kind: str = "stage1", started: date = date(2023, 5, 2), **kw: Any) -> StageRow:
    row: dict[str, Any] = {
        "id": next(_ids),
        "case_reference": "COM/1",
        "procedure": "children_statutory",
        "service_area": SA,
        "directorate": "Children's Services",
        "complainant_type": "",
        "child_in_care": None,
        "via_advocate": None,
        "theme": "",
        "kind": kind,
        "started": started,
        "responded": None,
        "outcome": "",
        "due": None,
        "working_days_taken": None,
        "investigating_officer_cost": None,
        "independent_person_cost": None,
        "additional_cost": None,
    }
    row.update(kw)
    return StageRow(**row)


def responded(
    on: date, *, due: date, took: int, outcome: str = "not_upheld", **kw: Any
) -> StageRow:
    return stage(responded=on, due=due, working_days_taken=took, outcome=outcome, **kw)


def lgsco(**kw: Any) -> LgscoRow:
    row: dict[str, Any] = {
        "id": next(_ids),
        "lgsco_reference": f"L{next(_ids)}",
        "case_reference": None,
        "procedure": None,
        "service_area": SA,
        "directorate": "Children's Services",
        "received": date(2023, 4, 10),
        "decided": None,
        "decision": "",
        "remedy_amount": None,
        "remedy_ongoing": False,
    }
    row.update(kw)
    return LgscoRow(**row)


def equality(directorate: str | None = "Children's Services", **kw: Any) -> EqualityRow:
    row: dict[str, Any] = {
        "id": next(_ids),
        "received": date(2023, 6, 1),
        "directorate": directorate,
        "gender": "",
        "sexuality": "",
        "age_band": "",
        "religion": "",
        "ethnicity": "",
        "disability": (),
    }
    row.update(kw)
    return EqualityRow(**row)


def figure(
    rows: FigureRows, name: str, period: str = "year", group: str = SA, by: str = "service_area"
) -> Any:
    report = figures_compute(rows, year=YEAR, by=by, groups=[SA, SB])  # type: ignore[arg-type]
    node: Any = report.groups[group][period]  # type: ignore[index]
    for part in name.split("."):
        node = node[part]
    return node


# --- Periods and rounding ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (date(2023, 4, 1), "Q1"),
        (date(2023, 6, 30), "Q1"),
        (date(2023, 7, 1), "Q2"),
        (date(2023, 12, 31), "Q3"),
        (date(2024, 1, 1), "Q4"),
        (date(2024, 3, 31), "Q4"),  # a Sunday: the recorded date decides, not working days
        (date(2023, 3, 31), None),
        (date(2024, 4, 1), None),
    ],
)
def test_quarter_of(day: date, quarter: str | None) -> None:
    assert FinancialYear.parse(YEAR).quarter_of(day) == quarter


def test_quarter_bounds() -> None:
    fy = FinancialYear.parse(YEAR)
    assert fy.bounds("Q1") == (date(2023, 4, 1), date(2023, 6, 30))
    assert fy.bounds("Q3") == (date(2023, 10, 1), date(2023, 12, 31))
    assert fy.bounds("Q4") == (date(2024, 1, 1), date(2024, 3, 31))
    assert fy.bounds("year") == (date(2023, 4, 1), date(2024, 3, 31))
    assert fy.before(2).label == "2021-22"


@pytest.mark.parametrize("label", ["2023-25", "2023", "23-24", "2023/24", "abcd-ef"])
def test_bad_year(label: str) -> None:
    with pytest.raises(ValueError):
        FinancialYear.parse(label)


@pytest.mark.parametrize(
    ("num", "den", "pct"),
    [
        (1, 8, 13),
        (1, 3, 33),
        (2, 3, 67),
        (1, 200, 1),
        (1, 201, 0),
        (2, 11, 18),
        (0, 5, 0),
        (5, 5, 100),
    ],
)
def test_round_half_up(num: int, den: int, pct: int) -> None:
    assert round_half_up(num, den) == pct  # 1/8 = 12.5% -> 13, 1/200 = 0.5% -> 1


def test_pct_den_zero_is_none() -> None:
    assert Pct.of(0, 0) == Pct(None, 0, 0)


# --- Counts --------------------------------------------------------------------------------

SUNDAY_31_MARCH = date(2024, 3, 31)
COUNT_ROWS = FigureRows(
    stages=(
        stage("stage1", date(2023, 4, 3), child_in_care=True),
        stage("stage1", date(2023, 7, 3), via_advocate=True),
        stage("stage1", SUNDAY_31_MARCH),
        stage("stage1", date(2023, 3, 31)),  # last year
        stage("informal", date(2023, 4, 5), child_in_care=True, via_advocate=True),
        stage("informal", date(2023, 5, 5), child_in_care=False),
        stage("stage2", date(2023, 10, 2), child_in_care=True),  # not a first contact
        stage("stage3", date(2024, 1, 2)),
        stage("stage1", date(2023, 5, 1), service_area=SB),
    ),
    compliments=(
        ComplimentRow(1, "K1", date(2023, 4, 1), SA, "D"),
        ComplimentRow(2, "K2", date(2024, 4, 1), SA, "D"),
    ),
    learnings=(LearningRow(1, "L1", None, None, SA, "D", date(2023, 9, 30), "implemented"),),
    lgsco=(
        lgsco(received=date(2023, 4, 10), decided=date(2023, 8, 1), decision="upheld"),
        lgsco(received=date(2022, 12, 1), decided=date(2023, 8, 2), decision="not_upheld"),
        lgsco(received=date(2024, 2, 1), decided=None),
    ),
)


@pytest.mark.parametrize(
    ("name", "period", "expected"),
    [
        ("formal", "Q1", 1),
        ("formal", "Q2", 1),
        ("formal", "Q4", 1),  # Sunday 31 March 2024
        ("formal", "year", 3),
        ("informal", "Q1", 2),
        ("representations", "year", 2),
        ("total", "year", 5),
        ("total", "Q1", 3),
        ("stage2", "Q3", 1),
        ("stage3", "Q4", 1),
        ("children_in_care", "year", 2),  # informal + stage 1 only, True only
        ("via_advocate", "year", 2),
        ("compliments", "year", 1),
        ("learnings", "Q2", 1),
        ("lgsco_received", "year", 2),
        ("lgsco_received", "Q4", 1),
        ("lgsco_decided", "Q2", 2),  # received last year, decided this year: counts
        ("lgsco_upheld", "Q2", 1),
        ("lgsco_upheld", "Q1", 0),
    ],
)
def test_counts(name: str, period: str, expected: int) -> None:
    assert figure(COUNT_ROWS, name, period) == expected


def test_formal_in_other_group() -> None:
    assert figure(COUNT_ROWS, "formal", group=SB) == 1


# --- Timeliness and outcomes ---------------------------------------------------------------

TIMELINESS_ROWS = FigureRows(
    stages=(
        # On time, Q1.
        responded(date(2023, 5, 10), due=date(2023, 5, 16), took=6, outcome="upheld"),
        # Late (an extension already in `due`), Q1; 21 working days.
        responded(date(2023, 6, 20), due=date(2023, 6, 5), took=21, outcome="partly_upheld"),
        # Extended stage answered by its extended due date: not overdue.
        responded(date(2023, 8, 1), due=date(2023, 8, 1), took=20, outcome="not_upheld"),
        # Withdrawn: in `responded`, not in the outcomes' denominator.
        responded(date(2023, 8, 2), due=date(2023, 8, 10), took=3, outcome="withdrawn"),
        # Started in 2022-23, responded in 2023-24 Q1: counts this year.
        responded(
            date(2023, 4, 20),
            started=date(2023, 3, 1),
            due=date(2023, 3, 15),
            took=35,
            outcome="not_upheld",
        ),
        # Started 2023-24 Q4, responded 2024-25: not responded this year, open overdue at Q4 end.
        responded(
            date(2024, 4, 30),
            started=date(2024, 2, 1),
            due=date(2024, 2, 15),
            took=60,
            outcome="upheld",
        ),
        # Open, due in Q2.
        stage(started=date(2023, 7, 3), due=date(2023, 7, 17)),
        # Informal responses are not stage-1 timeliness.
        stage("informal", responded=date(2023, 5, 5), due=date(2023, 5, 1), working_days_taken=30),
    )
)


@pytest.mark.parametrize(
    ("name", "period", "expected"),
    [
        ("responded", "Q1", 3),
        ("responded", "Q2", 2),
        ("responded", "year", 5),
        ("overdue", "Q1", 2),
        ("overdue", "year", 2),
        ("overdue_pct", "Q1", Pct(67, 2, 3)),
        ("overdue_pct", "Q2", Pct(0, 0, 2)),
        ("overdue_pct", "Q3", Pct(None, 0, 0)),  # den 0
        ("within_20_wd_pct", "year", Pct(60, 3, 5)),
        ("over_20_wd_pct", "year", Pct(40, 2, 5)),
        ("fully_justified_pct", "year", Pct(25, 1, 4)),  # withdrawn not in den
        ("part_justified_pct", "year", Pct(25, 1, 4)),
        ("not_justified_pct", "year", Pct(50, 2, 4)),
        ("not_justified_pct", "Q2", Pct(100, 1, 1)),
    ],
)
def test_timeliness_and_outcomes(name: str, period: str, expected: Any) -> None:
    assert figure(TIMELINESS_ROWS, name, period) == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        # Q1 end 30 June: the Q1 late response is on 20 June, so answered by then; none open.
        ("Q1", 0),
        # Q2 end: the open stage due 17 July.
        ("Q2", 1),
        ("Q3", 1),
        # Q4 end: + the stage answered only in 2024-25, due 15 Feb.
        ("Q4", 2),
        ("year", 2),
    ],
)
def test_open_overdue(period: str, expected: int) -> None:
    assert figure(TIMELINESS_ROWS, "open_overdue", period) == expected


def test_open_overdue_from_an_earlier_year_and_not_yet_due() -> None:
    rows = FigureRows(
        stages=(
            stage(started=date(2022, 11, 1), due=date(2022, 11, 15)),  # open since last year
            stage(started=date(2023, 6, 26), due=date(2023, 7, 10)),  # due after Q1's end
            stage(started=date(2023, 6, 1), due=None),  # no due date: cannot be overdue
            stage(started=date(2023, 7, 1), due=date(2023, 5, 1)),  # not started by Q1's end
        )
    )
    assert figure(rows, "open_overdue", "Q1") == 1
    assert figure(rows, "open_overdue", "Q2") == 3


def test_over_and_within_rounded_on_their_own() -> None:
    # 1/8 and 7/8: 12.5 -> 13 and 87.5 -> 88 sum to 101, as figures.md allows.
    eight = tuple(
        responded(date(2023, 5, 10), due=date(2023, 5, 10), took=t) for t in [25] + [3] * 7
    )
    assert figure(FigureRows(stages=eight), "over_20_wd_pct") == Pct(13, 1, 8)
    assert figure(FigureRows(stages=eight), "within_20_wd_pct") == Pct(88, 7, 8)


# --- Breakdowns ----------------------------------------------------------------------------

BREAKDOWN_ROWS = FigureRows(
    stages=(
        stage("stage1", complainant_type="parent", theme="communication"),
        stage("informal", complainant_type="parent", theme="data"),
        stage("informal", complainant_type="young_person", theme=""),
        stage("stage1", complainant_type="", theme="communication"),
        stage("stage2", complainant_type="parent", theme="finance"),  # not a first contact
    )
)


def test_complainant_types_every_code_and_not_recorded() -> None:
    types = figure(BREAKDOWN_ROWS, "complainant_types")
    assert list(types) == [*v.COMPLAINANT_TYPE, NOT_RECORDED]
    assert types["parent"] == 2
    assert types["young_person"] == 1
    assert types[NOT_RECORDED] == 1
    assert types["foster_carer"] == 0
    assert sum(types.values()) == figure(BREAKDOWN_ROWS, "total")


def test_themes_pct_over_stages_with_a_theme() -> None:
    themes = figure(BREAKDOWN_ROWS, "themes_pct")
    assert list(themes) == list(v.THEME)
    assert themes["communication"] == Pct(67, 2, 3)
    assert themes["data"] == Pct(33, 1, 3)
    assert themes["finance"] == Pct(0, 0, 3)


# --- Money ---------------------------------------------------------------------------------


def test_stage_costs_and_remedies() -> None:
    rows = FigureRows(
        stages=(
            stage(
                "stage2",
                investigating_officer_cost=Decimal("3367.20"),
                independent_person_cost=Decimal("2117.74"),
                additional_cost=Decimal("0.00"),
            ),
            stage(
                "stage3",
                investigating_officer_cost=Decimal("100.05"),
                additional_cost=Decimal("10.00"),
            ),
            stage("stage1", investigating_officer_cost=Decimal("999.00")),  # not stage 2/3
            stage("stage2", started=date(2023, 3, 1), investigating_officer_cost=Decimal("1")),
        ),
        lgsco=(
            lgsco(decided=date(2023, 5, 1), decision="upheld", remedy_amount=Decimal("500.00")),
            lgsco(
                decided=date(2023, 6, 1),
                decision="upheld",
                remedy_amount=Decimal("31200.00"),
                remedy_ongoing=True,
            ),
            lgsco(decided=date(2023, 6, 1), decision="not_upheld", remedy_amount=None),
            lgsco(decided=None, remedy_amount=Decimal("7.00"), remedy_ongoing=True),
        ),
    )
    costs = figure(rows, "stage_costs")
    assert costs == {
        "investigating_officer": Decimal("3467.25"),
        "independent_person": Decimal("2117.74"),
        "additional": Decimal("10.00"),
        "total": Decimal("5594.99"),
    }
    assert figure(rows, "lgsco_remedy_total") == Decimal("31700.00")
    assert figure(rows, "lgsco_remedy_ongoing") == 1


# --- Equality ------------------------------------------------------------------------------

EQUALITY_ROWS = FigureRows(
    equality=(
        equality(gender="female", disability=("physical", "sensory")),
        equality(gender="male", disability=("physical",)),
        equality(gender="", disability=()),
        equality(None, gender="female"),  # no directorate: council only
        equality(received=date(2024, 5, 1), gender="male"),  # next year
    ),
    cases=tuple(
        CaseRow(i, f"C{i}", "corporate", SA, "Children's Services", date(2023, 5, 1))
        for i in range(8)
    )
    + (CaseRow(9, "C9", "corporate", SA, "Children's Services", None),),
)


def test_equality_by_council() -> None:
    eq = figure(EQUALITY_ROWS, "equality", group="council", by="council")
    assert eq["responses"] == 4
    assert eq["uptake_pct"] == Pct(50, 4, 8)
    assert eq["gender"]["female"] == Pct(50, 2, 4)
    assert eq["gender"]["left_blank"] == Pct(25, 1, 4)
    assert list(eq["gender"]) == [*v.GENDER, "left_blank"]
    assert eq["disability"]["physical"] == Pct(50, 2, 4)  # a list: may sum past 100
    assert eq["disability"]["left_blank"] == Pct(50, 2, 4)


def test_equality_by_directorate_leaves_out_responses_without_one() -> None:
    eq = figure(EQUALITY_ROWS, "equality", group="Children's Services", by="directorate")
    assert eq["responses"] == 3
    assert eq["uptake_pct"] == Pct(38, 3, 8)


@pytest.mark.parametrize(("by", "group"), [("service_area", SA), ("procedure", "corporate")])
def test_no_equality_by_service_area_or_procedure(by: str, group: str) -> None:
    report = figures_compute(EQUALITY_ROWS, year=YEAR, by=by, groups=[group])  # type: ignore[arg-type]
    assert all("equality" not in report.groups[group][p] for p in PERIODS)  # type: ignore[index]


def test_equality_only_in_the_year() -> None:
    report = figures_compute(EQUALITY_ROWS, year=YEAR, by="council")
    assert "equality" in report.groups["council"]["year"]
    assert all("equality" not in report.groups["council"][q] for q in ("Q1", "Q2", "Q3", "Q4"))


# --- Groups --------------------------------------------------------------------------------


def test_every_known_group_appears_with_zeros() -> None:
    report = figures_compute(FigureRows(), year=YEAR, by="service_area", groups=[SA, SB])
    assert list(report.groups) == [SA, SB]
    assert report.groups[SB]["Q3"]["formal"] == 0
    assert report.groups[SB]["year"]["overdue_pct"] == Pct(None, 0, 0)


def test_not_recorded_group_by_procedure() -> None:
    rows = FigureRows(
        stages=(stage(procedure="corporate"),),
        compliments=(ComplimentRow(1, "K1", date(2023, 4, 3), SA, "D"),),
        lgsco=(
            lgsco(decided=date(2023, 5, 1)),
            lgsco(decided=date(2023, 5, 1), procedure="corporate"),
        ),
        learnings=(
            LearningRow(1, "L1", "COM/1", "corporate", SA, "D", date(2023, 4, 3), "implemented"),
        ),
    )
    groups = [*v.PROCEDURE, NOT_RECORDED]
    report = figures_compute(rows, year=YEAR, by="procedure", groups=groups)
    assert list(report.groups) == groups
    nr = report.groups[NOT_RECORDED]["year"]
    assert (nr["compliments"], nr["lgsco_decided"], nr["learnings"], nr["formal"]) == (1, 1, 0, 0)
    corporate = report.groups["corporate"]["year"]
    assert (corporate["compliments"], corporate["lgsco_decided"], corporate["learnings"]) == (
        0,
        1,
        1,
    )


def test_a_group_records_fall_in_is_added() -> None:
    rows = FigureRows(stages=(stage(service_area="Unlisted"),))
    report = figures_compute(rows, year=YEAR, by="service_area", groups=[SA])
    assert list(report.groups) == [SA, "Unlisted"]
    assert report.groups["Unlisted"]["year"]["formal"] == 1


def test_every_figure_in_every_period() -> None:
    report = figures_compute(COUNT_ROWS, year=YEAR, by="service_area", groups=[SA])
    top = {name.split(".")[0] for name in FIGURES if not name.startswith("equality.")}
    for period in PERIODS:
        assert set(report.groups[SA][period]) == top


def test_the_council_is_the_sum_of_the_service_areas() -> None:
    by_area = figures_compute(COUNT_ROWS, year=YEAR, by="service_area", groups=[SA, SB])
    council = figures_compute(COUNT_ROWS, year=YEAR, by="council")
    for period in PERIODS:
        for name in ("formal", "informal", "total", "compliments", "lgsco_decided"):
            areas = sum(by_area.groups[g][period][name] for g in (SA, SB))  # type: ignore[misc]
            assert council.groups["council"][period][name] == areas


# --- Drill-down: the same members as the figure --------------------------------------------


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize(
    "name",
    [
        "formal",
        "total",
        "children_in_care",
        "responded",
        "overdue",
        "open_overdue",
        "complainant_types.parent",
        "lgsco_upheld",
        "compliments",
    ],
)
def test_drill_down_counts_agree(name: str, period: str) -> None:
    rows = FigureRows(
        stages=COUNT_ROWS.stages + TIMELINESS_ROWS.stages + BREAKDOWN_ROWS.stages,
        compliments=COUNT_ROWS.compliments,
        lgsco=COUNT_ROWS.lgsco,
    )
    members = figure_members(name, SA, period, rows, year=YEAR, by="service_area")  # type: ignore[arg-type]
    assert len(members.rows) == figure(rows, name, period)
    assert members.den is None


def test_drill_down_percentage_gives_numerator_and_denominator() -> None:
    members = figure_members("overdue_pct", SA, "Q1", TIMELINESS_ROWS, year=YEAR, by="service_area")
    assert Pct.of(len(members.rows), len(members.den or [])) == figure(
        TIMELINESS_ROWS, "overdue_pct", "Q1"
    )
    assert {r.responded for r in members.rows} == {date(2023, 6, 20), date(2023, 4, 20)}


def test_drill_down_money_lists_the_summed_stages() -> None:
    rows = FigureRows(
        stages=(stage("stage2", investigating_officer_cost=Decimal("5")), stage("stage1"))
    )
    members = figure_members("stage_costs.total", SA, "year", rows, year=YEAR, by="service_area")
    assert [r.kind for r in members.rows] == ["stage2"]


def test_drill_down_unknown_figure() -> None:
    with pytest.raises(KeyError):
        figure_members("nonsense", SA, "year", FigureRows(), year=YEAR, by="service_area")
