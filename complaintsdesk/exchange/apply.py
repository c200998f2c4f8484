"""Write validated exchange records: a few bulk queries in all, and one audit event per change.

Runs inside the importer's transaction, after validation found nothing wrong. Records are
matched on their keys and updated in place; a record whose values are already those of the
file is left alone, so importing the same files twice changes nothing.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Model, Q
from django.utils import timezone

from complaintsdesk.cases.deadlines import stage_refresh_deadlines
from complaintsdesk.cases.models import (
    Case,
    Compliment,
    Directorate,
    EqualityResponse,
    Learning,
    LgscoCase,
    LgscoRecommendation,
    ServiceArea,
    Stage,
    Team,
)
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.deadlines.calendar import WorkingCalendar
from complaintsdesk.exchange.columns import (
    BOOL,
    CASES,
    COMPLIMENTS,
    EQUALITY,
    FILES,
    KEY,
    LEARNINGS,
    LGSCO,
    RECOMMENDATIONS,
    STAGES,
    VOCAB,
    VOCAB_LIST,
)
from complaintsdesk.exchange.errors import ExchangeImportError, Problem
from complaintsdesk.exchange.records import Parsed, Record
from complaintsdesk.exchange.snapshot import Existing
from complaintsdesk.exchange.stage_checks import STAGE_FIELDS, STAGE_ORDER, MergedStages
from complaintsdesk.workflow.rules import RuleSet

RECORD_EVENT = "exchange.record_imported"
BATCH = 500
# Columns that are not a plain field of the same name on the model.
_SPECIAL = {"reference", "directorate", "service_area", "team", "linked", "stage"}
_STAGE_STORED = (*STAGE_FIELDS, "due", "working_days_taken")


@dataclass
class Tally:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)


Progress = Callable[[int], None]


class ImportRun:
    """One import's writes. Call `prepare` (may raise, writes nothing), then `write`."""

    def __init__(
        self,
        parsed: Parsed,
        existing: Existing,
        merged: MergedStages,
        *,
        calendar: WorkingCalendar,
        rulesets: tuple[RuleSet, ...],
        actor: Any,
        advance: Progress,
    ) -> None:
        self.parsed, self.existing, self.merged = parsed, existing, merged
        self.calendar, self.rulesets = calendar, rulesets
        self.user = actor if getattr(actor, "is_authenticated", False) else None
        self.advance = advance
        self.tally = Tally()
        self.events: list[AuditEvent] = []
        self.now = timezone.now()
        self.case_ids: dict[str, int] = {ref: c.pk for ref, c in existing.cases.items()}
        self.bumped: set[str] = set()  # cases whose stages or fields change: new version
        self.preexisting = set(existing.cases)

    # --- prepare: everything that can fail, before any write -------------------------------

    def prepare(self) -> None:
        problems: list[Problem] = []
        file_cases = {r.get("reference"): r for r in self.parsed.records(CASES)}
        self.stages: dict[str, list[Stage]] = {}
        self.stage_changes: list[tuple[str, Stage, list[str] | None]] = []
        for reference, case in self.merged.items():
            assert case.procedure is not None
            kept: list[Stage] = []
            for facts in case.ordered():
                stage = self.existing.stages.get(reference, {}).get(facts.kind)
                before = None if stage is None else {f: getattr(stage, f) for f in _STAGE_STORED}
                stage = stage or Stage(kind=facts.kind)
                for name, value in facts.values.items():
                    setattr(stage, name, value)
                try:
                    stage_refresh_deadlines(
                        stage,
                        procedure=case.procedure,
                        calendar=self.calendar,
                        rulesets=self.rulesets,
                    )
                except ValueError as error:
                    record = facts.record or file_cases.get(reference)
                    if record is not None:
                        column = "started" if facts.record else "procedure"
                        problems.append(
                            Problem(
                                record.file,
                                record.row,
                                column,
                                f"cannot compute the due date: {error}",
                            )
                        )
                    continue
                kept.append(stage)
                if before is None:
                    self.stage_changes.append((reference, stage, None))
                else:
                    changed = [f for f in _STAGE_STORED if before[f] != getattr(stage, f)]
                    if changed:
                        self.stage_changes.append((reference, stage, changed))
                    elif facts.record is not None:
                        self.tally.unchanged[STAGES] += 1
            self.stages[reference] = kept
        if problems:
            raise ExchangeImportError(problems)
        self.bumped = {reference for reference, _, _ in self.stage_changes}

    # --- write ----------------------------------------------------------------------------

    def write(self) -> Tally:
        self._organisation()
        self.advance(0)
        self._cases()
        self.advance(len(self.parsed.records(CASES)))
        self._stages()
        self.advance(len(self.parsed.records(STAGES)))
        for file, model, key_field in (
            (LGSCO, LgscoCase, "lgsco_reference"),
            (RECOMMENDATIONS, LgscoRecommendation, "key"),
            (LEARNINGS, Learning, "key"),
            (COMPLIMENTS, Compliment, "key"),
            (EQUALITY, EqualityResponse, "key"),
        ):
            self._keyed(file, model, key_field)
            self.advance(len(self.parsed.records(file)))
        # A changed case gets a new version, so an edit begun before the import is refused.
        bumped = sorted(self.case_ids[r] for r in self.bumped & self.preexisting)
        for chunk in _chunks(bumped):
            Case.objects.filter(pk__in=chunk).update(version=F("version") + 1, updated_at=self.now)
        AuditEvent.objects.bulk_create(self.events, batch_size=BATCH)
        return self.tally

    def _organisation(self) -> None:
        existing = self.existing
        names = {
            r.get("directorate")
            for f in (CASES, LGSCO, COMPLIMENTS, EQUALITY)
            for r in self.parsed.records(f)
            if r.get("directorate")
        }
        new_directorates = [Directorate(name=n) for n in sorted(names - set(existing.directorates))]
        self._create(Directorate, new_directorates, "directorates")
        existing.directorates.update((d.name, d) for d in new_directorates)

        areas: dict[str, str] = {}
        for f in (CASES, LGSCO, COMPLIMENTS):
            for r in self.parsed.records(f):
                areas.setdefault(r.get("service_area"), r.get("directorate"))
        new_areas = [
            ServiceArea(name=a, directorate=existing.directorates[d])
            for a, d in sorted(areas.items())
            if a not in existing.service_areas
        ]
        self._create(ServiceArea, new_areas, "service_areas")
        existing.service_areas.update((a.name, a) for a in new_areas)

        teams = {
            (r.get("service_area"), r.get("team"))
            for f in (CASES, LEARNINGS, COMPLIMENTS)
            for r in self.parsed.records(f)
            if r.get("team")
        }
        new_teams = [
            Team(name=t, service_area=existing.service_areas[a])
            for a, t in sorted(teams)
            if (a, t) not in existing.teams
        ]
        self._create(Team, new_teams, "teams")
        existing.teams.update(((t.service_area.name, t.name), t) for t in new_teams)

    def _create(self, model: type[Model], objs: list[Any], label: str) -> None:
        model._default_manager.bulk_create(objs, batch_size=BATCH)
        self.tally.created[label] += len(objs)
        for obj in objs:
            self._event(obj, "created", label=label)

    def _cases(self) -> None:
        new: list[Case] = []
        changed: list[tuple[Case, list[str]]] = []
        records = {r.get("reference"): r for r in self.parsed.records(CASES)}
        links = self._links_wanted(records)
        for reference in dict.fromkeys([*records, *self.merged]):
            record = records.get(reference)
            case = self.existing.cases.get(reference)
            values = self._case_values(record, case) if record is not None else {}
            values.update(self._summary(reference, case))
            if case is None:
                case = Case(reference=reference, **values)
                new.append(case)
                self.existing.cases[reference] = case
                continue
            fields = _assign(case, values)
            if reference in links and links[reference] != set(
                self.existing.links.get(reference, {})
            ):
                fields.append("linked")
            if fields:
                changed.append((case, fields))
                self.bumped.add(reference)
            elif record is not None:
                self.tally.unchanged[CASES] += 1
        Case.objects.bulk_create(new, batch_size=BATCH)
        self.case_ids.update((c.reference, c.pk) for c in new)
        _bulk_update(Case, changed)
        self._tally_events(CASES, new, changed, lambda c: c.reference)
        self._links_write(links)

    def _case_values(self, record: Record, case: Case | None) -> dict[str, Any]:
        values = _plain(record, Case)
        area = self.existing.service_areas[record.get("service_area")]
        values["service_area_id"] = area.pk
        if record.has("team"):
            team = record.get("team")
            values["team_id"] = self.existing.teams[(area.name, team)].pk if team else None
        elif case is not None and case.team_id is not None and case.service_area_id != area.pk:
            values["team_id"] = None  # the case moved to another service area without its team
        return values

    def _summary(self, reference: str, case: Case | None) -> dict[str, Any]:
        """Status, current stage and current due: `case_refresh_summary`, computed in Python."""
        if reference not in self.merged:
            return {}
        stages = self.stages.get(reference, [])
        if not stages:
            triage = case is None or case.status == "awaiting_triage"
            return {
                "status": "awaiting_triage" if triage else "open",
                "current_stage": "",
                "current_due": None,
            }
        last = max(stages, key=lambda s: STAGE_ORDER.index(s.kind))
        if last.responded is None:
            return {"status": "open", "current_stage": last.kind, "current_due": last.due}
        return {"status": "closed", "current_stage": last.kind, "current_due": None}

    def _links_wanted(self, records: dict[str, Record]) -> dict[str, set[str]]:
        """Each listed case's links as the file gives them; a link holds both ways."""
        wanted: dict[str, set[str]] = {ref: set() for ref, r in records.items() if r.has("linked")}
        for reference in list(wanted):
            for other in records[reference].get("linked") or ():
                wanted[reference].add(other)
                if other in wanted:
                    wanted[other].add(reference)
        return wanted

    def _links_write(self, wanted: dict[str, set[str]]) -> None:
        through = Case.linked.through
        add: set[tuple[int, int]] = set()
        remove: set[tuple[int, int]] = set()
        for reference, links in wanted.items():
            had = self.existing.links.get(reference, {})
            a = self.case_ids[reference]
            for other in links - set(had):
                add |= {(a, self.case_ids[other]), (self.case_ids[other], a)}
            for other, b in had.items():
                if other not in links:
                    remove |= {(a, b), (b, a)}
        for chunk in _chunks(sorted(remove), 200):
            query = Q()
            for a, b in chunk:
                query |= Q(from_case_id=a, to_case_id=b)
            through.objects.filter(query).delete()
        through.objects.bulk_create(
            [through(from_case_id=a, to_case_id=b) for a, b in sorted(add)],
            batch_size=BATCH,
            ignore_conflicts=True,
        )

    def _stages(self) -> None:
        new = [stage for _, stage, fields in self.stage_changes if fields is None]
        for reference, stage, fields in self.stage_changes:
            if fields is None:
                stage.case_id = self.case_ids[reference]
        Stage.objects.bulk_create(new, batch_size=BATCH)
        changed = [(stage, fields) for _, stage, fields in self.stage_changes if fields is not None]
        _bulk_update(Stage, changed)
        references = {id(stage): ref for ref, stage, _ in self.stage_changes}
        self._tally_events(STAGES, new, changed, lambda s: references[id(s)], stage=True)

    def _keyed(self, file: str, model: type[Model], key_field: str) -> None:
        found = self.existing.keyed[file]
        new: list[Any] = []
        changed: list[tuple[Any, list[str]]] = []
        lgsco_ids = self._lgsco_ids() if file == RECOMMENDATIONS else {}
        for record in self.parsed.records(file):
            key = record.get(KEY_COLUMN[file])
            values = _plain(record, model)
            if file == RECOMMENDATIONS:
                values["kind"] = values.pop("type")
                values["lgsco_case_id"] = lgsco_ids[values.pop("lgsco_reference")]
            if record.has("reference"):
                reference = record.get("reference")
                values["case_id"] = self.case_ids[reference] if reference else None
            if record.has("service_area"):
                area = self.existing.service_areas[record.get("service_area")]
                values["service_area_id"] = area.pk
                if record.has("team"):
                    team = record.get("team")
                    values["team_id"] = self.existing.teams[(area.name, team)].pk if team else None
            if file == EQUALITY and record.has("directorate"):
                name = record.get("directorate")
                values["directorate_id"] = self.existing.directorates[name].pk if name else None
            obj = found.get(key)
            if obj is None:
                new.append(model(**{key_field: key}, **values))
                continue
            fields = _assign(obj, values)
            if fields:
                changed.append((obj, fields))
            else:
                self.tally.unchanged[file] += 1
        model._default_manager.bulk_create(new, batch_size=BATCH)
        _bulk_update(model, changed)
        if any(f.name == "version" for f in model._meta.fields):
            # A versioned record (a compliment) gets a new version, like a case, so an edit
            # begun before the import is refused.
            for chunk in _chunks(sorted(obj.pk for obj, _ in changed)):
                model._default_manager.filter(pk__in=chunk).update(version=F("version") + 1)
        case_refs: dict[int | None, str] = {pk: ref for ref, pk in self.case_ids.items()}
        self._tally_events(
            file, new, changed, lambda o: case_refs.get(getattr(o, "case_id", None), "")
        )

    def _lgsco_ids(self) -> dict[str, int]:
        """The Ombudsman cases the recommendations name, those just written included."""
        named = sorted(self.parsed.values(RECOMMENDATIONS, "lgsco_reference"))
        ids: dict[str, int] = {}
        for chunk in _chunks(named):
            rows = LgscoCase.objects.filter(lgsco_reference__in=chunk)
            ids.update(rows.values_list("lgsco_reference", "pk"))
        return ids

    # --- audit ----------------------------------------------------------------------------

    def _tally_events(
        self,
        file: str,
        new: Iterable[Any],
        changed: list[tuple[Any, list[str]]],
        reference: Callable[[Any], str],
        stage: bool = False,
    ) -> None:
        new = list(new)
        self.tally.created[file] += len(new)
        self.tally.updated[file] += len(changed)
        for obj in new:
            self._event(obj, "created", file=file, reference=reference(obj), stage=stage)
        for obj, fields in changed:
            self._event(
                obj, "updated", file=file, reference=reference(obj), stage=stage, fields=fields
            )

    def _event(
        self,
        obj: Any,
        action: str,
        *,
        file: str = "",
        label: str = "",
        reference: str = "",
        stage: bool = False,
        fields: list[str] | None = None,
    ) -> None:
        # Codes and field names only: never a name, a summary or any other personal data.
        payload: dict[str, Any] = {"action": action, "file": file or label}
        if stage:
            payload["stage"] = obj.kind
        if fields is not None:
            payload["fields"] = sorted(fields)
        self.events.append(
            AuditEvent(
                actor=self.user,
                kind=RECORD_EVENT,
                case_reference=reference,
                object_type=obj._meta.model_name,
                object_id=str(obj.pk),
                payload=payload,
            )
        )


