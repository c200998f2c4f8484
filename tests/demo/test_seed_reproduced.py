"""The demo reproduces every figure under `reproduce` in seed_figures.json, through the
figures engine, and is deterministic and free of personal data in its free text.

The demo is built once for the module, inside a transaction rolled back at the end; every
figure is read from `figures_report` or, for the lists of records behind a figure, from
the engine's drill-down (`figure_members`). Determinism is checked without a second
build: two runs of the generator give the same history in memory, the built database
exports exactly the history generated (and holds its personal details), and a sample of
the history's cases, written again through the case services, comes out as the bulk
write left it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from html import escape
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

import complaintsdesk.demo
from complaintsdesk.cases.models import (
    Appointment,
    Case,
    Child,
    Compliment,
    EqualityResponse,
    Learning,
    LgscoCase,
    LgscoRecommendation,
    ServiceArea,
    Stage,
    Team,
)
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.correspondence.models import Correspondence
from complaintsdesk.deadlines.selectors import calendar_current, rulesets_current
from complaintsdesk.demo.build import demo_present, demo_reset
from complaintsdesk.demo.bulk import exchange_cells, exchange_rows
from complaintsdesk.demo.coherence import demo_incoherences
from complaintsdesk.demo.generate import History, history_generate, personal_draw
from complaintsdesk.demo.live import live_plans
from complaintsdesk.demo.organisation import Organisation
from complaintsdesk.demo.periods import HISTORY_END
from complaintsdesk.demo.plans import CasePlan, case_plan_write
from complaintsdesk.exchange import columns as exchange
from complaintsdesk.exchange.writer import exchange_export
from complaintsdesk.reporting.annual.build import annual_report_build
from complaintsdesk.reporting.annual.model import AnnualReport, Table
from complaintsdesk.reporting.annual.presets import PRESETS
from complaintsdesk.reporting.figures import FinancialYear, figure_members
from complaintsdesk.reporting.privacy import text_findings
from complaintsdesk.reporting.report_figures import figures_report
from complaintsdesk.reporting.selectors import figure_groups_and_rows

SEED = json.loads((Path(complaintsdesk.demo.__file__).parent / "seed_figures.json").read_text())
REPRODUCE: dict[str, Any] = SEED["reproduce"]
TODAY = date(2026, 11, 26)
YEARS = ("2019-20", "2020-21", "2021-22", "2022-23", "2023-24")
CSC, CNSC = "Children's Social Care", "Children's Non-Social Care"
# Marks every test as a database test, so pytest-django sets up the test database that
# the module fixture builds the demo in (it sets up only databases some test asks for).
pytestmark = pytest.mark.django_db

DEMO_USERS = ("officer", "manager", "responder", "investigator", "independent", "panel", "leader")


# Each exchange file's key columns, and the column that dates its records.
KEY_COLUMNS = {
    exchange.CASES: ("reference",),
    exchange.STAGES: ("reference", "stage"),
    exchange.LGSCO: ("lgsco_reference",),
    exchange.LEARNINGS: ("id",),
    exchange.COMPLIMENTS: ("id",),
    exchange.EQUALITY: ("id",),
}
DATE_COLUMN = {
    exchange.CASES: "received",
    exchange.STAGES: "started",
    exchange.LGSCO: "received",
    exchange.LEARNINGS: "recorded",
    exchange.COMPLIMENTS: "received",
    exchange.EQUALITY: "received",
}
CASE_FIELDS = (
    "reference",
    "procedure",
    "service_area__name",
    "team__name",
    "received",
    "channel",
    "complainant_type",
    "via_advocate",
    "child_in_care",
    "care_leaver",
    "theme",
    "summary",
    "desired_outcome",
    "restricted",
    "equality_form_sent",
    "complainant_name",
    "complainant_email",
    "complainant_phone",
    "complainant_address",
    "status",
    "current_stage",
    "current_due",
    "owner__username",
)
STAGE_FIELDS = (
    "kind",
    "started",
    "acknowledged",
    "extended_to",
    "extension_reason",
    "panel_held",
    "responded",
    "outcome",
    "investigating_officer_cost",
    "independent_person_cost",
    "additional_cost",
    "due",
    "working_days_taken",
)


@dataclass
class Built:
    reports: dict[tuple[str, str], dict[str, Any]]  # (year, by) -> figures_report
    members: dict[tuple[str, str], list[Any]]  # (figure, group) -> engine rows, 2023-24 year
    teams: dict[str, str]  # case reference -> team, for the stage-2 drill-down
    free_text: list[str]
    people: set[str]
    history: History  # generated in memory, beside the build
    exported: dict[str, list[list[str]]]  # exchange_export of the build, computed columns cut
    extras: dict[str, Any]  # what the exchange format does not carry, as the build stored it
    replayed: list[tuple[str, Any, Any]]  # (reference, as built, as the services write it)
    counts_after_reset: dict[str, int]
    incoherent: list[str]  # demo_incoherences: what a complaints officer would not believe
    # Each preset's 2023-24 report, both editions, built from the demo: (preset, edition)
    presets: dict[tuple[str, str], AnnualReport] = dataclasses.field(default_factory=dict)
    # The live cases' letters, emails and paused clocks, and what coherence says when broken.
    casework: dict[str, Any] = dataclasses.field(default_factory=dict)


def _case_state(reference: str) -> tuple[Any, ...]:
    """One case as stored, without ids, versions or timestamps."""
    return (
        Case.objects.filter(reference=reference).values_list(*CASE_FIELDS).get(),
        list(
            Stage.objects.filter(case__reference=reference)
            .order_by("kind")
            .values_list(*STAGE_FIELDS)
        ),
        list(
            Child.objects.filter(case__reference=reference)
            .order_by("name")
            .values_list("name", "date_of_birth", "in_care", "care_leaver", "case_system_id")
        ),
        list(
            Appointment.objects.filter(stage__case__reference=reference)
            .order_by("stage__kind", "role")
            .values_list("stage__kind", "role", "user__username", "name", "appointed")
        ),
    )


def _replay_sample(history: History) -> list[CasePlan]:
    """One historical case of every shape: procedure, stages and what each recorded."""
    by_shape: dict[tuple[Any, ...], CasePlan] = {}
    for plan in history.plans:
        shape = (
            plan.procedure,
            plan.stages[-1].responded is None,
            tuple(
                (
                    s.kind,
                    s.acknowledged is not None,
                    s.extended_to is not None,
                    bool(s.appoint),
                    s.costs is not None,
                )
                for s in plan.stages
            ),
        )
        by_shape.setdefault(shape, plan)
    return list(by_shape.values())


def _replay(history: History) -> list[tuple[str, Any, Any]]:
    """Write each sampled case again through the services, in place of the bulk write."""
    areas = {a.name: a for a in ServiceArea.objects.all()}
    teams = {(t.service_area.name, t.name): t for t in Team.objects.select_related("service_area")}
    org = Organisation(areas=areas, teams=teams)
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERS)}
    out = []
    for plan in _replay_sample(history):
        as_built = _case_state(plan.reference)
        with transaction.atomic():
            Case.objects.filter(reference=plan.reference).delete()
            case_plan_write(plan, org=org, users=users, children=history.children[plan.reference])
            out.append((plan.reference, as_built, _case_state(plan.reference)))
            transaction.set_rollback(True)
    return out


def _extras(history: History) -> dict[str, Any]:
    """What the exchange format does not carry, for the history's cases, as stored."""
    references = {plan.reference for plan in history.plans}
    cases = {
        ref: list(rest)
        for ref, *rest in Case.objects.values_list(
            "reference",
            "complainant_name",
            "complainant_email",
            "complainant_phone",
            "complainant_address",
            "desired_outcome",
            "owner__username",
        )
        if ref in references
    }
    children = sorted(
        row
        for row in Child.objects.values_list(
            "case__reference", "name", "date_of_birth", "in_care", "case_system_id"
        )
        if row[0] in references
    )
    appointments = sorted(
        row
        for row in Appointment.objects.values_list(
            "stage__case__reference", "stage__kind", "role", "user__username", "appointed"
        )
        if row[0] in references
    )
    reasons = sorted(
        row
        for row in Stage.objects.exclude(extension_reason="").values_list(
            "case__reference", "kind", "extension_reason"
        )
        if row[0] in references
    )
    evidence = dict(
        Learning.objects.exclude(evidence="")
        .exclude(key__contains="live")
        .values_list("key", "evidence")
    )
    users = {
        username: (first, last)
        for username, first, last in User.objects.filter(username__in=DEMO_USERS).values_list(
            "username", "first_name", "last_name"
        )
    }
    return {
        "cases": cases,
        "children": children,
        "appointments": appointments,
        "reasons": reasons,
        "evidence": evidence,
        "users": users,
    }


