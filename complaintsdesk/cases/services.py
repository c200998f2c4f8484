"""Every write to a case: one service per state change, one transaction, one audit event.

Each service checks the move against `workflow.rules`, writes, records an audit event and
refreshes the case's maintained summary (status, current stage, current due date).
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from complaintsdesk.cases import access
from complaintsdesk.cases.checks import procedure_warning_codes
from complaintsdesk.cases.deadlines import stage_refresh_deadlines
from complaintsdesk.cases.models import (
    Appointment,
    Case,
    Child,
    Note,
    ReferenceSequence,
    ServiceArea,
    Stage,
    Team,
)
from complaintsdesk.cases.services_people import case_people_link_new, child_person_new
from complaintsdesk.cases.writable import case_check_writable, case_write
from complaintsdesk.core import vocabulary as v
from complaintsdesk.core.audit import audit_recent, audit_record
from complaintsdesk.core.errors import ServiceError, StaleEditError
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.deadlines.selectors import calendar_current, rulesets_current
from complaintsdesk.people.models import Person
from complaintsdesk.workflow import rules

STAGE_ORDER = ("informal", "stage1", "stage2", "stage3")


# --- references and locking -------------------------------------------------------------


def reference_next(*, prefix: str = "COM/") -> str:
    """Allocate the next case reference; call inside a transaction."""
    seq, _ = ReferenceSequence.objects.select_for_update().get_or_create(prefix=prefix)
    while True:
        reference = f"{prefix}{seq.next_value}"
        seq.next_value += 1
        if not Case.objects.filter(reference=reference).exists():
            seq.save(update_fields=["next_value"])
            return reference


def case_lock(*, case: Case, expected_version: int | None) -> None:
    """Claim the case for this write, refusing it if someone saved since `expected_version`.

    The compare-and-set UPDATE is atomic on every database, so two people saving the same
    version cannot both succeed: the second is told what changed instead of overwriting it.
    An anonymised case is read-only: the same UPDATE refuses it, so a retention run at the
    same moment cannot slip between a check and the write (cases/writable.py).
    """
    query = Case.objects.filter(pk=case.pk, anonymised_at__isnull=True)
    if expected_version is not None:
        query = query.filter(version=expected_version)
    if query.update(version=F("version") + 1) == 0:
        case_check_writable(case=case)  # anonymised says so, rather than "someone changed it"
        changes = audit_recent(AuditEvent.objects.filter(case_reference=case.reference))
        raise StaleEditError(
            "Someone else changed this case after you opened it. Nothing you entered was saved; "
            "reload the case to see their changes, then make yours again.",
            changes=changes,
        )
    case.version = Case.objects.values_list("version", flat=True).get(pk=case.pk)


def case_refresh_summary(*, case: Case) -> None:
    """Recompute the case's status, current stage and current due date from its stages."""
    stages = sorted(case.stages.all(), key=lambda s: STAGE_ORDER.index(s.kind))
    if not stages:
        status, current, due = (
            ("awaiting_triage" if case.status == "awaiting_triage" else "open"),
            "",
            None,
        )
    else:
        last = stages[-1]
        current = last.kind
        if last.responded is None:
            status, due = "open", last.due
        else:
            status, due = "closed", None
    Case.objects.filter(pk=case.pk).update(status=status, current_stage=current, current_due=due)
    case.status, case.current_stage, case.current_due = status, current, due


# --- creating and editing cases -----------------------------------------------------------

CASE_DETAIL_FIELDS = (
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
    "events_date",
    "complainant_name",
    "complainant_email",
    "complainant_phone",
    "complainant_address",
    "relationship_to_child",
    "consent_to_act",
    "advocacy_service",
)
PERSONAL_FIELDS = {
    "summary",
    "desired_outcome",
    "complainant_name",
    "complainant_email",
    "complainant_phone",
    "complainant_address",
    "relationship_to_child",
    "advocacy_service",
}


def _check_vocabulary(details: dict[str, Any]) -> None:
    for field, vocabulary in (
        ("channel", v.CHANNEL),
        ("complainant_type", v.COMPLAINANT_TYPE),
        ("theme", v.THEME),
    ):
        value = details.get(field) or ""
        if value and value not in vocabulary:
            raise ServiceError(f"'{value}' is not a known {field.replace('_', ' ')}.", field=field)


