"""The stored tally stays exact after every write: triggers mark the months a write touches,
and a report counts those months again before reading them."""

from __future__ import annotations

import importlib
import io
import random
import threading
import time
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from complaintsdesk.cases.models import (
    Case,
    Compliment,
    Directorate,
    Learning,
    LgscoCase,
    ServiceArea,
    Stage,
)
from complaintsdesk.reporting.conditions import All
from complaintsdesk.reporting.counting import _PLACE_PATH, _SOURCES
from complaintsdesk.reporting.figures import COUNTING, GROUP_BYS, FinancialYear, figures_compute
from complaintsdesk.reporting.models import TallyMonth
from complaintsdesk.reporting.selectors import (
    figure_counts_for_years,
    figure_group_names,
    figure_rows_for_years,
)
from complaintsdesk.reporting.tally import STORED_SOURCES
from tests.reporting.test_counting import make_awkward_data

YEAR = FinancialYear.parse("2023-24")


def _assert_stored_equals_fresh() -> None:
    for by in GROUP_BYS:
        groups = figure_group_names(by=by)
        for years_before in (0, 1):
            rows = figure_rows_for_years(year=YEAR, years_before=years_before)
            stored = figure_counts_for_years(year=YEAR, years_before=years_before)
            assert figures_compute(stored, year=YEAR, by=by, groups=groups) == figures_compute(
                rows, year=YEAR, by=by, groups=groups
            ), (by, years_before)


def _changes(source: str, field: str, month: date) -> int:
    state = TallyMonth.objects.filter(source=source, date_field=field, month=month).first()
    return 0 if state is None else state.changes


def _write_at_random(rng: random.Random) -> str:
    """One write of a kind a council's system makes, through the ORM in every style."""
    stages = list(Stage.objects.order_by("id").values_list("id", flat=True))
    cases = list(Case.objects.order_by("id").values_list("id", flat=True))
    areas = list(ServiceArea.objects.order_by("id"))
    kind = rng.choice(
        [
            "answer",
            "reopen",
            "move_date",
            "costs",
            "case_attributes",
            "case_area",
            "delete_stage",
            "delete_case",
            "new_case",
            "area_directorate",
            "rename_area",
            "compliment",
            "lgsco_decided",
            "learning_moved",
        ]
    )
    when = date(2023, 1, 1) + timedelta(days=rng.randrange(600))
    if kind == "answer":
        stage = Stage.objects.get(pk=rng.choice(stages))
        stage.responded, stage.outcome = when, rng.choice(["upheld", "not_upheld", "withdrawn"])
        stage.working_days_taken = rng.randrange(40)
        stage.save()
    elif kind == "reopen":
        Stage.objects.filter(pk=rng.choice(stages)).update(responded=None, outcome="")
    elif kind == "move_date":
        Stage.objects.filter(pk=rng.choice(stages)).update(started=when, due=when)
    elif kind == "costs":
        Stage.objects.filter(pk=rng.choice(stages)).update(additional_cost=Decimal("12.34"))
    elif kind == "case_attributes":
        Case.objects.filter(pk=rng.choice(cases)).update(
            complainant_type="parent", child_in_care=True, theme="finance", procedure="corporate"
        )
    elif kind == "case_area":
        Case.objects.filter(pk=rng.choice(cases)).update(service_area=rng.choice(areas))
    elif kind == "delete_stage":
        Stage.objects.filter(pk=rng.choice(stages)).delete()
    elif kind == "delete_case":
        Case.objects.filter(pk=rng.choice(cases)).delete()
    elif kind == "new_case":
        case = Case.objects.create(
            reference=f"NEW/{rng.randrange(10**9)}",
            procedure="children_statutory",
            service_area=rng.choice(areas),
            received=when,
            equality_form_sent=when,
        )
        Stage.objects.bulk_create(
            [Stage(case=case, kind="stage1", started=when, due=when + timedelta(days=20))]
        )
    elif kind == "area_directorate":
        area = rng.choice(areas)
        area.directorate = rng.choice(list(Directorate.objects.all()))
        area.save()
    elif kind == "compliment":
        Compliment.objects.create(
            key=f"NEW/{rng.randrange(10**9)}", received=when, service_area=rng.choice(areas)
        )
    elif kind == "lgsco_decided":
        LgscoCase.objects.filter(pk=rng.choice(_ids(LgscoCase))).update(
            decided=when, decision="upheld", remedy_amount=Decimal("250.00"), remedy_ongoing=True
        )
    elif kind == "learning_moved":
        Learning.objects.filter(pk=rng.choice(_ids(Learning))).update(
            recorded=when, service_area=rng.choice(areas), case=None
        )
    else:
        ServiceArea.objects.filter(pk=rng.choice(areas).pk).update(name=f"Area {rng.random()}")
    return kind