def _export(directory: Path) -> dict[str, list[list[str]]]:
    written = exchange_export(directory=directory, today=TODAY)
    out = {}
    for file, columns in exchange.FILES.items():
        if file not in written:
            assert file in exchange.OPTIONAL_FILES
            continue
        with (directory / file).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0][: len(columns)] == [c.name for c in columns]
        out[file] = [row[: len(columns)] for row in rows[1:]]
    return out


def _free_text() -> list[str]:
    texts: list[str] = []
    for model, fields in (
        (Case, ("summary", "desired_outcome")),
        (Stage, ("extension_reason", "pause_reason")),
        (LgscoCase, ("summary", "recommendations")),
        (LgscoRecommendation, ("description", "evidence")),
        (Learning, ("learning", "action", "owner", "evidence")),
        (Compliment, ("summary",)),
    ):
        for row in model.objects.values_list(*fields):
            texts += [t for t in row if t]
    texts += [t for t in Case.objects.values_list("notes__text", flat=True) if t]
    return texts


def _people() -> set[str]:
    """Every name of a demo person: complainants, children, users."""
    names = set(
        Case.objects.exclude(complainant_name="").values_list("complainant_name", flat=True)
    )
    names |= set(Child.objects.values_list("name", flat=True))
    for first, last in User.objects.filter(username__in=DEMO_USERS).values_list(
        "first_name", "last_name"
    ):
        names.add(f"{first} {last}")
    return names


