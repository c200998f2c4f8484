"""The built-in timeline sources: the case's own records, and the audit trail's actions.

Records give business dates (a stage started on 3 March); the audit trail gives who did
what and when for actions no record keeps (triage, reassignment, restriction). Audit kinds a
record already shows are skipped, so nothing appears twice. The audit holds codes, ids and
field names only; names of people are looked up here, for staff who may see the case.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse

from complaintsdesk.core import vocabulary as v
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.timeline.registry import TimelineEntry, entry_at, timeline_source


def person(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def _date(day: Any) -> str:
    return f"{day:%-d %B %Y}"


@timeline_source("stages")
def stage_entries(case: Any, detail: Any) -> Iterator[TimelineEntry]:
    for number, view in enumerate(detail.stages):  # in stage order: the first was started
        stage = view.stage
        name = stage.get_kind_display()
        if number > 0:
            reason = stage.get_escalation_reason_display() if stage.escalation_reason else ""
            yield TimelineEntry(
                on=stage.started,
                category="stage",
                title=f"Escalated to {name}",
                detail=f"Reason: {reason}" if reason else "",
            )
        else:
            yield TimelineEntry(on=stage.started, category="stage", title=f"{name} started")
        if stage.acknowledged:
            yield TimelineEntry(
                on=stage.acknowledged, category="stage", title=f"{name} acknowledged"
            )
        if stage.panel_held:
            yield TimelineEntry(on=stage.panel_held, category="stage", title="Review panel sat")
        if stage.responded:
            outcome = stage.get_outcome_display() or "no outcome recorded"
            taken = stage.working_days_taken
            yield TimelineEntry(
                on=stage.responded,
                category="stage",
                title=f"{name} response: {outcome}",
                detail=f"{taken} working days taken" if taken is not None else "",
            )


@timeline_source("appointments")
def appointment_entries(case: Any, detail: Any) -> Iterator[TimelineEntry]:
    for view in detail.stages:
        for appointment in view.stage.appointments.all():  # prefetched by case_detail
            who = person(appointment.user) or appointment.name
            yield TimelineEntry(
                on=appointment.appointed,
                category="appointment",
                title=f"{appointment.get_role_display()} appointed",
                detail=f"{who} ({view.stage.get_kind_display()})",
            )


@timeline_source("notes")
def note_entries(case: Any, detail: Any) -> Iterator[TimelineEntry]:
    for note in detail.notes:
        yield entry_at(
            note.at, category="note", title="Note", detail=note.text, by=person(note.author)
        )


@timeline_source("documents")
def document_entries(case: Any, detail: Any) -> Iterator[TimelineEntry]:
    for document in detail.documents:
        yield entry_at(
            document.at,
            category="document",
            title=f"Document added: {document.title}",
            by=person(document.uploaded_by) or "The complainant",
            url=reverse("cases:document", args=[case.reference, document.pk]),
        )


@timeline_source("ombudsman")
def ombudsman_entries(case: Any, detail: Any) -> Iterator[TimelineEntry]:
    for lgsco in detail.lgsco_cases:
        ref = lgsco.lgsco_reference
        yield TimelineEntry(
            on=lgsco.received, category="ombudsman", title=f"Ombudsman enquiry {ref} received"
        )
        if lgsco.decided:
            yield TimelineEntry(
                on=lgsco.decided,
                category="ombudsman",
                title=f"Ombudsman decision: {lgsco.get_decision_display() or 'recorded'}",
            )
        if lgsco.complied:
            yield TimelineEntry(
                on=lgsco.complied,
                category="ombudsman",
                title="Ombudsman recommendations complied with",
            )


# The audit kinds shown as actions, with their titles. Others are shown by a record source
# above (stages, notes, documents, appointments) or are reads, not history (case.viewed).
ACTION_TITLES = {
    "case.created": "Case logged",
    "case.triaged": "Triaged",
    "case.reassigned": "Reassigned",
    "case.marked_for_triage": "Returned to the triage queue",
    "case.updated": "Details changed",
    "case.access_changed": "Who can see the case changed",
    "case.closed": "Closed without a stage",
    "case.reopened": "Reopened: awaiting triage",
    "case.linked": "Linked to another case",
    "case.child_added": "Child added",
    "case.feedback_invited": "Feedback survey emailed to the complainant",
    "stage.extended": "Due date extended",
    "stage.reopened": "Stage reopened",
    "stage.costs_recorded": "Costs recorded",
    "document.removed": "Document removed",
    "learning.created": "Learning recorded",
}


# Audit kinds that record something sent to the complainant: shown as correspondence. (The
# acknowledgement is kept on the case as a letter, so the correspondence source shows it.)
CORRESPONDENCE_KINDS = {"case.feedback_invited"}


def _field_label(name: str) -> str:
    return name.replace("_", " ")


def _action_detail(event: AuditEvent, people: dict[int, str]) -> str:
    p = event.payload or {}
    kind = event.kind
    if kind == "case.created":
        via = v.RECEIVED_VIA.get(p.get("received_via", ""), "")
        return f"Received via {via.lower()}" if via else ""
    if kind == "case.triaged":
        procedure = v.PROCEDURE.get(p.get("procedure", ""), "")
        stage = v.STAGE.get(p.get("first_stage", ""), "")
        owner = people.get(p.get("owner_id") or 0, "")
        parts = [
            f"{procedure} procedure" if procedure else "",
            f"first stage {stage}" if stage else "",
        ]
        parts.append(f"owner {owner}" if owner else "")
        return ", ".join(part for part in parts if part)
    if kind == "case.reassigned":
        parts = []
        for key, label in (("owner", "Owner"), ("responding_manager", "Responding manager")):
            before, after = p.get(f"{key}_from"), p.get(f"{key}_to")
            if before != after:
                was = people.get(before or 0, "nobody")
                parts.append(f"{label}: {was} to {people.get(after or 0, 'nobody')}")
        return "; ".join(parts)
    if kind == "case.updated" and p.get("fields"):
        return "Changed: " + ", ".join(_field_label(f) for f in p["fields"])
    if kind == "case.access_changed":
        return "Restricted" if p.get("restricted") else "Not restricted"
    if kind == "case.linked" and p.get("other"):
        return f"Linked to {p['other']}"
    if kind == "stage.extended" and p.get("extended_to"):
        stage = v.STAGE.get(p.get("stage", ""), "")
        return f"{stage} due date extended to {p['extended_to']}"
    if kind == "case.marked_for_triage":
        return {"reopened": "Reopened", "unmatched_reply": "A reply needs a look"}.get(
            p.get("reason", ""), ""
        )
    return ""


def _people_named(events: Iterable[AuditEvent]) -> dict[int, str]:
    ids: set[int] = set()
    for event in events:
        for key in ("owner_id", "owner_from", "owner_to"):
            ids.add(event.payload.get(key) or 0)
        for key in ("responding_manager_from", "responding_manager_to"):
            ids.add(event.payload.get(key) or 0)
    ids.discard(0)
    if not ids:
        return {}
    return {u.pk: person(u) for u in get_user_model().objects.filter(pk__in=ids)}


@timeline_source("actions")
def action_entries(case: Any, detail: Any) -> Iterator[TimelineEntry]:
    events = list(
        AuditEvent.objects.filter(case_reference=case.reference, kind__in=ACTION_TITLES)
        .select_related("actor")
        .order_by("at", "id")
    )
    people = _people_named(events)
    for event in events:
        by = person(event.actor)
        if not by and event.kind == "case.created":
            by = "The complainant" if event.payload.get("received_via") == "web_form" else ""
        yield entry_at(
            event.at,
            category="correspondence" if event.kind in CORRESPONDENCE_KINDS else "action",
            title=ACTION_TITLES[event.kind],
            detail=_action_detail(event, people),
            by=by or "The system",
        )