def _check_team(service_area: ServiceArea, team: Team | None) -> None:
    if team is not None and team.service_area_id != service_area.pk:
        raise ServiceError(f"Team {team.name} is not in {service_area.name}.", field="team")


@transaction.atomic
def case_create(
    *,
    actor: Any,
    procedure: str,
    service_area: ServiceArea,
    received: date,
    reference: str | None = None,
    team: Team | None = None,
    first_stage: str | None = None,
    children: list[dict[str, Any]] | None = None,
    received_via: str = "staff",
    complainant_person: Person | None = None,
    **details: Any,
) -> Case:
    """Log a case. With `first_stage` it starts that stage on `received`; without, it joins the
    triage queue (status "awaiting_triage", `triage_since` now), whatever route it came by.

    The staff pages, the public forms, the API, the mailbox, the importer and the demo all
    create cases here; `received_via` names the route (vocabulary.RECEIVED_VIA).
    """
    if procedure not in v.PROCEDURE:
        raise ServiceError(f"'{procedure}' is not a known procedure.", field="procedure")
    if received_via not in v.RECEIVED_VIA:
        raise ServiceError(f"'{received_via}' is not a known route.", field="received_via")
    unknown = set(details) - set(CASE_DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"case_create got unknown fields: {sorted(unknown)}")
    _check_vocabulary(details)
    _check_team(service_area, team)
    if reference is None:
        reference = reference_next()
    elif Case.objects.filter(reference=reference).exists():
        raise ServiceError(f"A case with reference {reference} already exists.", field="reference")
    staff = actor if getattr(actor, "is_authenticated", False) else None
    case = Case.objects.create(
        reference=reference,
        procedure=procedure,
        service_area=service_area,
        team=team,
        received=received,
        status="open" if first_stage else "awaiting_triage",
        # Staff logging a case own it; other routes' arrivals are owned at triage.
        owner=staff if received_via == "staff" else None,
        logged_by=staff,
        received_via=received_via,
        triage_since=None if first_stage else timezone.now(),
        **details,
    )
    made = [Child.objects.create(case=case, **child) for child in children or []]
    case_people_link_new(
        actor=actor, case=case, children=made, complainant_person=complainant_person
    )
    audit_record(
        actor=actor,
        kind="case.created",
        case_reference=case.reference,
        obj=case,
        payload={
            "procedure": procedure,
            "channel": details.get("channel", ""),
            "received_via": received_via,
            "children": len(children or []),
            "warnings": procedure_warning_codes(procedure, service_area),
        },
    )
    if first_stage:
        stage_start(actor=actor, case=case, kind=first_stage, started=received)
    return case


@transaction.atomic
@case_write
def case_update(*, actor: Any, case: Case, expected_version: int | None, **changes: Any) -> Case:
    """Change a case's details; refuses a stale edit. Audits the names of changed fields only.

    Restricting a case changes who may see it: that is `services_casework.case_restrict`.
    """
    if "restricted" in changes:
        raise TypeError("case_update does not restrict cases: use services_casework.case_restrict")
    unknown = (
        set(changes) - set(CASE_DETAIL_FIELDS) - {"service_area", "team", "procedure", "received"}
    )
    if unknown:
        raise TypeError(f"case_update got unknown fields: {sorted(unknown)}")
    _check_vocabulary(changes)
    service_area = changes.get("service_area", case.service_area)
    _check_team(service_area, changes.get("team", case.team))
    if "procedure" in changes and changes["procedure"] not in v.PROCEDURE:
        raise ServiceError(f"'{changes['procedure']}' is not a known procedure.", field="procedure")
    events_date = changes.get("events_date", case.events_date)
    received = changes.get("received", case.received)
    if events_date is not None and events_date > received:
        raise ServiceError(
            f"The events cannot be after the complaint was received ({received:%d %B %Y}).",
            field="events_date",
        )
    case_lock(case=case, expected_version=expected_version)
    changed = sorted(name for name, value in changes.items() if getattr(case, name) != value)
    for name, value in changes.items():
        setattr(case, name, value)
    case.save()
    if {"procedure", "received"} & set(changed):
        for stage in case.stages.all():
            stage_refresh_deadlines(stage, procedure=case.procedure)
            stage.save(update_fields=["due", "working_days_taken"])
        case_refresh_summary(case=case)
    if "team" in changed:  # responding managers see their teams' cases
        access.access_changed()
        transaction.on_commit(access.access_changed)
    audit_record(
        actor=actor,
        kind="case.updated",
        case_reference=case.reference,
        obj=case,
        payload={"fields": changed},
    )
    return case