def _ids(model: Any) -> list[int]:
    return list(model.objects.order_by("id").values_list("id", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [11, 12])
def test_stored_figures_stay_exact_after_every_write(seed: int) -> None:
    make_awkward_data(seed, n_cases=60)
    rng = random.Random(seed)
    _assert_stored_equals_fresh()  # the first read counts and stores every month
    for _ in range(12):
        _write_at_random(rng)
        _assert_stored_equals_fresh()


@pytest.mark.django_db
def test_the_store_is_read_while_nothing_changed_and_counted_again_after() -> None:
    """Not vacuous: while nothing changed the stored cells are what is read (a planted wrong
    count shows), and other definitions, or a write, make the month counted again."""
    make_awkward_data(21, n_cases=40)
    figure_counts_for_years(year=YEAR)
    month = next(
        m
        for m in TallyMonth.objects.filter(source="stages", date_field="started")
        if m.cells and YEAR.start <= m.month <= YEAR.end
    )
    place, values = next(iter(month.cells.items()))
    key = next(k for k in values if k.startswith("c"))

    def stored_count() -> int:
        tally = figure_counts_for_years(year=YEAR).tally
        assert tally is not None
        return sum(
            n
            for (k, *_rest, y, m), n in tally.counts.items()
            if k == key and (y, m) == (month.month.year, month.month.month)
        )

    def plant() -> None:
        state = TallyMonth.objects.get(pk=month.pk)
        state.cells[place][key] += 1000
        state.save(update_fields=["cells"])

    right = stored_count()
    plant()
    assert stored_count() == right + 1000
    TallyMonth.objects.filter(pk=month.pk).update(signature="older definitions")
    assert stored_count() == right
    plant()
    stage = Stage.objects.filter(
        started__year=month.month.year, started__month=month.month.month
    ).first()
    assert stage is not None
    Stage.objects.filter(pk=stage.pk).update(outcome="upheld")
    assert stored_count() == right


STAGE_FIELD_VALUES: list[tuple[str, Any]] = [
    ("kind", "stage3"),
    ("started", date(2023, 6, 2)),
    ("responded", date(2023, 7, 3)),
    ("outcome", "upheld"),
    ("due", date(2023, 9, 9)),
    ("working_days_taken", 77),
    ("investigating_officer_cost", Decimal("1.00")),
    ("independent_person_cost", Decimal("2.00")),
    ("additional_cost", Decimal("3.00")),
]
CASE_FIELD_VALUES: list[tuple[str, Any]] = [
    ("procedure", "corporate"),
    ("complainant_type", "advocate"),
    ("child_in_care", False),
    ("via_advocate", False),
    ("theme", "data"),
]


@pytest.fixture
def one_case() -> tuple[Case, Stage]:
    directorate = Directorate.objects.create(name="D")
    area = ServiceArea.objects.create(name="A", directorate=directorate)
    ServiceArea.objects.create(name="B", directorate=directorate)
    case = Case.objects.create(
        reference="T/1",
        procedure="children_statutory",
        service_area=area,
        received=date(2023, 5, 1),
        equality_form_sent=date(2023, 5, 2),
    )
    stage = Stage.objects.create(
        case=case, kind="stage1", started=date(2023, 5, 3), responded=date(2023, 8, 4)
    )
    return case, stage


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "field", "value"),
    [(Stage, f, v) for f, v in STAGE_FIELD_VALUES] + [(Case, f, v) for f, v in CASE_FIELD_VALUES],
)
def test_a_write_to_a_watched_column_marks_the_stage_months(
    one_case: Any, model: Any, field: str, value: Any
) -> None:
    """A stage's own columns, or its case's (the stage's group and attributes)."""
    case, stage = one_case
    row = stage if model is Stage else case
    before = _changes("stages", "started", date(2023, 5, 1))
    responded_before = _changes("stages", "responded", date(2023, 8, 1))
    model.objects.filter(pk=row.pk).update(**{field: value})
    assert _changes("stages", "started", date(2023, 5, 1)) > before
    assert _changes("stages", "responded", date(2023, 8, 1)) > responded_before


@pytest.mark.django_db
def test_case_writes_mark_the_equality_form_months(one_case: Any) -> None:
    case, _stage = one_case
    may = date(2023, 5, 1)
    assert _changes("cases", "equality_form_sent", may) == 1  # the insert
    Case.objects.filter(pk=case.pk).update(equality_form_sent=date(2023, 10, 9))
    assert _changes("cases", "equality_form_sent", may) == 2
    assert _changes("cases", "equality_form_sent", date(2023, 10, 1)) == 1
    Case.objects.filter(pk=case.pk).update(service_area=ServiceArea.objects.get(name="B"))
    assert _changes("cases", "equality_form_sent", date(2023, 10, 1)) == 3  # old and new
    Stage.objects.filter(case=case).delete()
    Case.objects.filter(pk=case.pk).delete()
    assert _changes("cases", "equality_form_sent", date(2023, 10, 1)) == 4
    # Writes the figures do not read mark nothing.
    stage_months = _changes("stages", "started", may)
    Case.objects.create(
        reference="T/2", procedure="corporate", service_area=case.service_area, received=may
    )
    Case.objects.filter(reference="T/2").update(version=5, summary="x")
    assert _changes("stages", "started", may) == stage_months


