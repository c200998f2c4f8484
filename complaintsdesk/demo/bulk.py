"""Write the generated history in bulk: through the exchange importer, then what it lacks.

The five years of history go in the way a council's own records would: as exchange-format
files (docs: exchange-format.md) imported by `exchange_import`, which checks every stage
against the rules and computes each stage's due date and working days taken, each case's
status, current stage and current due date, and writes an audit event per record, in a
few bulk queries. What the format does not carry is then added in bulk, each write with
its audit event, as the services would record it: the complainant's personal fields and
desired outcome (and the case's owner), children, appointments, restrictions, the reasons
for extensions and the evidence of implemented learning.

`exchange_rows` is pure, so a test can compare two runs of the generator in memory and an
export of the built database against what was generated.
"""

from __future__ import annotations

import csv
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.db import connections, router
from django.db.models import Field, Model

from complaintsdesk.cases.models import Appointment, Case, Child, Learning, Stage
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.demo.generate import History
from complaintsdesk.demo.organisation import STRUCTURE
from complaintsdesk.demo.records import Row
from complaintsdesk.exchange.columns import (
    CASES,
    COMPLIMENTS,
    EQUALITY,
    FILES,
    LEARNINGS,
    LGSCO,
    STAGES,
)
from complaintsdesk.exchange.importer import exchange_import

# The import's summary event names its source: the folder, not the random temporary one.
FOLDER = "demo-history"
BATCH = 500
# The case fields the demo fills that the exchange format does not carry.
CASE_EXTRA = (
    "complainant_name",
    "complainant_email",
    "complainant_phone",
    "complainant_address",
    "desired_outcome",
)


def exchange_rows(history: History) -> dict[str, list[Row]]:
    """The history as exchange rows (column -> value), file by file, in the files' order."""
    cases: list[Row] = []
    stages: list[Row] = []
    for plan in history.plans:
        cases.append(
            {
                "reference": plan.reference,
                "procedure": plan.procedure,
                "directorate": STRUCTURE[plan.area][0],
                "service_area": plan.area,
                "team": plan.team,
                "received": plan.received,
                "channel": plan.channel,
                "complainant_type": plan.complainant_type,
                "via_advocate": plan.via_advocate,
                "child_in_care": plan.child_in_care,
                "care_leaver": plan.care_leaver,
                "theme": plan.theme,
                "summary": plan.summary,
                "restricted": plan.restricted,
                "linked": None,
                "equality_form_sent": plan.equality_form_sent,
                "anonymised": None,
            }
        )
        for sp in plan.stages:
            io, ip, extra = sp.costs if sp.costs is not None else (None, None, None)
            stages.append(
                {
                    "reference": plan.reference,
                    "stage": sp.kind,
                    "started": sp.started,
                    "acknowledged": sp.acknowledged,
                    "extended_to": sp.extended_to,
                    "panel_held": sp.panel_held,
                    "responded": sp.responded,
                    "outcome": sp.outcome,
                    "investigating_officer_cost": io,
                    "independent_person_cost": ip,
                    "additional_cost": extra,
                    # No demo stage pauses for advocacy (yet): the optional columns stay empty.
                    "paused_from": None,
                    "paused_to": None,
                    "pause_reason": "",
                }
            )
    records = history.records
    learnings = [{k: v for k, v in row.items() if k != "evidence"} for row in records.learning_rows]
    return {
        CASES: cases,
        STAGES: stages,
        LGSCO: records.lgsco_rows,
        LEARNINGS: learnings,
        COMPLIMENTS: records.compliment_rows,
        EQUALITY: records.equality_rows,
    }


def cell(value: Any) -> str:
    """A value as the exchange format writes it (as `exchange_export` does)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, (list, tuple)):
        return ";".join(value)
    return str(value)


def exchange_cells(rows: dict[str, list[Row]]) -> dict[str, list[list[str]]]:
    """Each file's rows as text cells, in the spec's column order."""
    out: dict[str, list[list[str]]] = {}
    for file, records in rows.items():
        names = [c.name for c in FILES[file]]
        if records and set(records[0]) != set(names):
            raise ValueError(f"{file}: columns {sorted(records[0])} are not {names}")
        out[file] = [[cell(record[name]) for name in names] for record in records]
    return out


def exchange_files_write(rows: dict[str, list[Row]], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for file, cells in exchange_cells(rows).items():
        with (directory / file).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([c.name for c in FILES[file]])
            writer.writerows(cells)


def history_write(history: History, *, users: dict[str, User]) -> None:
    """Write the history into the database: call inside the demo's transaction, on no cases."""
    with tempfile.TemporaryDirectory(prefix="complaintsdesk-demo-") as tmp:
        folder = Path(tmp) / FOLDER
        exchange_files_write(exchange_rows(history), folder)
        # Nests in the demo's transaction: a refusal raises and the whole build rolls back.
        exchange_import(path=folder, actor=users["officer"])
    _ExtrasWrite(history, users).write()