KEY_COLUMN = {
    LGSCO: "lgsco_reference",
    RECOMMENDATIONS: "id",
    LEARNINGS: "id",
    COMPLIMENTS: "id",
    EQUALITY: "id",
}


def _plain(record: Record, model: type[Model]) -> dict[str, Any]:
    """The record's columns that are model fields of the same name, as the model stores them."""
    values: dict[str, Any] = {}
    for column in FILES[record.file]:
        name = column.name
        if column.kind == KEY or name in _SPECIAL or not record.has(name):
            continue
        value = record.get(name)
        if column.kind == VOCAB and value is None:
            value = ""
        elif column.kind == VOCAB_LIST:
            value = ";".join(value or [])
        elif column.kind == BOOL and value is None and not model._meta.get_field(name).null:
            value = False
        values[name] = value
    return values


def _assign(obj: Any, values: dict[str, Any]) -> list[str]:
    """Set the values that differ; the names of the fields that changed."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


def _bulk_update(model: type[Model], changed: list[tuple[Any, list[str]]]) -> None:
    fields = sorted({f for _, names in changed for f in names if f != "linked"})
    if fields:
        model._default_manager.bulk_update([obj for obj, _ in changed], fields, batch_size=BATCH)


def _chunks(items: list[Any], size: int = BATCH) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
