"""Reads for data protection: the schedule in force, what is held, what retention would do."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import F, Max, Q, QuerySet
from django.db.models.functions import Coalesce

from complaintsdesk.cases.access import cases_visible_to
from complaintsdesk.cases.models import Case, CasePerson, DataBreach, Document, LgscoCase
from complaintsdesk.deadlines.calendar import breach_report_deadline
from complaintsdesk.people.access import people_visible_to
from complaintsdesk.people.models import Person
from complaintsdesk.privacy import retention
from complaintsdesk.privacy.access import can_handle_sar, can_view_privacy
from complaintsdesk.privacy.models import LegalHold, RetentionScheduleVersion, SubjectAccessRequest
from complaintsdesk.privacy.retention import RetentionSchedule


def schedules_stored() -> tuple[RetentionSchedule, ...]:
    """The shipped default and every version the council stored (theirs win on a date)."""
    stored = tuple(v.as_schedule() for v in RetentionScheduleVersion.objects.all())
    return (retention.DEFAULT_SCHEDULE, *stored)


def schedule_in_force(today: date) -> RetentionSchedule:
    return retention.schedule_for(today, schedules_stored())


def holds_active() -> QuerySet[LegalHold]:
    return LegalHold.objects.filter(lifted_at__isnull=True)


def held_person_ids() -> set[int]:
    """People under a hold, and the records they were merged into (the hold follows)."""
    held = set(holds_active().filter(person__isnull=False).values_list("person_id", flat=True))
    targets = Person.objects.filter(pk__in=held, merged_into__isnull=False).values_list(
        "merged_into_id", flat=True
    )
    return held | set(targets)


def held_case_ids() -> set[int]:
    """Cases under a hold of their own or on any person on them."""
    cases = set(holds_active().filter(case__isnull=False).values_list("case_id", flat=True))
    people = held_person_ids()
    if people:
        cases |= set(
            CasePerson.objects.filter(person_id__in=people).values_list("case_id", flat=True)
        )
    return cases


def case_is_held(case: Case) -> bool:
    return case.pk in held_case_ids()


@dataclass
class RetentionPlan:
    today: date
    schedule: RetentionSchedule
    # (case id, reference, the day the case closed)
    cases: list[tuple[int, str, date]] = field(default_factory=list)
    documents: list[tuple[int, str, date]] = field(default_factory=list)
    held: list[str] = field(default_factory=list)


def _closed_cases(bound: date, *, anonymised: bool | None) -> list[tuple[int, str, str, date]]:
    """Closed cases that closed on or before `bound`: id, reference, procedure, the day they
    closed (their last response; the day received for a case closed before any stage)."""
    closed = Case.objects.filter(status="closed")
    if anonymised is False:
        closed = closed.filter(anonymised_at__isnull=True)
    rows = (
        closed.annotate(closed_on=Coalesce(Max("stages__responded"), F("received")))
        .filter(closed_on__lte=bound)
        .values_list("pk", "reference", "procedure", "closed_on")
    )
    return list(rows)


def _ombudsman_last(case_ids: list[int]) -> dict[int, date | None]:
    """The last Ombudsman date of each case that has one; None while one is undecided."""
    last: dict[int, date | None] = {}
    for start in range(0, len(case_ids), 2000):
        chunk = case_ids[start : start + 2000]
        for case_id, decided, complied in LgscoCase.objects.filter(case_id__in=chunk).values_list(
            "case_id", "decided", "complied"
        ):
            if decided is None or case_id in last and last[case_id] is None:
                last[case_id] = None
                continue
            latest = max(d for d in (decided, complied) if d is not None)
            previous = last.get(case_id)
            last[case_id] = latest if previous is None else max(previous, latest)
    return last


def _expired(
    today: date, schedule: RetentionSchedule, record_type: str, *, rows_only_unanonymised: bool
) -> list[tuple[int, str, date]]:
    loosest = min(schedule.period(p, record_type) for p in (*schedule_procedures(schedule), ""))
    rows = _closed_cases(
        retention.closed_by_bound(today, loosest),
        anonymised=False if rows_only_unanonymised else None,
    )
    ombudsman = _ombudsman_last([pk for pk, _, _, _ in rows])
    expired = []
    for pk, reference, procedure, closed_on in rows:
        if pk in ombudsman:
            last = ombudsman[pk]
            if last is None:
                continue  # an Ombudsman enquiry still open: the case is still live
            closed_on = max(closed_on, last)
        if retention.is_expired(closed_on, schedule.period(procedure, record_type), today):
            expired.append((pk, reference, closed_on))
    return expired


def schedule_procedures(schedule: RetentionSchedule) -> list[str]:
    return sorted({p for p, _ in schedule.months})


def retention_plan(*, today: date) -> RetentionPlan:
    """What a retention run on `today` would do: cases to anonymise, cases whose documents
    go (sooner than the case), and the references a legal hold keeps."""
    schedule = schedule_in_force(today)
    plan = RetentionPlan(today=today, schedule=schedule)
    held = held_case_ids()
    for pk, reference, closed_on in _expired(
        today, schedule, retention.CASE, rows_only_unanonymised=True
    ):
        if pk in held:
            plan.held.append(reference)
        else:
            plan.cases.append((pk, reference, closed_on))
    going = {pk for pk, _, _ in plan.cases}
    with_documents = set(Document.objects.values_list("case_id", flat=True).distinct())
    for pk, reference, closed_on in _expired(
        today, schedule, retention.DOCUMENTS, rows_only_unanonymised=True
    ):
        if pk in with_documents and pk not in going and pk not in held:
            plan.documents.append((pk, reference, closed_on))
    return plan


def holds_visible_to(user: Any) -> QuerySet[LegalHold]:
    """Holds on cases the user sees, or on people they see."""
    return LegalHold.objects.filter(
        Q(case__in=cases_visible_to(user)) | Q(person__in=people_visible_to(user))
    )


def holds_active_visible_to(user: Any) -> QuerySet[LegalHold]:
    """The holds in force that the pages list: a hold names its case or person, so it is
    shown only to those who see them (`holds_active` is for the retention job)."""
    return holds_visible_to(user).filter(lifted_at__isnull=True)


# --- subject access requests and breaches ---------------------------------------------------


def sars_visible_to(user: Any) -> QuerySet[SubjectAccessRequest]:
    """Requests about people the user may see (a person only on a restricted case is hidden)."""
    if not can_handle_sar(user):
        return SubjectAccessRequest.objects.none()
    return SubjectAccessRequest.objects.filter(
        person__in=Person.objects.filter(
            Q(pk__in=people_visible_to(user)) | Q(merged_into__in=people_visible_to(user))
        )
    )


def breaches_visible_to(user: Any) -> QuerySet[DataBreach]:
    """Breaches on cases the user sees, and those on no case (complaints team only)."""
    if not can_view_privacy(user):
        return DataBreach.objects.none()
    return DataBreach.objects.filter(Q(case__isnull=True) | Q(case__in=cases_visible_to(user)))


@dataclass(frozen=True)
class PrivacyWork:
    sars: list[SubjectAccessRequest]  # open, soonest due first
    breaches: list[tuple[DataBreach, datetime]]  # undecided, with the 72-hour deadline


def privacy_work(*, user: Any, limit: int = 20) -> PrivacyWork | None:
    """My work's data protection rows: two queries, whatever the number of rows."""
    if not can_view_privacy(user):
        return None
    sars = list(
        sars_visible_to(user)
        .filter(status="open")
        .select_related("person")
        .order_by("due", "id")[:limit]
    )
    breaches = [
        (b, breach_report_deadline(b.aware_at))
        for b in breaches_visible_to(user)
        .filter(decision="", aware_at__isnull=False)
        .select_related("case")
        .order_by("aware_at", "id")[:limit]
        if b.aware_at is not None
    ]
    return PrivacyWork(sars=sars, breaches=breaches)
