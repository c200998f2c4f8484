"""Which reminders are due on `today`: a handful of queries, the deadline engine for the dates."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Max

from complaintsdesk.cases.models import Case, LgscoCase, Stage
from complaintsdesk.core import vocabulary as v
from complaintsdesk.deadlines.calendar import WorkingCalendar
from complaintsdesk.deadlines.selectors import calendar_current, rulesets_current
from complaintsdesk.reminders.models import ReminderRun
from complaintsdesk.workflow import rules
from complaintsdesk.workflow.rules import format_date


@dataclass(frozen=True)
class DueReminder:
    kind: str
    object_id: str
    for_date: date  # the deadline it is about, or the day the case closed
    to: list[str]
    subject: str
    lines: list[str] = field(default_factory=list)
    case: Case | None = None


def case_recipients(case: Case | None) -> list[str]:
    """The case's owner, else its team's members, else the complaints team's address. On a
    restricted case only people named on it count: a reminder names the case, and nobody
    else may know it exists (the complaints team's address reaches the manager)."""
    if case is not None:
        named = {u.pk for u in case.restricted_to.all()} if case.restricted else None

        def may_hear(user: Any) -> bool:
            return user.is_active and bool(user.email) and (named is None or user.pk in named)

        if case.owner is not None and may_hear(case.owner):
            return [case.owner.email]
        if case.team is not None:
            members = sorted(u.email for u in case.team.members.all() if may_hear(u))
            if members:
                return members
    return [settings.COMPLAINTS_TEAM_EMAIL]


def _stage_label(stage: Stage) -> str:
    return f"{stage.case.reference} {v.STAGE[stage.kind]}"


def _open_stages() -> list[Stage]:
    return list(
        Stage.objects.filter(responded__isnull=True, case__status="open")
        .select_related("case__owner", "case__team", "case__service_area")
        .prefetch_related("case__team__members", "case__restricted_to")
        .order_by("case__reference", "kind")
    )


def _acknowledgements(
    today: date, calendar: WorkingCalendar, stages: list[Stage]
) -> list[DueReminder]:
    horizon = calendar.add_working_days(today, 1)  # due today or by the next working day
    out: list[DueReminder] = []
    rulesets = rulesets_current()
    for stage in stages:
        if stage.acknowledged is not None:
            continue
        due = rules.acknowledgement_due(
            procedure=stage.case.procedure,
            stage=stage.kind,
            started=stage.started,
            calendar=calendar,
            ruleset=rules.ruleset_for(stage.started, rulesets),
        )
        if due is not None and due <= horizon:
            out.append(
                DueReminder(
                    kind="acknowledgement_due",
                    object_id=f"stage:{stage.pk}",
                    for_date=due,
                    to=case_recipients(stage.case),
                    case=stage.case,
                    subject=f"Acknowledgement due: {_stage_label(stage)}",
                    lines=[
                        f"{_stage_label(stage)} started on {format_date(stage.started)} "
                        "and has not been acknowledged. "
                        f"The acknowledgement is due by {format_date(due)}."
                    ],
                )
            )
    # A case from the public form awaits triage with no stage, but its clock runs from receipt.
    for case in (
        Case.objects.filter(status="awaiting_triage")
        .select_related("owner", "team")
        .prefetch_related("team__members", "restricted_to")
        .order_by("reference")
    ):
        due = rules.acknowledgement_due(
            procedure=case.procedure,
            stage=rules.STAGE1,
            started=case.received,
            calendar=calendar,
            ruleset=rules.ruleset_for(case.received, rulesets),
        )
        if due is not None and due <= horizon:
            out.append(
                DueReminder(
                    kind="acknowledgement_due",
                    object_id=f"case:{case.pk}",
                    for_date=due,
                    to=case_recipients(case),
                    case=case,
                    subject=f"Acknowledgement due: {case.reference} (awaiting triage)",
                    lines=[
                        f"{case.reference} was received on {format_date(case.received)} "
                        "and awaits triage. "
                        f"The acknowledgement is due by {format_date(due)}."
                    ],
                )
            )
    return out


def _responses(today: date, calendar: WorkingCalendar, stages: list[Stage]) -> list[DueReminder]:
    within = int(settings.REMINDERS["RESPONSE_DUE_WITHIN_WORKING_DAYS"])
    horizon = calendar.add_working_days(today, within)
    out: list[DueReminder] = []
    for stage in stages:
        if stage.due is None:
            continue
        if stage.due < today:
            out.append(
                DueReminder(
                    kind="stage_overdue",
                    object_id=f"stage:{stage.pk}",
                    for_date=stage.due,
                    to=case_recipients(stage.case),
                    case=stage.case,
                    subject=f"Overdue: {_stage_label(stage)}",
                    lines=[
                        f"The response to {_stage_label(stage)} was due on "
                        f"{format_date(stage.due)} and has not been recorded. "
                        "Respond, or agree an extension with the complainant."
                    ],
                )
            )
        elif stage.due <= horizon:
            out.append(
                DueReminder(
                    kind="response_due_soon",
                    object_id=f"stage:{stage.pk}",
                    for_date=stage.due,
                    to=case_recipients(stage.case),
                    case=stage.case,
                    subject=f"Response due {format_date(stage.due)}: {_stage_label(stage)}",
                    lines=[
                        f"The response to {_stage_label(stage)} is due on {format_date(stage.due)}."
                    ],
                )
            )
    return out


def _lgsco(today: date, calendar: WorkingCalendar) -> list[DueReminder]:
    within = int(settings.REMINDERS["LGSCO_COMPLIANCE_WITHIN_WORKING_DAYS"])
    horizon = calendar.add_working_days(today, within)
    out: list[DueReminder] = []
    query = (
        LgscoCase.objects.filter(
            compliance_due__isnull=False, complied__isnull=True, compliance_due__lte=horizon
        )
        .select_related("case__owner", "case__team")
        .prefetch_related("case__team__members", "case__restricted_to")
        .order_by("compliance_due", "lgsco_reference")
    )
    for lgsco in query:
        assert lgsco.compliance_due is not None
        when = "was due" if lgsco.compliance_due < today else "is due"
        council_case = f" (council case {lgsco.case.reference})" if lgsco.case else ""
        out.append(
            DueReminder(
                kind="lgsco_compliance_due",
                object_id=f"lgsco:{lgsco.pk}",
                for_date=lgsco.compliance_due,
                to=case_recipients(lgsco.case),
                case=lgsco.case,
                subject=f"Ombudsman compliance due: {lgsco.lgsco_reference}",
                lines=[
                    "Evidence of compliance with the Ombudsman's recommendations on "
                    f"{lgsco.lgsco_reference}"
                    f"{council_case} {when} on {format_date(lgsco.compliance_due)}."
                ],
            )
        )
    return out


def feedback_since(today: date) -> date:
    """Cases closed on or after this day are invited: the last run's day, or a short look back."""
    last = (
        ReminderRun.objects.filter(finished_at__isnull=False, for_date__lte=today)
        .order_by("-for_date")
        .first()
    )
    if last is not None:
        return last.for_date
    return today - timedelta(days=int(settings.REMINDERS["FEEDBACK_FIRST_RUN_DAYS"]))


def _feedback(today: date) -> list[DueReminder]:
    closed = (
        Case.objects.filter(status="closed")
        .exclude(complainant_email="")
        .annotate(closed_on=Max("stages__responded"))
        .filter(closed_on__gte=feedback_since(today), closed_on__lte=today)
        .select_related("service_area__directorate")
        .order_by("reference")
    )
    return [
        DueReminder(
            kind="feedback_invite",
            object_id=f"case:{case.pk}",
            for_date=case.closed_on,
            to=[case.complainant_email],
            case=case,
            subject=f"Feedback survey: {case.reference}",
        )
        for case in closed
    ]


def reminders_due(*, today: date) -> list[DueReminder]:
    calendar = calendar_current()
    stages = _open_stages()
    return [
        *_acknowledgements(today, calendar, stages),
        *_responses(today, calendar, stages),
        *_lgsco(today, calendar),
        *_feedback(today),
    ]
