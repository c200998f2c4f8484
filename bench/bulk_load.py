"""Load N cases over ten financial years fast: PostgreSQL's COPY, SQLite's executemany.

The rows go in as a restore would: the database's own triggers (the tally's marks, SQLite's
search index) are off while the rows are written, and afterwards every month the rows touch
is marked changed in one statement per counted date, just as the triggers would have marked
it row by row, and the search index is rebuilt. The store is then as a bulk load with the
triggers on leaves it: every month stale until something counts it.

Shared by the report and figures benchmarks. Deterministic for a given seed.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

BATCH = 20_000
YEARS = 10
AREAS_PER_DIRECTORATE = 3
DIRECTORATES = 4

PROCEDURES = ("children_statutory", "corporate", "adults_statutory")
TYPES = ("parent", "young_person", "grandparent", "advocate", "")
THEMES = ("communication", "professional_practice", "service_delay", "finance", "")
OUTCOMES = ("upheld", "partly_upheld", "not_upheld", "withdrawn")


def _table(model: Any, with_ids: bool) -> tuple[str, list[Any]]:
    fields = [f for f in model._meta.concrete_fields if with_ids or not f.primary_key]
    return model._meta.db_table, fields


class Writer:
    """Writes rows of one model as tuples in its concrete fields' order: values not given
    take the field's default, as the ORM would have written it. Ids are the database's
    unless `with_ids` (then every row gives its own)."""

    def __init__(self, connection: Any, model: Any, *, with_ids: bool = False) -> None:
        self.connection = connection
        self.table, fields = _table(model, with_ids)
        self.columns = [f.column for f in fields]
        now = datetime.now(UTC)
        self.defaults: dict[str, Any] = {}
        for f in fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value: Any = now
            elif f.has_default():
                value = f.get_default()
            elif f.null:
                value = None
            else:
                value = ""
            if isinstance(value, dict):
                value = "{}"
            self.defaults[f.attname] = value
        self.attnames = [f.attname for f in fields]

    def write(self, rows: Iterable[dict[str, Any]]) -> int:
        tuples = [tuple(row.get(a, self.defaults[a]) for a in self.attnames) for row in rows]
        if not tuples:
            return 0
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                _copy(cursor, self.table, self.columns, tuples)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f'INSERT INTO "{self.table}" ({", ".join(self.columns)}) VALUES ({marks})',
                    tuples,
                )
        return len(tuples)


def _copy(cursor: Any, table: str, columns: list[str], tuples: list[tuple[Any, ...]]) -> None:
    """psycopg 3's COPY FROM STDIN, row by row (it adapts dates, decimals and NULLs)."""
    raw = cursor.cursor if hasattr(cursor, "cursor") else cursor
    with raw.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
        for row in tuples:
            copy.write_row(row)