@transaction.atomic
@case_write
def case_triage(
    *,
    actor: Any,
    case: Case,
    expected_version: int | None,
    procedure: str,
    service_area: ServiceArea,
    team: Team | None,
    first_stage: str,
    started: date | None = None,
    owner: Any = None,
) -> Case:
    """Decide how an incoming case is handled: its procedure, team, first stage and owner.

    The case leaves the triage queue; its owner is `owner`, else whoever owned it, else the
    person triaging it. A procedure unusual for the service area is allowed (the page warned)
    and its warning code is kept in the audit event.
    """
    if case.status != "awaiting_triage":
        raise ServiceError("This case has already been triaged.")
    if procedure not in v.PROCEDURE:
        raise ServiceError(f"'{procedure}' is not a known procedure.", field="procedure")
    _check_team(service_area, team)
    case_lock(case=case, expected_version=expected_version)
    staff = actor if getattr(actor, "is_authenticated", False) else None
    case.procedure, case.service_area, case.team = procedure, service_area, team
    case.owner = owner or case.owner or staff
    case.triaged_at = timezone.now()
    case.save(
        update_fields=["procedure", "service_area", "team", "owner", "triaged_at", "updated_at"]
    )
    access.access_changed()  # responding managers see their teams' cases
    transaction.on_commit(access.access_changed)
    audit_record(
        actor=actor,
        kind="case.triaged",
        case_reference=case.reference,
        obj=case,
        payload={
            "procedure": procedure,
            "first_stage": first_stage,
            "owner_id": case.owner_id,
            "waited_hours": _hours_waited(case),
            "warnings": procedure_warning_codes(procedure, service_area),
        },
    )
    stage_start(actor=actor, case=case, kind=first_stage, started=started or case.received)
    return case


