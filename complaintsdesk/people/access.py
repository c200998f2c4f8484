"""Who may find, read, edit and merge people records.

The complaints team (officers and managers) search and read people; only the complaints
manager merges them. A person is seen only with a case the user sees (a person on a
restricted case is as hidden as the case), or when on no case at all.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from complaintsdesk.accounts.roles import CASEWORK_ROLES, MANAGER, roles_of
from complaintsdesk.cases.access import cases_visible_to
from complaintsdesk.cases.models import CasePerson
from complaintsdesk.people.models import Person


def can_search_people(user: Any) -> bool:
    return bool(roles_of(user) & CASEWORK_ROLES)


def can_edit_person(user: Any) -> bool:
    return can_search_people(user)


def can_merge_people(user: Any) -> bool:
    return MANAGER in roles_of(user)


def people_visible_to(user: Any) -> QuerySet[Person]:
    """Every person record `user` may see: live ones (not merged away)."""
    live = Person.objects.filter(merged_into__isnull=True)
    roles = roles_of(user)
    if MANAGER in roles:
        return live
    if not roles & CASEWORK_ROLES:
        return Person.objects.none()
    links = CasePerson.objects.filter(person=OuterRef("pk"))
    seen = links.filter(case__in=cases_visible_to(user))
    return live.filter(Q(Exists(seen)) | ~Exists(links))


def person_get_for_user(user: Any, pk: int) -> Person:
    """The person if `user` may see them; Http404 for missing and forbidden alike."""
    person = people_visible_to(user).filter(pk=pk).first()
    if person is None:
        raise Http404("No person found")
    return person
