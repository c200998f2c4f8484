"""Writes to people records: correcting details and merging two records of one person."""

from datetime import date, datetime
from typing import Any

from django.db import transaction

from complaintsdesk.cases.services_people import case_people_move
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.people.models import Person

EDITABLE = ("name", "date_of_birth", "email", "phone", "address")


def _live(person: Person, what: str) -> None:
    if person.merged_into_id is not None:
        raise ServiceError(f"The {what} record was merged into another; use that one.")
    if person.anonymised_at is not None:
        raise ServiceError(f"The {what} record was anonymised: it cannot be changed.")


@transaction.atomic
def person_update(*, actor: Any, person: Person, **changes: Any) -> Person:
    """Correct a person's current details; audits the names of the changed fields only."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"person_update got unknown fields: {sorted(unknown)}")
    person = Person.objects.select_for_update().get(pk=person.pk)
    _live(person, "person's")
    born = changes.get("date_of_birth")
    if isinstance(born, date) and born > date.today():
        raise ServiceError("The date of birth cannot be in the future.", field="date_of_birth")
    changed = sorted(name for name, value in changes.items() if getattr(person, name) != value)
    for name in changed:
        setattr(person, name, changes[name])
    person.save()
    audit_record(actor=actor, kind="person.updated", obj=person, payload={"fields": changed})
    return person


@transaction.atomic
def person_merge(*, actor: Any, keep: Person, merge: Person) -> Person:
    """Merge `merge` into `keep`: every case of `merge` follows, blanks in `keep` are filled
    from `merge`, and `merge` stays as a record pointing at `keep` (nothing is lost).

    One event for the merge and one on each case that moved, so every case's trail says so.
    """
    if keep.pk == merge.pk:
        raise ServiceError("Choose two different records to merge.", field="merge")
    # Lock both rows in a fixed order, so two merges of the same pair cannot cross.
    locked = {
        p.pk: p
        for p in Person.objects.select_for_update()
        .filter(pk__in=[keep.pk, merge.pk])
        .order_by("pk")
    }
    if len(locked) != 2:
        raise ServiceError("One of the records no longer exists.", field="merge")
    keep, merge = locked[keep.pk], locked[merge.pk]
    _live(keep, "kept")
    _live(merge, "merged")
    filled = [name for name in EDITABLE if not getattr(keep, name) and getattr(merge, name)]
    for name in filled:
        setattr(keep, name, getattr(merge, name))
    keep.save()
    references = case_people_move(source=merge, target=keep)
    merge.merged_into = keep
    merge.save(update_fields=["merged_into"])
    # Records merged into `merge` earlier now point straight at `keep`.
    Person.objects.filter(merged_into=merge).update(merged_into=keep)
    audit_record(
        actor=actor,
        kind="person.merged",
        obj=keep,
        payload={"kept": keep.pk, "merged": merge.pk, "filled": filled, "cases": references},
    )
    for reference in references:
        audit_record(
            actor=actor,
            kind="case.person_merged",
            case_reference=reference,
            obj=keep,
            payload={"kept": keep.pk, "merged": merge.pk},
        )
    return keep


PERSON_BLANKS: dict[str, Any] = {
    "name": "",
    "date_of_birth": None,
    "email": "",
    "phone": "",
    "address": "",
    "name_key": "",
    "email_key": "",
    "phone_key": "",
    "postcode_key": "",
}


@transaction.atomic
def people_anonymise(*, actor: Any, person_ids: list[int], why: str, now: datetime) -> list[int]:
    """Remove these people's details (and those of records merged into them); the records
    stay, so cases still say a person was there. Returns the ids anonymised."""
    ids = list(
        Person.objects.filter(pk__in=person_ids, anonymised_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    if not ids:
        return []
    merged = Person.objects.filter(merged_into_id__in=ids, anonymised_at__isnull=True)
    merged.update(**PERSON_BLANKS, anonymised_at=now)
    Person.objects.filter(pk__in=ids).update(**PERSON_BLANKS, anonymised_at=now)
    user = actor if getattr(actor, "is_authenticated", False) else None
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=user,
            kind="person.anonymised",
            object_type="person",
            object_id=str(pk),
            payload={"why": why},
        )
        for pk in ids
    )
    return ids
