"""Erasure: the same anonymisation at once, once a manager confirms; a hold or an open case
refuses it and changes nothing."""

from datetime import date

import pytest

from complaintsdesk.cases.models import CasePerson
from complaintsdesk.cases.services_people import case_person_link
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.people.models import Person
from complaintsdesk.privacy.models import ErasureRequest
from complaintsdesk.privacy.services import legal_hold_set, person_erase
from tests.privacy.test_retention_job import _closed_case

pytestmark = pytest.mark.django_db


def _erase(world, person: Person, **kwargs) -> ErasureRequest:
    kwargs.setdefault("confirmed", True)
    return person_erase(
        actor=world.users["manager"],
        person=person,
        received=date(2025, 6, 1),
        reason="Asked to be forgotten; no reason to keep",
        **kwargs,
    )


def test_erasure_anonymises_the_person_and_their_cases_at_once(world) -> None:
    case = _closed_case(world, responded=date(2025, 1, 10))  # far from expiring
    person = CasePerson.objects.get(case=case, role="complainant").person
    advocate = Person.objects.create(name="Ada Advocate", email="ada@example.org")
    other_case = _closed_case(world, responded=date(2025, 2, 1))
    case_person_link(actor=world.users["officer"], case=other_case, person=person, role="advocate")
    case_person_link(actor=world.users["officer"], case=case, person=advocate, role="advocate")

    request = _erase(world, person)

    case.refresh_from_db()
    person.refresh_from_db()
    other_case.refresh_from_db()
    advocate.refresh_from_db()
    assert case.anonymised_at is not None and case.complainant_email == ""
    assert person.anonymised_at is not None and person.name == ""
    # Only an advocate on the other case: it keeps its data, the link says who was there.
    assert other_case.anonymised_at is None
    # The advocate on the erased case is on no other live case: their record goes too.
    assert advocate.anonymised_at is not None
    assert request.cases_anonymised == [case.reference]
    event = AuditEvent.objects.get(kind="person.erased")
    assert event.actor == world.users["manager"] and event.payload["cases"] == [case.reference]
    assert AuditEvent.objects.filter(
        kind="case.anonymised", case_reference=case.reference, payload={"why": "erasure"}
    ).exists()


@pytest.mark.parametrize("blocker", ["unconfirmed", "case_hold", "person_hold", "open_case"])
def test_erasure_is_refused_and_changes_nothing(world, blocker: str) -> None:
    case = _closed_case(world, responded=date(2025, 1, 10))
    person = CasePerson.objects.get(case=case, role="complainant").person
    kwargs = {}
    if blocker == "unconfirmed":
        kwargs["confirmed"] = False
    elif blocker == "case_hold":
        legal_hold_set(actor=world.users["manager"], case=case, reason="Claim")
    elif blocker == "person_hold":
        legal_hold_set(actor=world.users["manager"], person=person, reason="Claim")
    else:
        person = CasePerson.objects.get(case=world.case_a, role="complainant").person
    with pytest.raises(ServiceError):
        _erase(world, person, **kwargs)
    person.refresh_from_db()
    assert person.anonymised_at is None
    assert not AuditEvent.objects.filter(kind__in=["person.erased", "case.anonymised"]).exists()
    assert not ErasureRequest.objects.exists()
