"""The people on a case: who a new case's complainant and children are, other parts people
play on it (advocate, representative), and moving a case's people when records are merged.

A case keeps the details as given on it; `people.Person` is the record across cases.
"""

from typing import Any

from django.db import transaction

from complaintsdesk.cases.models import Case, CasePerson, Child
from complaintsdesk.cases.writable import case_write
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.people.models import Person

COMPLAINANT_FIELDS = {
    "complainant_name": "name",
    "complainant_email": "email",
    "complainant_phone": "phone",
    "complainant_address": "address",
}


def case_people_link_new(
    *, actor: Any, case: Case, children: list[Child], complainant_person: Person | None
) -> None:
    """Point a new case at its people: the complainant chosen (a possible duplicate the
    person logging it picked) or a new record from the case's details; a record per child.

    Never matched automatically: joining two people by mistake would disclose one's case to
    the other, so a match is a person's decision (here, or a manager's merge later).
    """
    creator = actor if getattr(actor, "is_authenticated", False) else None
    person = complainant_person
    if person is None:
        details = {to: getattr(case, field) for field, to in COMPLAINANT_FIELDS.items()}
        if any(details.values()):
            person = Person.objects.create(created_by=creator, **details)
    elif person.merged_into_id is not None or person.anonymised_at is not None:
        raise ServiceError(
            "That person's record was merged or anonymised: choose another.", field="person"
        )
    if person is not None:
        CasePerson.objects.create(case=case, person=person, role="complainant")
    for child in children:
        child_person_new(actor=actor, child=child)


def child_person_new(*, actor: Any, child: Child) -> Person:
    """A new person record for a child just added to a case, and the link to it."""
    creator = actor if getattr(actor, "is_authenticated", False) else None
    child.person = Person.objects.create(
        name=child.name, date_of_birth=child.date_of_birth, created_by=creator
    )
    child.save(update_fields=["person"])
    CasePerson.objects.create(case_id=child.case_id, person=child.person, role="child")
    return child.person


@transaction.atomic
@case_write
def case_person_link(*, actor: Any, case: Case, person: Person, role: str) -> CasePerson:
    """Record that `person` plays `role` on `case` (an advocate, a representative...)."""
    if role not in CasePerson.ROLES:
        raise ServiceError(f"'{role}' is not a part a person plays on a case.", field="role")
    if person.merged_into_id is not None or person.anonymised_at is not None:
        raise ServiceError("That person's record was merged or anonymised.", field="person")
    link, created = CasePerson.objects.get_or_create(case=case, person=person, role=role)
    if not created:
        raise ServiceError("That person already has that part on this case.", field="person")
    audit_record(
        actor=actor,
        kind="case.person_linked",
        case_reference=case.reference,
        obj=link,
        payload={"person": person.pk, "role": role},
    )
    return link


def case_people_move(*, source: Person, target: Person) -> list[str]:
    """Every case `source` is on now points at `target` instead (a merge); the references
    moved. Call inside the merge's transaction, which audits it."""
    references = sorted(
        set(CasePerson.objects.filter(person=source).values_list("case__reference", flat=True))
    )
    for link in CasePerson.objects.filter(person=source):
        # The target may already play this part on the case: one row is enough.
        if CasePerson.objects.filter(case_id=link.case_id, person=target, role=link.role).exists():
            link.delete()
        else:
            link.person = target
            link.save(update_fields=["person"])
    Child.objects.filter(person=source).update(person=target)
    return references


def case_people_backfill() -> int:
    """Person records for cases written in bulk without `case_create` (the demo's history):
    a record per distinct complainant and per child, as cases/0009 made for existing data.
    Returns the records made. Idempotent: cases already pointing to people are left alone."""
    made = 0
    pending: dict[tuple[str, ...], list[int]] = {}
    without = Case.objects.exclude(person_links__role="complainant").values_list(
        "pk", *COMPLAINANT_FIELDS
    )
    for pk, *details in without.iterator(chunk_size=2000):
        if any(details):
            pending.setdefault(tuple(details), []).append(pk)
    people = [Person(**dict(zip(COMPLAINANT_FIELDS.values(), d, strict=True))) for d in pending]
    for person in people:
        person.keys_refresh()
    Person.objects.bulk_create(people, batch_size=2000)
    CasePerson.objects.bulk_create(
        (
            CasePerson(case_id=pk, person=person, role="complainant")
            for person, pks in zip(people, pending.values(), strict=True)
            for pk in pks
        ),
        batch_size=2000,
    )
    made += len(people)
    children = list(Child.objects.filter(person__isnull=True))
    child_people = [Person(name=c.name, date_of_birth=c.date_of_birth) for c in children]
    for person in child_people:
        person.keys_refresh()
    Person.objects.bulk_create(child_people, batch_size=2000)
    for child, person in zip(children, child_people, strict=True):
        child.person = person
    Child.objects.bulk_update(children, ["person"], batch_size=2000)
    CasePerson.objects.bulk_create(
        (CasePerson(case_id=c.case_id, person=c.person, role="child") for c in children),
        batch_size=2000,
        ignore_conflicts=True,
    )
    return made + len(child_people)