@pytest.mark.django_db
def test_the_triggers_exist() -> None:
    """SQLite drops triggers with their table: a migration remaking cases_stage or cases_case
    must create them again."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        names = {name for (name,) in cursor.fetchall()}
    expected = (
        {"tally_stage", "tally_case"}
        if connection.vendor == "postgresql"
        else {f"tally_{t}_{op}" for t in ("stage", "case") for op in ("insert", "update", "delete")}
    )
    assert expected <= names


def _fields(condition: Any) -> set[str]:
    if isinstance(condition, All):
        return set().union(*(_fields(p) for p in condition.parts))
    return {f for f in (getattr(condition, "field", None), getattr(condition, "other", None)) if f}


def test_the_triggers_watch_every_date_and_column_the_counts_read() -> None:
    """A new figure reading another column or date fails here until the triggers watch it."""
    migration = importlib.import_module("complaintsdesk.reporting.migrations.0003_tally_triggers")
    marked = {("stages", f) for f in migration.STAGE_DATES}
    marked |= {("cases", f) for f in migration.CASE_DATES}
    stored = {k for k in COUNTING.by_source_and_date() if k[0] in STORED_SOURCES}
    assert stored <= marked and stored
    read: set[str] = set()
    # The record types counted afresh at every read are never stored, so need no trigger.
    for counted in (c for c in COUNTING.every_counted() if c.source in STORED_SOURCES):
        paths = _SOURCES[counted.source][1]
        fields = _fields(counted.where) | set(counted.date.split("+")) | {"procedure"}
        fields |= {s.field for s in COUNTING.sums_of(counted)}
        read |= {f"{counted.source}:{paths[f]}" for f in fields}
        read.add(f"{counted.source}:{_PLACE_PATH[counted.source]}")
    watched = {f"stages:{c.removesuffix('_id')}" for c in migration.STAGE_COLUMNS}
    watched |= {f"stages:case__{c.removesuffix('_id')}" for c in migration.CASE_COLUMNS}
    watched |= {f"cases:{c.removesuffix('_id')}" for c in migration.CASE_COLUMNS}
    read = {r.removesuffix("_id") for r in read}
    assert read <= watched, read - watched


@pytest.mark.django_db(transaction=True)
def test_a_report_never_waits_for_a_writer_and_stores_nothing_it_raced() -> None:
    """A writer holds a month (its trigger has marked it) while a report counts it again:
    the report neither waits nor stores that month; after the writer commits, the next
    report counts the month again and agrees with the records."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: no row locks to race for")
    make_awkward_data(31, n_cases=30)
    figure_counts_for_years(year=YEAR)
    stage = Stage.objects.filter(started__range=(YEAR.start, YEAR.end)).first()
    assert stage is not None
    month = date(stage.started.year, stage.started.month, 1)
    started_month = TallyMonth.objects.filter(source="stages", date_field="started", month=month)
    # Stale for the report whatever the writer does: as if counted by an older release.
    started_month.update(signature="older")
    marked, release = threading.Event(), threading.Event()

    def writer() -> None:
        with transaction.atomic():
            Stage.objects.filter(pk=stage.pk).update(outcome="upheld", responded=stage.started)
            marked.set()
            release.wait(30)
        connections.close_all()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert marked.wait(10)
        began = time.monotonic()
        figure_counts_for_years(year=YEAR)  # counts the month again; the writer holds it
        assert time.monotonic() - began < 10  # did not wait for the writer's 30 s
        assert started_month.get().signature == "older"  # so nothing was stored
    finally:
        release.set()
        thread.join()
    _assert_stored_equals_fresh()
    assert started_month.get().signature != "older"


@pytest.mark.django_db
def test_storing_puts_the_lock_timeout_back() -> None:
    """Storing gives up on locks after 100 ms, for its own statements only."""
    if connection.vendor != "postgresql":
        pytest.skip("lock_timeout is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = '7s'")
    make_awkward_data(41, n_cases=10)
    figure_counts_for_years(year=YEAR)  # counts and stores every month
    assert TallyMonth.objects.filter(counted=-1).count() < TallyMonth.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "7s"


@pytest.mark.django_db
def test_recount_repairs_counts_a_write_without_triggers_left_behind() -> None:
    """What `complaintsdesk report recount` is for: a restore with the triggers off."""
    make_awkward_data(51, n_cases=30)
    call_command("report", "recount", stdout=io.StringIO())
    # As if rows changed with the triggers off: the stored cells no longer match the records.
    for state in TallyMonth.objects.exclude(cells={}):
        state.cells = {place: {k: 0 for k in v} for place, v in state.cells.items()}
        state.save(update_fields=["cells"])
    out = io.StringIO()
    call_command("report", "recount", stdout=out)
    assert "Figures counted again:" in out.getvalue()
    _assert_stored_equals_fresh()
