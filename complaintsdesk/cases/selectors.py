"""Reads for the staff pages. Every case query starts from `access.cases_visible_to`.

List pages read the maintained Case.status/current_stage/current_due columns with
select_related, so their query count does not grow with the data.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone

from complaintsdesk.cases.access import cases_visible_to, lgsco_cases_visible_to
from complaintsdesk.cases.checks import PROCEDURE_AREA, procedure_warning
from complaintsdesk.cases.models import (
    Appointment,
    Case,
    Child,
    Document,
    LgscoCase,
    LgscoRecommendation,
    Note,
    Stage,
)
from complaintsdesk.cases.search import search_filter
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.deadlines.calendar import WorkingCalendar
from complaintsdesk.deadlines.selectors import (
    calendar_and_names,
    calendar_current,
    rulesets_current,
)
from complaintsdesk.workflow import explain, rules

LIST_SORTS = {
    "received": ("received", "id"),
    "-received": ("-received", "-id"),
    "reference": ("reference",),
    "-reference": ("-reference",),
    "due": ("current_due", "id"),
    "-due": ("-current_due", "-id"),
    "status": ("status", "current_due", "id"),
    "stage": ("current_stage", "current_due", "id"),
}
SOON_WORKING_DAYS = 5
MY_WORK_LIMIT = 50


def working_days_left(calendar: WorkingCalendar, today: date, due: date | None) -> int | None:
    """Working days from today to `due`; negative once overdue (days past it)."""
    if due is None:
        return None
    if due >= today:
        return calendar.day_number(today, due)
    return -max(1, calendar.day_number(due, today))


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- the case list ------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFilters:
    q: str = ""
    directorate: int | None = None
    service_area: int | None = None
    team: int | None = None
    procedure: str = ""
    stage: str = ""
    status: str = ""
    due: str = ""  # "overdue", "soon" (within 5 working days) or "none"
    theme: str = ""
    owner: int | None = None  # a user id; NOBODY: cases with no owner
    responding_manager: int | None = None


NOBODY = 0  # the owner filter's "no owner yet"
ACTIVE = "active"  # the status filter's "open or awaiting triage": what the caseload counts
ACTIVE_STATUSES = ("open", "awaiting_triage")


def case_list(*, user: Any, filters: CaseFilters, sort: str, today: date) -> QuerySet[Case]:
    cases = cases_visible_to(user).select_related(
        "service_area__directorate", "team", "owner", "responding_manager"
    )
    for name in ("owner", "responding_manager"):
        value = getattr(filters, name)
        if value == NOBODY:
            cases = cases.filter(**{f"{name}__isnull": True})
        elif value is not None:
            cases = cases.filter(**{f"{name}_id": value})
    if filters.q:
        # The one search (search.py): the list, its count and the CSV export all use it.
        matched = search_filter(filters.q)
        cases = cases.filter(matched) if matched is not None else cases.none()
    if filters.directorate:
        cases = cases.filter(service_area__directorate_id=filters.directorate)
    if filters.service_area:
        cases = cases.filter(service_area_id=filters.service_area)
    if filters.team:
        cases = cases.filter(team_id=filters.team)
    if filters.status == ACTIVE:
        cases = cases.filter(status__in=ACTIVE_STATUSES)
    elif filters.status:
        cases = cases.filter(status=filters.status)
    for name in ("procedure", "theme"):
        value = getattr(filters, name)
        if value:
            cases = cases.filter(**{name: value})
    if filters.stage:
        cases = cases.filter(current_stage=filters.stage)
    if filters.due == "overdue":
        cases = cases.filter(status="open", current_due__lt=today)
    elif filters.due == "soon":
        horizon = calendar_current().add_working_days(today, SOON_WORKING_DAYS)
        cases = cases.filter(status="open", current_due__gte=today, current_due__lte=horizon)
    elif filters.due == "none":
        cases = cases.filter(current_due__isnull=True)
    return cases.order_by(*LIST_SORTS.get(sort, LIST_SORTS["-received"]))


# --- My work ------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkRow:
    case: Case
    what: str
    due: date
    days_left: int


@dataclass(frozen=True)
class TriageRow:
    case: Case
    waited: str  # "3 hours", "2 days": how long it has been in the queue

    @property
    def logged_by(self) -> str:
        user = self.case.logged_by
        if user is not None:
            return str(user.get_full_name() or user.get_username())
        return "The complainant" if self.case.received_via == "web_form" else "The system"


def waited_label(since: datetime | None, now: datetime) -> str:
    """How long a case has waited, in the largest whole unit a person would say."""
    if since is None:
        return "–"
    minutes = max(0, int((now - since).total_seconds() // 60))
    for size, unit in ((1440, "day"), (60, "hour"), (1, "minute")):
        if minutes >= size or unit == "minute":
            count = minutes // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return "–"  # unreachable: the loop always returns


@dataclass
class MyWork:
    triage: list[TriageRow] | None = None  # None: not this user's business
    acknowledgements: list[WorkRow] = field(default_factory=list)
    due_soon: list[WorkRow] = field(default_factory=list)
    overdue: list[WorkRow] = field(default_factory=list)
    lgsco: list[tuple[LgscoCase, int]] | None = None  # None: not this user's business
    # Ombudsman recommendations not yet complied with, due within the horizon or overdue.
    recommendations: list[tuple[LgscoRecommendation, int]] | None = None
    counts: dict[str, int] = field(default_factory=dict)


def my_work(*, user: Any, today: date, include_lgsco: bool, include_triage: bool = False) -> MyWork:
    """The lists of the home page (the triage queue first), each capped; counts give totals."""
    calendar = calendar_current()
    rulesets = rulesets_current()
    visible = cases_visible_to(user)
    work = MyWork()

    if include_triage:
        # Every route (web form, mailbox, API, a reopened case) lands here: oldest first.
        waiting = visible.filter(status="awaiting_triage")
        now = timezone.now()
        work.triage = [
            TriageRow(case, waited_label(case.triage_since or _midnight(case.received), now))
            for case in waiting.select_related("service_area", "logged_by").order_by(
                F("triage_since").asc(nulls_first=True), "received", "id"
            )[:MY_WORK_LIMIT]
        ]
        work.counts["triage"] = waiting.count()

    # Whoever sees every case gets no "case in (every case)" subquery: with it the database
    # walks all the cases instead of the index of unanswered stages (50 ms at 100,000).
    stages = (
        Stage.objects.filter(case__in=visible) if visible.query.has_filters() else Stage.objects
    )
    unacknowledged = (
        stages.filter(acknowledged__isnull=True, responded__isnull=True)
        .exclude(kind="informal")
        .select_related("case__service_area", "case__team", "case__owner")
        .order_by("started", "id")[: MY_WORK_LIMIT * 2]
    )
    for stage in unacknowledged:
        due = rules.acknowledgement_due(
            procedure=stage.case.procedure,
            stage=stage.kind,
            started=stage.started,
            calendar=calendar,
            ruleset=rules.ruleset_for(stage.started, rulesets),
        )
        if due is not None and len(work.acknowledgements) < MY_WORK_LIMIT:
            work.acknowledgements.append(
                WorkRow(
                    stage.case,
                    f"Acknowledge {stage.get_kind_display()}",
                    due,
                    working_days_left(calendar, today, due) or 0,
                )
            )
    work.acknowledgements.sort(key=lambda r: r.due)

    horizon = calendar.add_working_days(today, SOON_WORKING_DAYS)
    open_cases = visible.filter(status="open").select_related("service_area", "team", "owner")
    soon = open_cases.filter(current_due__gte=today, current_due__lte=horizon).order_by(
        "current_due", "id"
    )
    late = open_cases.filter(current_due__lt=today).order_by("current_due", "id")
    for target, rows in ((work.due_soon, soon), (work.overdue, late)):
        for case in rows[:MY_WORK_LIMIT]:
            assert case.current_due is not None
            target.append(
                WorkRow(
                    case,
                    f"Respond to {case.get_current_stage_display()}",
                    case.current_due,
                    working_days_left(calendar, today, case.current_due) or 0,
                )
            )
    work.counts.update(due_soon=soon.count(), overdue=late.count())

    if include_lgsco:
        work.lgsco = []
        # Not those linked to a case this user may not see: the row would name the case.
        outstanding = lgsco_cases_visible_to(user).filter(
            compliance_due__isnull=False, complied__isnull=True
        )
        for lgsco in outstanding.select_related("case").order_by("compliance_due")[:MY_WORK_LIMIT]:
            assert lgsco.compliance_due is not None
            work.lgsco.append(
                (lgsco, working_days_left(calendar, today, lgsco.compliance_due) or 0)
            )
        due_now = LgscoRecommendation.objects.filter(
            lgsco_case__in=lgsco_cases_visible_to(user), complied__isnull=True, due__lte=horizon
        )
        work.recommendations = [
            (r, working_days_left(calendar, today, r.due) or 0)
            for r in due_now.select_related("lgsco_case").order_by("due", "id")[:MY_WORK_LIMIT]
        ]
    return work


# --- the case page ------------------------------------------------------------------------


@dataclass(frozen=True)
class StageView:
    stage: Stage
    acknowledgement_due: date | None
    days_left: int | None
    extension_maximum: date | None
    # "Why this date": the rule and the days counted, for the due date and the
    # acknowledgement target (workflow.explain).
    why_due: str = ""
    why_acknowledgement: str = ""


@dataclass
class CaseDetail:
    case: Case
    stages: list[StageView]
    children: list[Child]
    notes: list[Note]
    documents: list[Document]
    linked: list[Case]
    lgsco_cases: list[LgscoCase]
    learnings: list[Any]
    open_stage: Stage | None
    last_stage: Stage | None
    next_stage: str | None
    # The rules' warnings on the current (latest) stage: late escalation, complaint made more
    # than 12 months after the events, acknowledgement overdue, and the like.
    warnings: list[rules.RuleWarning] = field(default_factory=list)


def case_detail(*, user: Any, case: Case, today: date) -> CaseDetail:
    # One read of the closure days serves the working-day counts and "Why this date".
    calendar, names = calendar_and_names()
    rulesets = rulesets_current()
    stages = list(
        case.stages.prefetch_related(
            Prefetch("appointments", queryset=Appointment.objects.select_related("user"))
        )
    )
    order = ("informal", "stage1", "stage2", "stage3")
    stages.sort(key=lambda s: order.index(s.kind))
    views = []
    for stage in stages:
        stage.case = case
        ruleset = rules.ruleset_for(stage.started, rulesets)
        common: dict[str, Any] = dict(
            procedure=case.procedure,
            stage=stage.kind,
            started=stage.started,
            calendar=calendar,
            ruleset=ruleset,
        )
        ack_due = rules.acknowledgement_due(**common) if stage.acknowledged is None else None
        pause: dict[str, Any] = dict(paused_from=stage.paused_from, paused_to=stage.paused_to)
        maximum = None
        if ruleset.rule(case.procedure, stage.kind).extendable:
            maximum = rules.extension_maximum(
                acknowledged=stage.acknowledged, panel_held=stage.panel_held, **common, **pause
            )
        left = working_days_left(calendar, today, stage.due) if stage.responded is None else None
        why_due = (
            explain.due_explanation(
                due=stage.due,
                acknowledged=stage.acknowledged,
                panel_held=stage.panel_held,
                extended_to=stage.extended_to,
                names=names,
                **common,
                **pause,
            )
            if stage.due
            else ""
        )
        why_ack = (
            explain.acknowledgement_explanation(due=ack_due, names=names, **common)
            if ack_due
            else ""
        )
        views.append(StageView(stage, ack_due, left, maximum, why_due, why_ack))
    last = stages[-1] if stages else None
    found: list[rules.RuleWarning] = []
    mismatch = procedure_warning(case.procedure, case.service_area)
    if mismatch:
        found.append(rules.RuleWarning(PROCEDURE_AREA, mismatch))
    if last is not None:
        previous = stages[-2] if len(stages) > 1 else None
        found += rules.warnings(
            procedure=case.procedure,
            stage=last.kind,
            started=last.started,
            today=today,
            calendar=calendar,
            ruleset=rules.ruleset_for(last.started, rulesets),
            acknowledged=last.acknowledged,
            panel_held=last.panel_held,
            extended_to=last.extended_to,
            responded=last.responded,
            previous_response=previous.responded if previous is not None else None,
            events_on=case.events_date,
            received=case.received,
        )
    next_kind = None
    if last is not None and last.responded is not None and last.outcome != "withdrawn":
        next_kind = rules.next_stage(case.procedure, last.kind)
    # Linked cases are shown only if this user may see them too.
    linked = list(
        cases_visible_to(user).filter(pk__in=case.linked.values("pk")).order_by("reference")
    )
    return CaseDetail(
        case=case,
        stages=views,
        children=list(case.children.all()),
        notes=list(case.notes.select_related("author")),
        documents=list(case.documents.select_related("uploaded_by").order_by("-at")),
        linked=linked,
        lgsco_cases=list(case.lgsco_cases.all()),
        learnings=list(case.learnings.select_related("team")),
        open_stage=last if last is not None and last.responded is None else None,
        last_stage=last,
        next_stage=next_kind,
        warnings=found,
    )


def case_audit_events(*, case: Case) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(case_reference=case.reference)
        .select_related("actor")
        .order_by("at", "id")
    )