def _casework() -> dict[str, Any]:
    """The live cases' letters and emails, their paused clocks, and the coherence check
    seeing a letter dated after today and a pause starting after today."""
    stages = Stage.objects.filter(paused_from__isnull=False)
    found: dict[str, Any] = {
        "letters": sorted(
            Correspondence.objects.filter(direction="out").values_list("kind", flat=True)
        ),
        "letter_files": Correspondence.objects.filter(documents__isnull=False).count(),
        "emails_in": Correspondence.objects.filter(direction="in", via="mailbox").count(),
        "paused_now": stages.filter(paused_from__lte=TODAY, paused_to__gte=TODAY).count(),
        "paused_before": stages.filter(paused_to__lt=TODAY).count(),
        "pauses": {
            s.case.reference: (s.kind, s.case.procedure, s.due.isoformat() if s.due else None)
            for s in stages.select_related("case")
        },
        # Each written by the pause service: its audit event holds the due date before and after.
        "paused_events": {
            e.case_reference: (e.payload["due_was"], e.payload["due"])
            for e in AuditEvent.objects.filter(kind="stage.paused")
        },
    }
    with transaction.atomic():
        Correspondence.objects.filter(pk=Correspondence.objects.order_by("pk")[0].pk).update(
            at=datetime(TODAY.year + 1, 1, 5, 12, tzinfo=UTC)
        )
        Stage.objects.filter(pk=stages.order_by("pk")[0].pk).update(
            paused_from=TODAY + timedelta(days=7), paused_to=TODAY + timedelta(days=9)
        )
        found["incoherent_when_broken"] = demo_incoherences(today=TODAY)
        transaction.set_rollback(True)
    return found


