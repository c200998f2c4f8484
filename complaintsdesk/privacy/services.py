"""Data protection writes: legal holds, the retention run, erasure, the schedule's versions.

Each is one transaction with its audit events. The retention run is a scheduled job
(config/schedule.py): it takes `today`, holds a lock, supports a dry run, and finds nothing
left to do when run again, since anonymised cases are no longer candidates.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from complaintsdesk.cases.models import Case, CasePerson
from complaintsdesk.cases.services_anonymise import (
    Anonymised,
    case_documents_expire,
    cases_anonymise,
)
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.correspondence.services import correspondence_anonymise
from complaintsdesk.people.models import Person
from complaintsdesk.people.services import people_anonymise
from complaintsdesk.privacy.models import (
    ErasureRequest,
    LegalHold,
    RetentionRun,
    RetentionScheduleVersion,
)
from complaintsdesk.privacy.retention import DEFAULT_SCHEDULE, RetentionSchedule
from complaintsdesk.privacy.selectors import (
    RetentionPlan,
    held_case_ids,
    held_person_ids,
    retention_plan,
)
from complaintsdesk.reminders.locks import JobLocked, job_lock

LOCK_NAME = "retention"


# --- legal holds ------------------------------------------------------------------------


@transaction.atomic
def legal_hold_set(
    *, actor: Any, reason: str, case: Case | None = None, person: Person | None = None
) -> LegalHold:
    """Hold a case, or everything about a person, from retention and erasure."""
    if (case is None) == (person is None):
        raise TypeError("legal_hold_set holds a case or a person")
    reason = reason.strip()
    if not reason:
        raise ServiceError(
            "Give the reason for the hold (for example, a claim or an inquiry).", field="reason"
        )
    if case is not None and case.anonymised_at is not None:
        raise ServiceError("This case was already anonymised: there is nothing left to hold.")
    if person is not None and (person.anonymised_at is not None or person.merged_into_id):
        raise ServiceError("This person's record was merged or anonymised: hold the current one.")
    hold = LegalHold.objects.create(case=case, person=person, reason=reason, set_by=actor)
    audit_record(
        actor=actor,
        kind="legal_hold.set",
        case_reference=case.reference if case else "",
        obj=hold,
        payload={"case": case.pk if case else None, "person": person.pk if person else None},
    )
    return hold


@transaction.atomic
def legal_hold_lift(*, actor: Any, hold: LegalHold, reason: str) -> LegalHold:
    hold = LegalHold.objects.select_for_update(of=("self",)).select_related("case").get(pk=hold.pk)
    if hold.lifted_at is not None:
        raise ServiceError("This hold was already lifted.")
    if not reason.strip():
        raise ServiceError("Give the reason for lifting the hold.", field="reason")
    hold.lifted_at, hold.lifted_by, hold.lift_reason = timezone.now(), actor, reason.strip()
    hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    audit_record(
        actor=actor,
        kind="legal_hold.lifted",
        case_reference=hold.case.reference if hold.case else "",
        obj=hold,
    )
    return hold


# --- the retention run --------------------------------------------------------------------


@dataclass
class RetentionReport:
    today: date
    dry_run: bool
    plan: RetentionPlan
    anonymised: list[str] = field(default_factory=list)
    documents_deleted: int = 0
    people_anonymised: int = 0
    locked_out: bool = False


def _people_now_unneeded(case_ids: list[int]) -> list[int]:
    """People on these cases with every case of theirs anonymised and no hold on them.

    Read as plain id lists and joined in Python: a join on `anonymised_at IS NULL` (true of
    nearly every case) led SQLite to scan the cases for each chunk (50 s at 20,000 cases).
    """
    people: set[int] = set()
    for chunk in _chunks(case_ids):
        people |= set(
            CasePerson.objects.filter(case_id__in=chunk).values_list("person_id", flat=True)
        )
    if not people:
        return []
    their_cases: dict[int, set[int]] = {}
    for chunk in _chunks(sorted(people)):
        for person_id, case_id in CasePerson.objects.filter(person_id__in=chunk).values_list(
            "person_id", "case_id"
        ):
            their_cases.setdefault(person_id, set()).add(case_id)
    every_case = sorted({c for cases in their_cases.values() for c in cases})
    live: set[int] = set()
    for chunk in _chunks(every_case):
        live |= set(
            Case.objects.filter(pk__in=chunk, anonymised_at__isnull=True).values_list(
                "pk", flat=True
            )
        )
    done = {p for p, cases in their_cases.items() if not cases & live}
    return sorted(done - held_person_ids())


def _anonymise(*, actor: Any, case_ids: list[int], why: str, now: datetime) -> Anonymised:
    """Anonymise the cases and their letters and emails (the correspondence app's rows)."""
    done = cases_anonymise(actor=actor, case_ids=case_ids, why=why, now=now)
    correspondence_anonymise(case_ids=case_ids)
    return done


def _chunks(ids: list[int], size: int = 2000) -> list[list[int]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def retention_run(*, today: date, dry_run: bool = False, actor: Any = None) -> RetentionReport:
    """Anonymise every case past its retention period on `today` that no hold keeps, delete
    documents past theirs, and anonymise people left with no live case."""
    if dry_run:
        return RetentionReport(today=today, dry_run=True, plan=retention_plan(today=today))
    report = RetentionReport(
        today=today, dry_run=False, plan=RetentionPlan(today, DEFAULT_SCHEDULE)
    )
    # (a locked-out run plans nothing: its report keeps that empty plan)
    stale = timedelta(minutes=int(settings.REMINDERS["LOCK_STALE_MINUTES"]))
    try:
        with job_lock(name=LOCK_NAME, stale_after=stale):
            # Planned under the lock: a run that finished meanwhile leaves nothing to do.
            plan = report.plan = retention_plan(today=today)
            now = timezone.now()
            with transaction.atomic():
                run = RetentionRun.objects.create(today=today, held=len(plan.held))
                case_ids = [pk for pk, _, _ in plan.cases]
                done = _anonymise(actor=actor, case_ids=case_ids, why="retention", now=now)
                report.anonymised = done.references
                report.documents_deleted = done.documents_deleted + case_documents_expire(
                    actor=actor, case_ids=[pk for pk, _, _ in plan.documents]
                )
                people = _people_now_unneeded(case_ids)
                report.people_anonymised = len(
                    people_anonymise(actor=actor, person_ids=people, why="retention", now=now)
                )
                run.finished_at = timezone.now()
                run.cases_anonymised = len(report.anonymised)
                run.documents_deleted = report.documents_deleted
                run.people_anonymised = report.people_anonymised
                run.save()
    except JobLocked:
        report.locked_out = True
    return report


# --- erasure ------------------------------------------------------------------------------

ERASED_WITH_THE_PERSON = ("complainant", "child")


def erasure_cases(person: Person) -> list[Case]:
    """The cases erasing `person` anonymises: those they complained on or are the child of.
    On cases where they were an advocate or representative only their record goes."""
    return list(
        Case.objects.filter(
            person_links__person=person, person_links__role__in=ERASED_WITH_THE_PERSON
        )
        .distinct()
        .order_by("reference")
    )


@transaction.atomic
def person_erase(
    *, actor: Any, person: Person, received: date, reason: str, confirmed: bool
) -> ErasureRequest:
    """Carry out an erasure request at once: the same anonymisation retention does, on the
    person and the cases they complained on or are the child of. A manager must confirm;
    a legal hold or a case still open refuses it, changing nothing."""
    if not confirmed:
        raise ServiceError(
            "Confirm that the request has been checked and should be carried out.", field="confirm"
        )
    if not reason.strip():
        raise ServiceError("Give the grounds for erasure.", field="reason")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.merged_into_id is not None:
        raise ServiceError("This record was merged into another: erase that one.")
    if person.anonymised_at is not None:
        raise ServiceError("This person's record was already anonymised.")
    if person.pk in held_person_ids():
        raise ServiceError("A legal hold on this person stops erasure until it is lifted.")
    cases = erasure_cases(person)
    held = held_case_ids()
    blocked = [c.reference for c in cases if c.pk in held]
    if blocked:
        raise ServiceError(f"A legal hold stops erasure: {', '.join(blocked)}.")
    still_open = [c.reference for c in cases if c.status != "closed"]
    if still_open:
        raise ServiceError(f"Close these cases before erasing their data: {', '.join(still_open)}.")
    now = timezone.now()
    done = _anonymise(actor=actor, case_ids=[c.pk for c in cases], why="erasure", now=now)
    # Everyone else on those cases who is now on no live case goes too.
    others = _people_now_unneeded([c.pk for c in cases])
    people_anonymise(actor=actor, person_ids=sorted({person.pk, *others}), why="erasure", now=now)
    request = ErasureRequest.objects.create(
        person=person,
        received=received,
        reason=reason.strip(),
        confirmed_by=actor,
        cases_anonymised=done.references,
    )
    audit_record(
        actor=actor,
        kind="person.erased",
        obj=person,
        payload={"request": request.pk, "cases": done.references},
    )
    return request


# --- the schedule -------------------------------------------------------------------------


@transaction.atomic
def retention_schedule_add(
    *, actor: Any, effective_from: date, months: dict[tuple[str, str], int], note: str, today: date
) -> RetentionScheduleVersion:
    """Store a new version of the retention schedule, in force from `effective_from`."""
    if effective_from < today:
        raise ServiceError(
            "A new schedule takes effect today or later: past runs followed the one in force.",
            field="effective_from",
        )
    if RetentionScheduleVersion.objects.filter(effective_from=effective_from).exists():
        raise ServiceError("A version already takes effect on that date.", field="effective_from")
    try:
        schedule = RetentionSchedule(effective_from=effective_from, months=months, note=note)
    except ValueError as error:
        raise ServiceError(str(error)) from error
    data = schedule.to_dict()
    version = RetentionScheduleVersion.objects.create(
        effective_from=effective_from, schedule=data, note=note, created_by=actor
    )
    audit_record(
        actor=actor,
        kind="retention.schedule_added",
        obj=version,
        payload={"effective_from": effective_from.isoformat(), "months": data["months"]},
    )
    return version