def _hours_waited(case: Case) -> int | None:
    if case.triage_since is None or case.triaged_at is None:
        return None
    return int((case.triaged_at - case.triage_since).total_seconds() // 3600)


@transaction.atomic
@case_write
def case_link(*, actor: Any, case: Case, other: Case) -> None:
    if case.pk == other.pk:
        raise ServiceError("A case cannot be linked to itself.", field="linked")
    case.linked.add(other)
    audit_record(
        actor=actor,
        kind="case.linked",
        case_reference=case.reference,
        obj=case,
        payload={"other": other.reference},
    )


@transaction.atomic
@case_write
def child_add(*, actor: Any, case: Case, name: str, **fields: Any) -> Child:
    child = Child.objects.create(case=case, name=name, **fields)
    child_person_new(actor=actor, child=child)
    audit_record(actor=actor, kind="case.child_added", case_reference=case.reference, obj=child)
    return child


@transaction.atomic
@case_write
def note_add(*, actor: Any, case: Case, text: str) -> Note:
    if not text.strip():
        raise ServiceError("Enter the note.", field="text")
    note = Note.objects.create(case=case, author=actor, text=text.strip())
    audit_record(actor=actor, kind="case.note_added", case_reference=case.reference, obj=note)
    return note


# --- stages -------------------------------------------------------------------------------


def _latest_stage(case: Case) -> Stage | None:
    stages = sorted(case.stages.all(), key=lambda s: STAGE_ORDER.index(s.kind))
    return stages[-1] if stages else None


def stage_check_order(*, procedure: str, previous: Stage | None, kind: str, started: date) -> None:
    """Refuse a stage the procedure does not have, or one out of order."""
    allowed = rules.allowed_stages(procedure)
    if kind not in allowed:
        raise ServiceError(
            f"The {v.PROCEDURE[procedure]} procedure has no {v.STAGE.get(kind, kind)}.",
            field="stage",
        )
    if previous is None:
        if kind not in ("informal", "stage1"):
            raise ServiceError(
                f"A case starts informally or at stage 1, not at {v.STAGE[kind]}.", field="stage"
            )
        return
    if STAGE_ORDER.index(kind) != STAGE_ORDER.index(previous.kind) + 1:
        raise ServiceError(
            f"{v.STAGE[kind]} cannot follow {v.STAGE[previous.kind]}.", field="stage"
        )
    if previous.responded is None:
        raise ServiceError(
            f"{v.STAGE[previous.kind]} has no response yet: respond to it before escalating.",
            field="stage",
        )
    if previous.outcome == "withdrawn":
        raise ServiceError(
            f"{v.STAGE[previous.kind]} was withdrawn; reopen it instead.", field="stage"
        )
    if started < previous.responded:
        raise ServiceError(
            f"{v.STAGE[kind]} cannot start before the {v.STAGE[previous.kind]} response "
            f"of {previous.responded:%d %B %Y}.",
            field="started",
        )


@transaction.atomic
@case_write
def stage_start(
    *,
    actor: Any,
    case: Case,
    kind: str,
    started: date,
    expected_version: int | None = None,
    escalation_reason: str = "",
    escalation_details: str = "",
) -> Stage:
    """Start the case's next stage (a first stage, or an escalation requested on `started`).

    An escalation may carry its reason (a code, reported; the details are personal and stay
    on the stage, out of the audit). The staff page requires one: `case_escalate`.
    """
    previous = _latest_stage(case)
    stage_check_order(procedure=case.procedure, previous=previous, kind=kind, started=started)
    if escalation_reason and escalation_reason not in v.ESCALATION_REASON:
        raise ServiceError("Choose why the complainant is escalating.", field="reason")
    case_lock(case=case, expected_version=expected_version)
    if previous is not None and previous.kind == "informal" and previous.outcome != "escalated":
        previous.outcome = "escalated"
        previous.save(update_fields=["outcome"])
    calendar, rulesets = calendar_current(), rulesets_current()
    stage = Stage(
        case=case,
        kind=kind,
        started=started,
        escalation_reason=escalation_reason if previous is not None else "",
        escalation_details=escalation_details.strip() if previous is not None else "",
    )
    stage_refresh_deadlines(stage, procedure=case.procedure, calendar=calendar, rulesets=rulesets)
    stage.save()
    if case.status == "awaiting_triage":
        case.status = "open"
    case_refresh_summary(case=case)
    warnings = rules.warnings(
        procedure=case.procedure,
        stage=kind,
        started=started,
        requested=started,
        previous_response=previous.responded if previous is not None else None,
        events_on=case.events_date,
        received=case.received,
        today=started,
        calendar=calendar,
        ruleset=rules.ruleset_for(started, rulesets),
    )
    audit_record(
        actor=actor,
        kind="stage.started" if previous is None else "stage.escalated",
        case_reference=case.reference,
        obj=stage,
        payload={
            "stage": kind,
            "started": started.isoformat(),
            "due": stage.due.isoformat() if stage.due else None,
            "warnings": [w.code for w in warnings],
            **({"reason": stage.escalation_reason} if stage.escalation_reason else {}),
        },
    )
    return stage


def stage_next_kind(case: Case) -> str | None:
    """The stage an escalation of `case` would start; None with no stage or after the last."""
    last = _latest_stage(case)
    return rules.next_stage(case.procedure, last.kind) if last is not None else None


@transaction.atomic
@case_write
def case_escalate(
    *,
    actor: Any,
    case: Case,
    started: date,
    expected_version: int | None = None,
    reason: str = "",
    details: str = "",
) -> Stage:
    """Start the procedure's next stage, requested on `started` (the pages and the API).

    `reason` (ESCALATION_REASON) is reported; the staff page always asks for it, the API may
    leave it out. "other" needs the complainant's words in `details`.
    """
    if reason and reason not in v.ESCALATION_REASON:
        raise ServiceError("Choose why the complainant is escalating.", field="reason")
    if reason == "other" and not details.strip():
        raise ServiceError("Say why the complainant is escalating.", field="details")
    kind = stage_next_kind(case)
    if kind is None:
        raise ServiceError("This case has no further stage to escalate to.")
    return stage_start(
        actor=actor,
        case=case,
        kind=kind,
        started=started,
        expected_version=expected_version,
        escalation_reason=reason,
        escalation_details=details,
    )


def _open_stage(stage: Stage) -> None:
    if stage.responded is not None:
        raise ServiceError(
            f"{v.STAGE[stage.kind]} already has its response of {stage.responded:%d %B %Y}."
        )


def _save_stage(stage: Stage, fields: list[str]) -> None:
    stage_refresh_deadlines(stage, procedure=stage.case.procedure)
    stage.save(update_fields=[*fields, "due", "working_days_taken"])
    case_refresh_summary(case=stage.case)


@transaction.atomic
@case_write
def stage_acknowledge(
    *, actor: Any, stage: Stage, on: date, expected_version: int | None = None
) -> Stage:
    if on < stage.started:
        raise ServiceError(
            "The acknowledgement cannot be before the stage started.", field="acknowledged"
        )
    case_lock(case=stage.case, expected_version=expected_version)
    stage.acknowledged = on
    _save_stage(stage, ["acknowledged"])
    audit_record(
        actor=actor,
        kind="stage.acknowledged",
        case_reference=stage.case.reference,
        obj=stage,
        payload={"stage": stage.kind, "on": on.isoformat()},
    )
    return stage


@transaction.atomic
@case_write
def stage_extend(
    *, actor: Any, stage: Stage, extended_to: date, reason: str, expected_version: int | None = None
) -> Stage:
    """Agree a later due date; refused beyond the procedure's maximum, with the reason why."""
    _open_stage(stage)
    if not reason.strip():
        raise ServiceError("Give the reason for the extension.", field="reason")
    common: dict[str, Any] = dict(
        procedure=stage.case.procedure,
        stage=stage.kind,
        started=stage.started,
        acknowledged=stage.acknowledged,
        panel_held=stage.panel_held,
        paused_from=stage.paused_from,
        paused_to=stage.paused_to,
        calendar=calendar_current(),
        ruleset=rules.ruleset_for(stage.started, rulesets_current()),
    )
    refusal = rules.extension_refusal(extended_to=extended_to, **common)
    if refusal:
        raise ServiceError(refusal, field="extended_to")
    if extended_to < stage.started:
        raise ServiceError(
            "The extended date cannot be before the stage started.", field="extended_to"
        )
    case_lock(case=stage.case, expected_version=expected_version)
    stage.extended_to, stage.extension_reason = extended_to, reason.strip()
    _save_stage(stage, ["extended_to", "extension_reason"])
    audit_record(
        actor=actor,
        kind="stage.extended",
        case_reference=stage.case.reference,
        obj=stage,
        payload={"stage": stage.kind, "extended_to": extended_to.isoformat()},
    )
    return stage


@transaction.atomic
@case_write
def stage_record_panel(
    *, actor: Any, stage: Stage, held: date, expected_version: int | None = None
) -> Stage:
    if stage.kind != "stage3":
        raise ServiceError("Only stage 3 has a review panel.", field="panel_held")
    if held < stage.started:
        raise ServiceError("The panel cannot sit before stage 3 started.", field="panel_held")
    case_lock(case=stage.case, expected_version=expected_version)
    stage.panel_held = held
    _save_stage(stage, ["panel_held"])
    audit_record(
        actor=actor,
        kind="stage.panel_held",
        case_reference=stage.case.reference,
        obj=stage,
        payload={"on": held.isoformat()},
    )
    return stage


@transaction.atomic
@case_write
def stage_respond(
    *, actor: Any, stage: Stage, on: date, outcome: str, expected_version: int | None = None
) -> Stage:
    """Record the stage's response and outcome; the case closes unless it escalates later."""
    _open_stage(stage)
    allowed = v.INFORMAL_OUTCOME if stage.kind == "informal" else v.FORMAL_OUTCOME
    if outcome not in allowed:
        raise ServiceError(
            f"Choose an outcome for {v.STAGE[stage.kind]}: {', '.join(allowed.values())}.",
            field="outcome",
        )
    if on < stage.started:
        raise ServiceError("The response cannot be before the stage started.", field="responded")
    case_lock(case=stage.case, expected_version=expected_version)
    stage.responded, stage.outcome = on, outcome
    _save_stage(stage, ["responded", "outcome"])
    audit_record(
        actor=actor,
        kind="stage.responded",
        case_reference=stage.case.reference,
        obj=stage,
        payload={
            "stage": stage.kind,
            "on": on.isoformat(),
            "outcome": outcome,
            "working_days_taken": stage.working_days_taken,
        },
    )
    return stage


@transaction.atomic
@case_write
def stage_reopen(*, actor: Any, stage: Stage, expected_version: int | None = None) -> Stage:
    """Take back a stage's response (e.g. recorded in error, or a withdrawal reversed)."""
    if stage.responded is None:
        raise ServiceError(f"{v.STAGE[stage.kind]} is already open.")
    if stage.case.stages.filter(started__gte=stage.started).exclude(pk=stage.pk).exists():
        raise ServiceError("A later stage has started; it cannot be reopened.")
    case_lock(case=stage.case, expected_version=expected_version)
    was = {"responded": stage.responded.isoformat(), "outcome": stage.outcome}
    stage.responded, stage.outcome = None, ""
    _save_stage(stage, ["responded", "outcome"])
    audit_record(
        actor=actor,
        kind="stage.reopened",
        case_reference=stage.case.reference,
        obj=stage,
        payload=was,
    )
    return stage


@transaction.atomic
@case_write
def stage_record_costs(
    *,
    actor: Any,
    stage: Stage,
    investigating_officer: Decimal | None,
    independent_person: Decimal | None,
    additional: Decimal | None,
    expected_version: int | None = None,
) -> Stage:
    for label, amount in (
        ("investigating officer", investigating_officer),
        ("independent person", independent_person),
        ("additional", additional),
    ):
        if amount is not None and amount < 0:
            raise ServiceError(f"The {label} cost cannot be negative.")
    case_lock(case=stage.case, expected_version=expected_version)
    stage.investigating_officer_cost = investigating_officer
    stage.independent_person_cost = independent_person
    stage.additional_cost = additional
    stage.save(
        update_fields=["investigating_officer_cost", "independent_person_cost", "additional_cost"]
    )
    audit_record(
        actor=actor,
        kind="stage.costs_recorded",
        case_reference=stage.case.reference,
        obj=stage,
        payload={
            k: str(a) if a is not None else None
            for k, a in (
                ("investigating_officer", investigating_officer),
                ("independent_person", independent_person),
                ("additional", additional),
            )
        },
    )
    return stage


@transaction.atomic
@case_write
def stage_appoint(
    *,
    actor: Any,
    stage: Stage,
    role: str,
    on: date,
    user: Any = None,
    name: str = "",
    expected_version: int | None = None,
) -> Appointment:
    """Appoint an investigating officer, independent person or panel member to a stage."""
    if role not in v.APPOINTMENT_ROLE:
        raise ServiceError(f"'{role}' is not a role that can be appointed.", field="role")
    if stage.kind in ("informal", "stage1"):
        raise ServiceError("People are appointed to stage 2 and stage 3 only.", field="role")
    if role == "panel_member" and stage.kind != "stage3":
        raise ServiceError("Panel members sit at stage 3.", field="role")
    if user is None and not name.strip():
        raise ServiceError("Choose a user or give the person's name.", field="name")
    case_lock(case=stage.case, expected_version=expected_version)
    appointment = Appointment.objects.create(
        stage=stage, role=role, user=user, name=name.strip(), appointed=on
    )
    audit_record(
        actor=actor,
        kind="stage.appointed",
        case_reference=stage.case.reference,
        obj=appointment,
        payload={"stage": stage.kind, "role": role, "user_id": getattr(user, "pk", None)},
    )
    return appointment