@pytest.fixture(scope="module")
def built(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Built:
    # The letters the demo keeps are case documents: their files go to a folder of the test's.
    documents = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-documents"))
    with django_db_blocker.unblock(), documents, transaction.atomic():
        call_command("demo", today=TODAY, stdout=io.StringIO())
        reports = {
            (year, by): figures_report(year=year, by=by)
            for year in YEARS
            for by in ("service_area", "directorate", "council")
        }
        fy = FinancialYear.parse("2023-24")
        groups, rows = figure_groups_and_rows(year=fy, by="service_area")
        members = {
            (name, group): figure_members(
                name, group, "year", rows, year=fy, by="service_area"
            ).rows
            for name in ("stage2", "stage3", "lgsco_decided", "lgsco_upheld")
            for group in (CSC, CNSC)
        }
        teams = dict(Case.objects.filter(team__isnull=False).values_list("reference", "team__name"))
        free_text, people = _free_text(), _people()
        presets = {
            (preset, edition): annual_report_build(year="2023-24", edition=edition, preset=preset)
            for preset in PRESETS
            for edition in ("internal", "published")
        }
        history = history_generate(cal=calendar_current(), rulesets=rulesets_current())
        exported = _export(tmp_path_factory.mktemp("demo-export"))
        extras = _extras(history)
        replayed = _replay(history)
        incoherent = demo_incoherences(today=TODAY)
        casework = _casework()
        with pytest.raises(CommandError, match="--reset"):
            call_command("demo", today=TODAY, stdout=io.StringIO())
        demo_reset()
        assert not demo_present()
        counts_after_reset = {
            model.__name__: model.objects.count()
            for model in (
                Case,
                Stage,
                Child,
                Appointment,
                LgscoCase,
                LgscoRecommendation,
                Learning,
                Compliment,
                EqualityResponse,
            )
        }
        transaction.set_rollback(True)
    return Built(
        reports,
        members,
        teams,
        free_text,
        people,
        history,
        exported,
        extras,
        replayed,
        counts_after_reset,
        incoherent,
        presets,
        casework,
    )


# --- the figures ------------------------------------------------------------------------


def _year(b: Built, year: str, group: str, by: str = "service_area") -> dict[str, Any]:
    return b.reports[(year, by)]["groups"][group]["year"]


def _pct(num: int, den: int) -> int:
    return int((Decimal(100 * num) / Decimal(den)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _stage2_fact(b: Built, reference: str, field: str) -> Any:
    stage2 = {r.case_reference: r for r in b.members[("stage2", CSC)]}
    stage3 = {r.case_reference: r for r in b.members[("stage3", CSC)]}
    row = stage2[reference]
    if field == "team":
        return b.teams[reference]
    if field == "outcome":
        # The report is as at its year end: a stage answered after it was open then.
        if row.responded is None or row.responded > HISTORY_END:
            return "open at stage 2"
        if reference in stage3 and stage3[reference].outcome == "withdrawn":
            return "withdrawn at stage 3"
        return row.outcome
    amount = getattr(row, field)
    return None if amount is None else f"{amount:.2f}"


def _lgsco(b: Built) -> dict[str, Any]:
    return {r.lgsco_reference: r for g in (CSC, CNSC) for r in b.members[("lgsco_upheld", g)]}


def _cases() -> list[tuple[str, Any, Callable[[Built], Any]]]:
    """(id, expected, how to read the demo's value) for every figure under `reproduce`."""
    out: list[tuple[str, Any, Callable[[Built], Any]]] = []

    def add(key: str, expected: Any, actual: Callable[[Built], Any]) -> None:
        out.append((key, expected, actual))

    for area, figs in REPRODUCE["quarterly"].items():
        for fig, values in figs.items():
            for q, value in enumerate(values):
                add(
                    f"quarterly/{area}/{fig}/Q{q + 1}",
                    value,
                    lambda b, a=area, f=fig, q=q: b.reports[("2023-24", "service_area")]["groups"][
                        a
                    ][f"Q{q + 1}"][f],
                )
    for area, years in REPRODUCE["statutory_summary"].items():
        for year, figs in years.items():
            for fig, value in figs.items():
                name = "formal" if fig == "stage1" else fig
                add(
                    f"statutory/{area}/{year}/{fig}",
                    value,
                    lambda b, a=area, y=year, n=name: _year(b, y, a)[n],
                )
    named = REPRODUCE["stage2_cases_2023-24"]
    add(
        "stage2_cases/references",
        sorted(c["reference"] for c in named),
        lambda b: sorted(r.case_reference for r in b.members[("stage2", CSC)]),
    )
    for case in named:
        for field, value in case.items():
            if field != "reference":
                add(
                    f"stage2_cases/{case['reference']}/{field}",
                    value,
                    lambda b, r=case["reference"], f=field: _stage2_fact(b, r, f),
                )
    for part, value in REPRODUCE["stage_costs_2023-24"].items():
        add(
            f"stage_costs/{part}",
            value,
            lambda b, p=part: _year(b, "2023-24", CSC)["stage_costs"][p],
        )
    decisions = REPRODUCE["lgsco_decisions_2023-24"]
    add(
        "lgsco/23017734/service_area",
        decisions["service_area_of_23017734"],
        lambda b: next(
            g
            for g in (CSC, CNSC)
            if any(r.lgsco_reference == "23017734" for r in b.members[("lgsco_decided", g)])
        ),
    )
    for ref, amount, *ongoing in decisions["upheld_with_remedy"]:
        add(f"lgsco/{ref}/remedy", amount, lambda b, r=ref: f"{_lgsco(b)[r].remedy_amount:.2f}")
        add(f"lgsco/{ref}/ongoing", bool(ongoing), lambda b, r=ref: _lgsco(b)[r].remedy_ongoing)
        if ref != "23017734":
            add(
                f"lgsco/{ref}/service_area",
                decisions["all_others"],
                lambda b, r=ref: _lgsco(b)[r].service_area,
            )
    add(
        "lgsco/remedy_total",
        decisions["remedy_total"],
        lambda b: (
            f"{sum(Decimal(_year(b, '2023-24', g)['lgsco_remedy_total']) for g in (CSC, CNSC)):.2f}"
        ),
    )
    add(
        "lgsco/remedy_ongoing",
        decisions["remedy_ongoing"],
        lambda b: sum(_year(b, "2023-24", g)["lgsco_remedy_ongoing"] for g in (CSC, CNSC)),
    )

    annual = REPRODUCE["annual_2023-24_Children's_Social_Care"]
    for key, year in (("outcomes_pct", "2023-24"), ("outcomes_pct_2022-23", "2022-23")):
        for fig, value in annual[key].items():
            add(
                f"annual/{key}/{fig}",
                value,
                lambda b, y=year, f=fig: _year(b, y, CSC)[f"{f}_pct"]["pct"],
            )
    for year, value in annual["timescales_within_20_wd_pct"].items():
        add(
            f"annual/within_20_wd/{year}",
            value,
            lambda b, y=year: _year(b, y, CSC)["within_20_wd_pct"]["pct"],
        )
    for theme, value in annual["themes_pct"].items():
        add(
            f"annual/themes/{theme}",
            value,
            lambda b, t=theme: _year(b, "2023-24", CSC)["themes_pct"][t]["pct"],
        )
    for kind, value in annual["complainant_types"].items():
        add(
            f"annual/complainant_types/{kind}",
            value,
            lambda b, k=kind: _year(b, "2023-24", CSC)["complainant_types"][k],
        )
    for year, value in annual["children_in_care"].items():
        add(
            f"annual/children_in_care/{year}",
            value,
            lambda b, y=year: _year(b, y, CSC)["children_in_care"],
        )

    equality = REPRODUCE["equality_whole_council_pct"]
    add(
        "equality/uptake/2023-24",
        equality["uptake_2023-24"],
        lambda b: _year(b, "2023-24", "council", "council")["equality"]["uptake_pct"]["pct"],
    )
    for characteristic in ("gender", "sexuality", "age_band"):
        for year, values in equality[characteristic].items():
            for value_name, value in values.items():
                add(
                    f"equality/{characteristic}/{year}/{value_name}",
                    value,
                    lambda b, c=characteristic, y=year, n=value_name: _equality_pct(b, c, y, n),
                )
    add(
        "compliments_children/2023-24",
        REPRODUCE["compliments_children_2023-24"],
        lambda b: _year(b, "2023-24", "Children's Services", "directorate")["compliments"],
    )
    return out


def _equality_pct(b: Built, characteristic: str, year: str, name: str) -> int:
    cells = _year(b, year, "council", "council")["equality"][characteristic]
    if name == "prefer_not_to_say_or_blank":  # the report prints the two together
        both = cells["prefer_not_to_say"]["num"] + cells["left_blank"]["num"]
        return _pct(both, cells["left_blank"]["den"])
    return cells[name]["pct"]


CASES = _cases()


def test_every_reproduce_section_is_checked() -> None:
    sections = {key.split("/")[0] for key, _, _ in CASES}
    expected = {
        "quarterly",
        "statutory",
        "stage2_cases",
        "stage_costs",
        "lgsco",
        "annual",
        "equality",
        "compliments_children",
    }
    assert sections == expected
    assert len(REPRODUCE) == len(expected)


@pytest.mark.parametrize(
    ("expected", "actual"), [(e, a) for _, e, a in CASES], ids=[k for k, _, _ in CASES]
)
def test_seed_figure_reproduced(
    built: Built, expected: Any, actual: Callable[[Built], Any]
) -> None:
    assert actual(built) == expected


# --- determinism and personal data ------------------------------------------------------


def _key(file: str, row: list[str]) -> tuple[str, ...]:
    names = [c.name for c in exchange.FILES[file]]
    return tuple(row[names.index(k)] for k in KEY_COLUMNS[file])


def test_generator_is_deterministic(db: None) -> None:
    """Two runs of the generator give the same history, and the same live cases after it."""
    cal, rulesets = calendar_current(), rulesets_current()
    first, second = (history_generate(cal=cal, rulesets=rulesets) for _ in range(2))
    assert len(first.plans) > 2000
    assert exchange_rows(first) == exchange_rows(second)
    assert first.plans == second.plans  # with every complainant's personal fields
    assert first.children == second.children
    assert first.user_names == second.user_names
    assert first.records.learning_rows == second.records.learning_rows  # with the evidence
    live = [sorted(live_plans(h.ctx, TODAY), key=lambda p: p.received) for h in (first, second)]
    children = [
        [personal_draw(plan, h.people) for plan in plans]
        for h, plans in zip((first, second), live, strict=True)
    ]
    assert live[0] == live[1]
    assert children[0] == children[1]


def test_build_exports_the_generated_history(built: Built) -> None:
    """Every generated record is in the database exactly as generated; the rest is live."""
    generated = exchange_cells(exchange_rows(built.history))
    for file, rows in generated.items():
        exported = {_key(file, row): row for row in built.exported[file]}
        assert len(exported) == len(built.exported[file]), file
        for row in rows:
            assert exported.get(_key(file, row)) == row, (file, row)
        keys = {_key(file, row) for row in rows}
        column = [c.name for c in exchange.FILES[file]].index(DATE_COLUMN[file])
        live = [row for key, row in exported.items() if key not in keys]
        assert all(row[column] > HISTORY_END.isoformat() for row in live), file
    live_cases = len(built.exported[exchange.CASES]) - len(generated[exchange.CASES])
    assert 25 <= live_cases <= 40


def test_build_holds_what_the_exchange_format_does_not_carry(built: Built) -> None:
    history, extras = built.history, built.extras
    assert extras["users"] == history.user_names
    assert extras["cases"] == {
        p.reference: [
            p.details["complainant_name"],
            p.details["complainant_email"],
            p.details["complainant_phone"],
            p.details["complainant_address"],
            p.desired_outcome,
            "officer",
        ]
        for p in history.plans
    }
    assert extras["children"] == sorted(
        (reference, c["name"], c["date_of_birth"], c["in_care"], c["case_system_id"])
        for reference, children in history.children.items()
        for c in children
    )
    assert extras["appointments"] == sorted(
        (p.reference, s.kind, role, username, on)
        for p in history.plans
        for s in p.stages
        for role, username, on in s.appoint
    )
    assert extras["reasons"] == sorted(
        (p.reference, s.kind, s.extension_reason)
        for p in history.plans
        for s in p.stages
        if s.extension_reason
    )
    assert extras["evidence"] == {
        r["id"]: r["evidence"] for r in history.records.learning_rows if r["evidence"]
    }


def test_bulk_history_is_what_the_services_write(built: Built) -> None:
    """Due dates, working days taken, case summaries and all: as a replay through the services."""
    assert len(built.replayed) > 20
    for reference, as_built, as_replayed in built.replayed:
        assert as_built == as_replayed, reference


def test_reset_empties_the_case_tables(built: Built) -> None:
    assert built.counts_after_reset == dict.fromkeys(built.counts_after_reset, 0)


def test_free_text_names_no_demo_person(built: Built) -> None:
    assert built.free_text and built.people
    words = {w for name in built.people for w in name.split()}
    found = set()
    for t in set(built.free_text):
        for full in built.people:
            if full in t:
                found.add(full)
        found |= words & set(re.findall(r"[A-Za-z][A-Za-z'-]*", t))
    assert not found


def test_free_text_passes_the_publication_privacy_check(built: Built) -> None:
    findings = {(f.kind, f.text) for t in set(built.free_text) for f in text_findings(t)}
    assert not findings


# --- the children's preset, as printed ----------------------------------------------------
# Every `reproduce` figure again, read from the tables of the children's report itself (the
# internal edition: the published one withholds small counts), so what is printed agrees.


def _table(b: Built, key: str) -> Table:
    report = b.presets[("children", "internal")]
    found = [t for s in report.sections for t in s.tables if t.key == key]
    assert found, f"no table {key}"
    return found[0]


def _cell(b: Built, table: str, row: str, col: int) -> Any:
    t = _table(b, table)
    r = t.row(row)
    assert r is not None, (table, row)
    c = r.cells[col]
    return c.value if c.kind != "text" else c.shown


def _money_cell(b: Built, table: str, row: str, col: int) -> str | None:
    value = _cell(b, table, row, col)
    return None if not isinstance(value, Decimal) else f"{value:.2f}"


def _listed(b: Built, table: str) -> dict[str, list[Any]]:
    """A list's rows by their label (a reference), each row's cells as printed or valued."""
    return {
        r.label: [c.shown if c.kind == "text" else c.value for c in r.cells]
        for r in _table(b, table).rows
    }


def _stage2_printed(b: Built, reference: str, field: str) -> Any:
    row = next(
        r.cells
        for r in _table(b, "stage23.cases").rows
        if r.label == reference and r.cells[1].shown == "Stage 2"
    )
    if field == "team":
        return row[0].shown
    if field == "outcome":
        shown = row[3].shown
        if "stage 3: withdrawn" in shown:
            return "withdrawn at stage 3"
        if shown.startswith("Open at"):
            return shown.lower()
        return shown.lower().replace(" ", "_")
    column = {"investigating_officer_cost": 4, "independent_person_cost": 5}.get(field, 6)
    value = row[column].value
    return None if value is None else f"{value:.2f}"


def _lgsco_printed(b: Built, reference: str) -> tuple[str, str, bool]:
    service_area, _decision, remedy, *_ = _listed(b, "lgsco.decisions")[reference]
    amount = "0.00" if remedy == "None" else remedy.split()[0].lstrip("£").replace(",", "")
    return service_area, f"{Decimal(amount):.2f}", remedy.endswith("and ongoing")


def _year_col(year: str, n: int = 3) -> int:
    return ["2023-24", "2022-23", "2021-22", "2020-21", "2019-20"][:n].index(year)


def _printed_cases() -> list[tuple[str, Any, Callable[[Built], Any]]]:
    out: list[tuple[str, Any, Callable[[Built], Any]]] = []

    def add(key: str, expected: Any, actual: Callable[[Built], Any]) -> None:
        out.append((key, expected, actual))

    for area, figs in REPRODUCE["quarterly"].items():
        for fig, values in figs.items():
            for q, value in enumerate(values):
                add(
                    f"quarterly/{area}/{fig}/Q{q + 1}",
                    value,
                    lambda b, a=area, f=fig, q=q: _cell(b, f"dashboard.{a}", f, q),
                )
    tables = {CSC: "summary.statutory", CNSC: "summary.whole_authority"}
    for area, years in REPRODUCE["statutory_summary"].items():
        for year, figs in years.items():
            for fig, value in figs.items():
                name = "formal" if fig == "stage1" else fig
                add(
                    f"statutory/{area}/{year}/{fig}",
                    value,
                    lambda b, t=tables[area], n=name, y=year: _cell(b, t, n, _year_col(y)),
                )
    named = REPRODUCE["stage2_cases_2023-24"]
    add(
        "stage2_cases/references",
        sorted(c["reference"] for c in named),
        lambda b: sorted(
            r.label for r in _table(b, "stage23.cases").rows if r.cells[1].shown == "Stage 2"
        ),
    )
    for case in named:
        for fname, value in case.items():
            if fname != "reference":
                add(
                    f"stage2_cases/{case['reference']}/{fname}",
                    value,
                    lambda b, r=case["reference"], f=fname: _stage2_printed(b, r, f),
                )
    costs = REPRODUCE["stage_costs_2023-24"]
    for col, part in ((4, "investigating_officer"), (5, "independent_person"), (6, "additional")):
        add(
            f"stage_costs/{part}",
            costs[part],
            lambda b, c=col: _money_cell(b, "stage23.cases", "totals", c),
        )
    add(
        "stage_costs/total",
        costs["total"],
        lambda b: _money_cell(b, "stage23.total", "stage_costs.total", 0),
    )
    decisions = REPRODUCE["lgsco_decisions_2023-24"]
    for ref, amount, *ongoing in decisions["upheld_with_remedy"]:
        area = (
            decisions["service_area_of_23017734"] if ref == "23017734" else decisions["all_others"]
        )
        add(f"lgsco/{ref}", (area, amount, bool(ongoing)), lambda b, r=ref: _lgsco_printed(b, r))
    add(
        "lgsco/remedy_total",
        decisions["remedy_total"],
        lambda b: _money_cell(b, "lgsco.totals", "lgsco_remedy_total", 0),
    )
    add(
        "lgsco/remedy_ongoing",
        decisions["remedy_ongoing"],
        lambda b: _cell(b, "lgsco.totals", "lgsco_remedy_ongoing", 0),
    )
    annual = REPRODUCE["annual_2023-24_Children's_Social_Care"]
    for key, col in (("outcomes_pct", 0), ("outcomes_pct_2022-23", 1)):
        for fig, value in annual[key].items():
            add(
                f"annual/{key}/{fig}",
                value,
                lambda b, f=fig, c=col: _cell(b, "who.outcomes", f"{f}_pct", c),
            )
    for year, value in annual["timescales_within_20_wd_pct"].items():
        add(
            f"annual/within_20_wd/{year}",
            value,
            lambda b, y=year: _cell(b, "timeliness", "within_20_wd_pct", _year_col(y)),
        )
    for theme, value in annual["themes_pct"].items():
        add(
            f"annual/themes/{theme}",
            value,
            lambda b, t=theme: _cell(b, "who.themes", f"themes_pct.{t}", 0),
        )
    for kind, value in annual["complainant_types"].items():
        add(
            f"annual/complainant_types/{kind}",
            value,
            lambda b, k=kind: _cell(b, "who.complainant_types", f"complainant_types.{k}", 0),
        )
    for year, value in annual["children_in_care"].items():
        add(
            f"annual/children_in_care/{year}",
            value,
            lambda b, y=year: _cell(b, "cic", "children_in_care", _year_col(y, 5)),
        )
    equality = REPRODUCE["equality_whole_council_pct"]
    add(
        "equality/uptake/2023-24",
        equality["uptake_2023-24"],
        lambda b: _cell(b, "equality.overview", "equality.uptake_pct", 0),
    )
    for characteristic in ("gender", "sexuality", "age_band"):
        for year, values in equality[characteristic].items():
            for value_name, value in values.items():
                add(
                    f"equality/{characteristic}/{year}/{value_name}",
                    value,
                    lambda b, c=characteristic, y=year, n=value_name: _equality_printed(b, c, y, n),
                )
    add(
        "compliments_children/2023-24",
        REPRODUCE["compliments_children_2023-24"],
        lambda b: _cell(b, "compliments", "compliments", 0),
    )
    return out


def _equality_printed(b: Built, characteristic: str, year: str, name: str) -> int:
    col = _year_col(year, 2)
    table = f"equality.{characteristic}"
    if name == "prefer_not_to_say_or_blank":  # the seed prints the two together
        cells = [
            _table(b, table).row(f"{table}.{part}").cells[col]  # type: ignore[union-attr]
            for part in ("prefer_not_to_say", "left_blank")
        ]
        nums = [int(c.title.split(" of ")[0]) for c in cells]
        return _pct(sum(nums), int(cells[0].base or 0))
    return _cell(b, table, f"{table}.{name}", col)


PRINTED = _printed_cases()


def test_every_reproduce_section_is_checked_in_the_printed_report() -> None:
    assert {key.split("/")[0] for key, _, _ in PRINTED} == {
        key.split("/")[0] for key, _, _ in CASES
    }


@pytest.mark.parametrize(
    ("expected", "actual"), [(e, a) for _, e, a in PRINTED], ids=[k for k, _, _ in PRINTED]
)
def test_children_preset_prints_the_seed_figure(
    built: Built, expected: Any, actual: Callable[[Built], Any]
) -> None:
    assert actual(built) == expected


def test_children_preset_has_every_section_of_the_seed_and_the_whole_authority_table(
    built: Built,
) -> None:
    report = built.presets[("children", "internal")]
    assert [s.key for s in report.sections] == list(PRESETS["children"].sections)
    whole = _table(built, "summary.whole_authority")
    assert whole.caption.startswith("Children's whole authority")
    assert whole.columns == ("2023-24", "2022-23", "2021-22")
    # Stage 2 and 3: statutory cases only, never corporate.
    assert {r.label for r in _table(built, "stage23.cases").rows} <= {
        c["reference"] for c in REPRODUCE["stage2_cases_2023-24"]
    }
    # The demo's words: every section has its narrative, and the report is signed off.
    assert report.missing == () and report.signoff is not None
    assert [c.name for c in report.failures] == []


@pytest.mark.parametrize("preset", list(PRESETS))
@pytest.mark.parametrize("edition", ["internal", "published"])
@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "xlsx", "json"])
def test_every_preset_renders_in_every_format_and_edition(
    built: Built, preset: str, edition: str, fmt: str
) -> None:
    from complaintsdesk.reporting.annual.render import report_render

    report = built.presets[(preset, edition)]
    body = report_render(report, fmt)
    data = body.encode() if isinstance(body, str) else body
    assert len(data) > 5000
    if fmt == "json":
        parsed = json.loads(data)
        assert parsed["preset"] == preset and parsed["edition"] == edition
        assert [s["key"] for s in parsed["sections"]][0] == "key_messages"
    if fmt == "html":
        assert escape(PRESETS[preset].title) in body
    if edition == "published" and fmt == "html":
        assert "&lt;5" not in body  # one mark for every withheld figure: [c]
    if edition == "published" and fmt == "json":
        # The tables print one mark; the figures/1 object keeps its own (a stable interface).
        assert "<5" not in json.dumps(json.loads(data)["sections"])


def test_every_demo_case_is_coherent_with_its_history(built: Built) -> None:
    """No case open for ever beside a finished Ombudsman decision, nothing historical open."""
    assert built.incoherent == []


def test_live_cases_have_letters_emails_and_paused_clocks(built: Built) -> None:
    work = built.casework
    assert work["letters"] == sorted(
        ["acknowledgement"] * 9
        + ["extension"]
        + ["response_not_upheld"] * 2
        + ["response_partly_upheld", "response_upheld"]
    )
    assert work["letter_files"] == len(work["letters"])  # each kept as its Word document
    assert work["emails_in"] == 4
    assert (work["paused_now"], work["paused_before"]) == (2, 1)
    # Each pause (children's stage 1 only) moved its stage's due date on, through the service.
    assert work["paused_events"].keys() == work["pauses"].keys()
    for reference, (kind, procedure, due) in work["pauses"].items():
        assert (kind, procedure) == ("stage1", "children_statutory")
        due_was, due_after = work["paused_events"][reference]
        assert due == due_after > due_was


def test_coherence_sees_a_letter_after_today_and_a_pause_before_it_starts(built: Built) -> None:
    broken = built.casework["incoherent_when_broken"]
    assert len(broken) == 2
    assert any("a letter or email dated outside the case's life" in line for line in broken)
    assert any("a pause outside its stage's life" in line for line in broken)