def _batches(rows: Iterator[dict[str, Any]], size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def triggers_off(connection: Any) -> list[str]:
    """Turn the database's triggers off for this load; returns what `triggers_on` needs."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Also skips foreign-key checks: the generator only writes ids it has written.
            cursor.execute("SET session_replication_role = replica")
            return []
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")
        kept = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP TRIGGER "{name}"')
        return kept


def triggers_on(connection: Any, kept: list[str]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")
            return
        for sql in kept:
            cursor.execute(sql)
        # The search index, as the triggers would have kept it (migration cases/0004).
        search = importlib.import_module("complaintsdesk.cases.migrations.0004_case_search")
        cursor.execute(f"DELETE FROM {search.FTS_TABLE}")
        cursor.execute(search.SQLITE_FORWARD[-1])


def months_mark_changed(connection: Any) -> int:
    """Mark every month any stage or case touches as changed, as the tally's triggers mark
    them one row at a time (migration reporting/0003): one statement per counted date."""
    triggers = importlib.import_module("complaintsdesk.reporting.migrations.0003_tally_triggers")
    pg = connection.vendor == "postgresql"
    greatest = "GREATEST" if pg else "max"
    marked = 0
    plan = [("stages", "cases_stage", f) for f in triggers.STAGE_DATES] + [
        ("cases", "cases_case", f) for f in triggers.CASE_DATES
    ]
    with connection.cursor() as cursor:
        for source, table, date_key in plan:
            value = triggers._latest(date_key, "", greatest)
            month = (
                f"date_trunc('month', {value})::date" if pg else f"date({value}, 'start of month')"
            )
            cursor.execute(
                "INSERT INTO reporting_tallymonth"
                " (source, date_field, month, changes, counted, signature, cells)"
                f" SELECT '{source}', '{date_key}', {month}, COUNT(*), -1, '', '{{}}'"
                f" FROM {table} WHERE {value} IS NOT NULL GROUP BY {month}"
                " ON CONFLICT (source, date_field, month) DO UPDATE"
                " SET changes = reporting_tallymonth.changes + excluded.changes"
            )
            marked += max(cursor.rowcount, 0)
    return marked


def sequences_reset(connection: Any, models: list[Any]) -> None:
    """After writing explicit ids, PostgreSQL's sequences must start past them."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def load(
    connection: Any, n_cases: int, *, last_year: int, owner_id: int | None, seed: int = 1
) -> dict[str, int]:
    """Write the organisation and `n_cases` cases (financial years `last_year`-9 to
    `last_year`) with their stages, and proportionate compliments, Ombudsman cases,
    learnings and equality forms. Returns the rows written per table."""
    from django.db import transaction

    from complaintsdesk.cases.models import (
        Case,
        Compliment,
        Directorate,
        EqualityResponse,
        Learning,
        LgscoCase,
        ServiceArea,
        Stage,
        Team,
    )

    rng = random.Random(seed)
    start = date(last_year - YEARS + 1, 4, 1)
    span = (date(last_year + 1, 3, 31) - start).days + 1
    today = date.today()
    written: dict[str, int] = {}
    with transaction.atomic(using=connection.alias):
        kept = triggers_off(connection)
        ids = _base_ids(connection)
        directorates = [
            {"id": ids["directorate"] + d, "name": f"Bench directorate {d + 1}"}
            for d in range(DIRECTORATES)
        ]
        areas = [
            {
                "id": ids["area"] + d * AREAS_PER_DIRECTORATE + a,
                "name": f"Bench area {d + 1}.{a + 1}",
                "directorate_id": directorates[d]["id"],
            }
            for d in range(DIRECTORATES)
            for a in range(AREAS_PER_DIRECTORATE)
        ]
        teams = [
            {"id": ids["team"] + i, "name": f"Bench team {i + 1}", "service_area_id": a["id"]}
            for i, a in enumerate(areas)
        ]
        Writer(connection, Directorate, with_ids=True).write(directorates)
        Writer(connection, ServiceArea, with_ids=True).write(areas)
        Writer(connection, Team, with_ids=True).write(teams)
        area_ids = [a["id"] for a in areas]
        case_writer = Writer(connection, Case, with_ids=True)
        stage_writer = Writer(connection, Stage, with_ids=True)
        case_id, stage_id = ids["case"], ids["stage"]
        written["cases"] = written["stages"] = 0
        for offset in range(0, n_cases, BATCH):
            cases, stages = [], []
            for i in range(offset, min(n_cases, offset + BATCH)):
                received = start + timedelta(days=rng.randrange(span))
                a = rng.randrange(len(area_ids))
                formal = rng.random() < 0.55
                taken = rng.choice((3, 8, 12, 18, 25))
                answered = rng.random() < 0.97 or received < today - timedelta(days=400)
                responded = received + timedelta(days=taken * 7 // 5) if answered else None
                due = received + timedelta(days=14)
                open_ = responded is None
                cases.append(
                    {
                        "id": case_id,
                        "reference": f"BENCH/{case_id}",
                        "procedure": PROCEDURES[i % 3],
                        "service_area_id": area_ids[a],
                        "team_id": teams[a]["id"],
                        "received": received,
                        "channel": "email",
                        "complainant_type": TYPES[rng.randrange(5)],
                        "child_in_care": rng.random() < 0.05,
                        "via_advocate": rng.random() < 0.04,
                        "theme": THEMES[rng.randrange(5)],
                        "summary": f"Complaint {i} about visits and plans",
                        "complainant_name": f"Person {i}",
                        "equality_form_sent": received if rng.random() < 0.7 else None,
                        "status": "open" if open_ else "closed",
                        "current_stage": ("stage1" if formal else "informal") if open_ else "",
                        "current_due": due if open_ else None,
                        "owner_id": owner_id if open_ and i % 20 == 0 else None,
                    }
                )
                stages.append(
                    {
                        "id": stage_id,
                        "case_id": case_id,
                        "kind": "stage1" if formal else "informal",
                        "started": received,
                        "acknowledged": received + timedelta(days=1),
                        "due": due,
                        "responded": responded,
                        "working_days_taken": taken if responded else None,
                        "outcome": (
                            (rng.choice(OUTCOMES) if formal else "resolved") if responded else ""
                        ),
                    }
                )
                stage_id += 1
                if formal and rng.random() < 0.03:
                    s2 = received + timedelta(days=40)
                    decided = s2 < today - timedelta(days=90)
                    stages.append(
                        {
                            "id": stage_id,
                            "case_id": case_id,
                            "kind": "stage2",
                            "started": s2,
                            "due": s2 + timedelta(days=35),
                            "responded": s2 + timedelta(days=50) if decided else None,
                            "outcome": rng.choice(OUTCOMES) if decided else "",
                            "investigating_officer_cost": Decimal("2500.00"),
                            "independent_person_cost": Decimal("900.50"),
                        }
                    )
                    stage_id += 1
                case_id += 1
            written["cases"] += case_writer.write(cases)
            written["stages"] += stage_writer.write(stages)

        def dated(k: int) -> date:
            return start + timedelta(days=rng.randrange(span))

        smalls: list[tuple[Any, Iterator[dict[str, Any]]]] = [
            (
                Compliment,
                (
                    {"key": f"BC{k}", "received": dated(k), "service_area_id": rng.choice(area_ids)}
                    for k in range(n_cases // 8)
                ),
            ),
            (
                LgscoCase,
                (
                    {
                        "lgsco_reference": f"BL{k}",
                        "service_area_id": rng.choice(area_ids),
                        "received": (d := dated(k)),
                        "decided": d + timedelta(days=60),
                        "decision": rng.choice(("upheld", "not_upheld")),
                        "remedy_amount": Decimal("500.00"),
                        "summary": "The council delayed an assessment.",
                    }
                    for k in range(n_cases // 50)
                ),
            ),
            (
                Learning,
                (
                    {
                        "key": f"BK{k}",
                        "service_area_id": rng.choice(area_ids),
                        "recorded": dated(k),
                        "learning": "Letters must say who to contact.",
                        "status": "implemented",
                    }
                    for k in range(n_cases // 12)
                ),
            ),
            (
                EqualityResponse,
                (
                    {
                        "key": f"BE{k}",
                        "received": dated(k),
                        "directorate_id": rng.choice(directorates)["id"],
                        "gender": rng.choice(("female", "male", "")),
                    }
                    for k in range(n_cases // 6)
                ),
            ),
        ]
        for model, rows in smalls:
            writer = Writer(connection, model)
            written[model._meta.model_name] = sum(writer.write(b) for b in _batches(rows))
        triggers_on(connection, kept)
        written["months marked"] = months_mark_changed(connection)
        sequences_reset(connection, [Directorate, ServiceArea, Team, Case, Stage])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return written


def _base_ids(connection: Any) -> dict[str, int]:
    """The first free id of each table the generator writes ids into."""
    from django.db.models import Max

    from complaintsdesk.cases.models import Case, Directorate, ServiceArea, Stage, Team

    out = {}
    for key, model in (
        ("directorate", Directorate),
        ("area", ServiceArea),
        ("team", Team),
        ("case", Case),
        ("stage", Stage),
    ):
        out[key] = (model.objects.using(connection.alias).aggregate(m=Max("id"))["m"] or 0) + 1
    return out
