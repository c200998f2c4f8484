"""Reads of people: search, a person's cases, and the records that may be the same person."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from complaintsdesk.cases.access import cases_visible_to
from complaintsdesk.cases.models import Case, CasePerson
from complaintsdesk.people import keys
from complaintsdesk.people.access import people_visible_to
from complaintsdesk.people.models import Person

SEARCH_LIMIT = 50


def person_search(
    *,
    user: Any,
    name: str = "",
    date_of_birth: date | None = None,
    email: str = "",
    phone: str = "",
    address: str = "",
    limit: int = SEARCH_LIMIT,
) -> list[Person]:
    """People matching every term given: each word of the name, the exact birth date, email
    and phone (normalised), and the address's words or postcode. No terms: no one."""
    query = Q()
    for word in keys.name_key(name).split():
        query &= Q(name_key__contains=word)
    if date_of_birth is not None:
        query &= Q(date_of_birth=date_of_birth)
    if email.strip():
        query &= Q(email_key=keys.email_key(email))
    if phone.strip():
        query &= Q(phone_key=keys.phone_key(phone))
    postcode = keys.postcode_key(address)
    if postcode:
        query &= Q(postcode_key=postcode)
    elif address.strip():
        for word in address.split():
            query &= Q(address__icontains=word)
    if not query:
        return []
    found = (
        people_visible_to(user)
        .filter(query, anonymised_at__isnull=True)
        .annotate(cases=Count("case_links__case", distinct=True))
        .order_by("name_key", "id")
    )
    return list(found[:limit])


def _match_query(
    *, name: str, date_of_birth: date | None, email: str, phone: str, address: str
) -> Q | None:
    """What makes two records possibly one person: the same email, the same phone, or the
    same name with the same birth date or postcode."""
    clauses: list[Q] = []
    if keys.email_key(email):
        clauses.append(Q(email_key=keys.email_key(email)))
    if keys.phone_key(phone):
        clauses.append(Q(phone_key=keys.phone_key(phone)))
    name_k = keys.name_key(name)
    if name_k and date_of_birth is not None:
        clauses.append(Q(name_key=name_k, date_of_birth=date_of_birth))
    if name_k and keys.postcode_key(address):
        clauses.append(Q(name_key=name_k, postcode_key=keys.postcode_key(address)))
    if not clauses:
        return None
    query = clauses[0]
    for clause in clauses[1:]:
        query |= clause
    return query


@dataclass(frozen=True)
class PossibleDuplicate:
    person: Person
    reasons: tuple[str, ...]


def _reasons(a: Person, b: Person) -> tuple[str, ...]:
    found = []
    if a.email_key and a.email_key == b.email_key:
        found.append("same email")
    if a.phone_key and a.phone_key == b.phone_key:
        found.append("same phone")
    if a.name_key and a.name_key == b.name_key:
        if a.date_of_birth and a.date_of_birth == b.date_of_birth:
            found.append("same name and date of birth")
        if a.postcode_key and a.postcode_key == b.postcode_key:
            found.append("same name and postcode")
    return tuple(found)


def person_duplicates(*, user: Any, person: Person, limit: int = 20) -> list[PossibleDuplicate]:
    """Other live records that may be `person`, with why."""
    query = _match_query(
        name=person.name,
        date_of_birth=person.date_of_birth,
        email=person.email,
        phone=person.phone,
        address=person.address,
    )
    if query is None or person.anonymised_at is not None:
        return []
    others = (
        people_visible_to(user)
        .filter(query, anonymised_at__isnull=True)
        .exclude(pk=person.pk)
        .order_by("id")[:limit]
    )
    return [PossibleDuplicate(other, _reasons(person, other)) for other in others]


def duplicates_for_details(
    *,
    user: Any,
    name: str = "",
    date_of_birth: date | None = None,
    email: str = "",
    phone: str = "",
    address: str = "",
    limit: int = 10,
) -> list[Person]:
    """Records that may be the person about to be logged (the log-a-case page)."""
    query = _match_query(
        name=name, date_of_birth=date_of_birth, email=email, phone=phone, address=address
    )
    if query is None:
        return []
    found = people_visible_to(user).filter(query, anonymised_at__isnull=True).order_by("id")
    return list(found[:limit])


def person_case_links(*, user: Any, person: Person) -> QuerySet[CasePerson]:
    """The person's parts on the cases `user` may see, newest case first."""
    return (
        CasePerson.objects.filter(person=person, case__in=cases_visible_to(user))
        .select_related("case", "case__service_area")
        .order_by("-case__received", "-case_id", "role")
    )


@dataclass(frozen=True)
class PersonOnCase:
    link: CasePerson
    duplicates: list[PossibleDuplicate]


def case_people(*, user: Any, case: Case) -> list[PersonOnCase]:
    """The people on a case, each with the records that may be the same person."""
    links = CasePerson.objects.filter(case=case).select_related("person").order_by("role", "id")
    return [
        PersonOnCase(link, person_duplicates(user=user, person=link.person, limit=5))
        for link in links
    ]