def rows_update(model: type[Model], fields: list[str], objs: list[Any]) -> None:
    """Save `fields` of each of `objs`: the UPDATE `save(update_fields=...)` issues, prepared
    once and run for every object.

    `bulk_update` builds a CASE expression per object and field, which for the history's
    2,000 cases costs seconds of Python; this costs milliseconds, on every backend.
    """
    if not objs:
        return
    connection = connections[router.db_for_write(model)]
    opts = model._meta
    quote = connection.ops.quote_name
    columns: list[Field[Any, Any]] = []
    for name in fields:
        column = opts.get_field(name)
        assert isinstance(column, Field) and column.column is not None, name
        columns.append(column)
    assert opts.pk is not None and opts.pk.column is not None
    assignments = ", ".join(f"{quote(str(f.column))} = %s" for f in columns)
    sql = f"UPDATE {quote(opts.db_table)} SET {assignments} WHERE {quote(opts.pk.column)} = %s"
    params = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in columns] + [obj.pk]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


class _ExtrasWrite:
    """What the exchange format does not carry, with an audit event for each write."""

    def __init__(self, history: History, users: dict[str, User]) -> None:
        self.history, self.users = history, users
        self.officer, self.manager = users["officer"], users["manager"]
        self.events: list[AuditEvent] = []
        references = {plan.reference for plan in history.plans}
        self.case_ids = {
            ref: pk for ref, pk in Case.objects.values_list("reference", "pk") if ref in references
        }
        self.stage_ids = {
            (ref, kind): pk
            for pk, ref, kind in Stage.objects.values_list("pk", "case__reference", "kind")
            if ref in references
        }

    def write(self) -> None:
        self._cases()
        self._stages()
        self._learnings()
        AuditEvent.objects.bulk_create(self.events, batch_size=BATCH)

    def _event(self, actor: User, kind: str, reference: str, obj: Any, **payload: Any) -> None:
        # As `audit_record` writes them: codes, dates and field names, never personal data.
        self.events.append(
            AuditEvent(
                actor=actor,
                kind=kind,
                case_reference=reference,
                object_type=obj._meta.model_name,
                object_id=str(obj.pk),
                payload=payload,
            )
        )

    def _cases(self) -> None:
        """Personal fields, desired outcome, owner and children: one event per case, as
        `case_create` records them (field names and the number of children only)."""
        cases, children, restricted = [], [], []
        through = Case.restricted_to.through
        for plan in self.history.plans:
            values = {**plan.details, "desired_outcome": plan.desired_outcome}
            case = Case(pk=self.case_ids[plan.reference], owner=self.officer, **values)
            cases.append(case)
            kids = self.history.children[plan.reference]
            children += [Child(case_id=case.pk, **fields) for fields in kids]
            if plan.restricted:
                for user in (self.officer, self.manager):
                    restricted.append(through(case_id=case.pk, user_id=user.pk))
            fields = sorted([*(k for k, v in values.items() if v), "owner"])
            self._event(
                self.officer,
                "case.updated",
                plan.reference,
                case,
                fields=fields,
                children=len(kids),
            )
        rows_update(Case, [*CASE_EXTRA, "owner"], cases)
        Child.objects.bulk_create(children, batch_size=BATCH)
        through.objects.bulk_create(restricted, batch_size=BATCH)

    def _stages(self) -> None:
        reasons: list[tuple[str, Stage]] = []
        appointments: list[tuple[str, str, Appointment]] = []
        for plan in self.history.plans:
            for sp in plan.stages:
                pk = self.stage_ids[(plan.reference, sp.kind)]
                if sp.extension_reason:
                    stage = Stage(pk=pk, kind=sp.kind, extension_reason=sp.extension_reason)
                    stage.extended_to = sp.extended_to
                    reasons.append((plan.reference, stage))
                for role, username, on in sp.appoint:
                    appointment = Appointment(
                        stage_id=pk, role=role, user=self.users[username], appointed=on
                    )
                    appointments.append((plan.reference, sp.kind, appointment))
        rows_update(Stage, ["extension_reason"], [s for _, s in reasons])
        Appointment.objects.bulk_create([a for _, _, a in appointments], batch_size=BATCH)
        for reference, stage in reasons:
            assert stage.extended_to is not None
            self._event(
                self.officer,
                "stage.extended",
                reference,
                stage,
                stage=stage.kind,
                extended_to=stage.extended_to.isoformat(),
            )
        for reference, kind, a in appointments:
            self._event(
                self.manager,
                "stage.appointed",
                reference,
                a,
                stage=kind,
                role=a.role,
                user_id=a.user_id,
            )

    def _learnings(self) -> None:
        evidence = {row["id"]: row["evidence"] for row in self.history.records.learning_rows}
        learnings = []
        for pk, key, reference in Learning.objects.values_list("pk", "key", "case__reference"):
            if evidence.get(key):
                learning = Learning(pk=pk, key=key, evidence=evidence[key])
                learnings.append(learning)
                self._event(
                    self.officer, "learning.updated", reference or "", learning, fields=["evidence"]
                )
        rows_update(Learning, ["evidence"], learnings)
