"""The database records an import touches, fetched in a handful of queries (no per-row queries).

Validation reads them (does this reference exist? which directorate is this service area
in?) and the importer updates them in place.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet

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
from complaintsdesk.exchange.columns import (
    CASES,
    COMPLIMENTS,
    EQUALITY,
    LEARNINGS,
    LGSCO,
    RECOMMENDATIONS,
    STAGES,
)
from complaintsdesk.exchange.records import Parsed

# Keep IN lists well under every backend's bound-parameter limit.
CHUNK = 500

KEYED_MODELS: dict[str, tuple[type[Model], str]] = {
    LGSCO: (LgscoCase, "lgsco_reference"),
    LEARNINGS: (Learning, "key"),
    COMPLIMENTS: (Compliment, "key"),
    EQUALITY: (EqualityResponse, "key"),
    RECOMMENDATIONS: (LgscoRecommendation, "key"),
}


@dataclass
class Existing:
    cases: dict[str, Case] = field(default_factory=dict)
    stages: dict[str, dict[str, Stage]] = field(default_factory=dict)  # reference -> kind -> stage
    # reference -> {linked reference: its id}, for the cases in cases.csv
    links: dict[str, dict[str, int]] = field(default_factory=dict)
    directorates: dict[str, Directorate] = field(default_factory=dict)
    service_areas: dict[str, ServiceArea] = field(default_factory=dict)
    teams: dict[tuple[str, str], Team] = field(default_factory=dict)  # (service area, team)
    keyed: dict[str, dict[str, Any]] = field(default_factory=dict)  # file -> key -> record
    # The Ombudsman cases the recommendations name that are already in the database.
    lgsco_ids: dict[str, int] = field(default_factory=dict)


def existing_load(parsed: Parsed) -> Existing:
    existing = Existing()
    existing.directorates = {d.name: d for d in Directorate.objects.all()}
    existing.service_areas = {s.name: s for s in ServiceArea.objects.select_related("directorate")}
    existing.teams = {
        (t.service_area.name, t.name): t for t in Team.objects.select_related("service_area")
    }

    case_refs = set(parsed.keys(CASES))
    touched = case_refs | parsed.values(STAGES, "reference")
    mentioned = (
        touched
        | parsed.values(LGSCO, "reference")
        | parsed.values(LEARNINGS, "reference")
        | {ref for refs in parsed.values_list(CASES, "linked") for ref in refs}
    )
    for chunk in _chunks(mentioned):
        existing.cases.update((c.reference, c) for c in Case.objects.filter(reference__in=chunk))

    touched_ids = {existing.cases[r].pk: r for r in touched if r in existing.cases}
    for chunk in _chunks(touched_ids):
        for stage in Stage.objects.filter(case_id__in=chunk):
            existing.stages.setdefault(touched_ids[stage.case_id], {})[stage.kind] = stage

    through = Case.linked.through
    file_ids = {existing.cases[r].pk: r for r in case_refs if r in existing.cases}
    for chunk in _chunks(file_ids):
        rows = through.objects.filter(from_case_id__in=chunk).values_list(
            "from_case_id", "to_case_id", "to_case__reference"
        )
        for from_id, to_id, to_reference in rows:
            existing.links.setdefault(file_ids[from_id], {})[to_reference] = to_id

    for file, (model, key_field) in KEYED_MODELS.items():
        keys = parsed.keys(file)
        found: dict[str, Any] = {}
        for chunk in _chunks(keys):
            query: QuerySet[Any] = model._default_manager.filter(**{f"{key_field}__in": chunk})
            found.update((getattr(obj, key_field), obj) for obj in query)
        existing.keyed[file] = found
    named = parsed.values(RECOMMENDATIONS, "lgsco_reference")
    for chunk in _chunks(named):
        named_cases = LgscoCase.objects.filter(lgsco_reference__in=chunk)
        existing.lgsco_ids.update(named_cases.values_list("lgsco_reference", "pk"))
    return existing


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = sorted(values)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]
