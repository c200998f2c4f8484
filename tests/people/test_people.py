"""People records: made with each case, found by any detail, duplicates shown, merged by a
manager with every case following; existing cases' details migrate into records."""

from datetime import date

import pytest
from django.apps import apps as django_apps

from complaintsdesk.cases.models import Case, CasePerson, Child
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.people import keys
from complaintsdesk.people.models import Person
from complaintsdesk.people.selectors import (
    duplicates_for_details,
    person_duplicates,
    person_search,
)
from complaintsdesk.people.services import person_merge, person_update
from tests.casework.conftest import add_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("function", "raw", "key"),
    [
        (keys.name_key, "  Sam   O'Neil ", "sam o'neil"),
        (keys.name_key, "SAM O'NEIL", "sam o'neil"),
        (keys.email_key, " Sam@Example.COM ", "sam@example.com"),
        # A NUL, which PostgreSQL refuses in a query, is never part of a key.
        (keys.name_key, "Sam\x00O'Neil\x1f", "sam o'neil"),
        (keys.email_key, "sam@\x00example.com", "sam@example.com"),
        (keys.phone_key, "+44 7700 900123", "07700900123"),
        (keys.phone_key, "07700-900-123", "07700900123"),
        (keys.phone_key, "", ""),
        (keys.postcode_key, "1 High St\nLeeds ls1 4ap", "LS14AP"),
        (keys.postcode_key, "SW1A 1AA", "SW1A1AA"),
        (keys.postcode_key, "No postcode here", ""),
    ],
)
def test_keys(function, raw, key) -> None:
    assert function(raw) == key


def _complainant(case: Case) -> Person:
    return CasePerson.objects.get(case=case, role="complainant").person


def test_a_new_case_points_to_new_people(world) -> None:
    case = add_case(
        world.users["officer"],
        area=world.area,
        team=world.team_a,
        complainant_email="alex@example.com",
        children=[{"name": "Jo Child", "date_of_birth": date(2015, 1, 2)}],
    )
    person = _complainant(case)
    assert (person.name, person.email) == ("Alex Example", "alex@example.com")
    child = Child.objects.get(case=case)
    assert child.person is not None and child.person.name == "Jo Child"
    assert CasePerson.objects.filter(case=case, person=child.person, role="child").exists()


def test_a_case_can_name_a_known_complainant(world) -> None:
    known = _complainant(world.case_a)
    case = add_case(
        world.users["officer"], area=world.area, team=world.team_a, complainant_person=known
    )
    assert _complainant(case) == known
    merged = Person.objects.create(name="Gone", merged_into=known)
    with pytest.raises(ServiceError):
        add_case(
            world.users["officer"], area=world.area, team=world.team_a, complainant_person=merged
        )


def test_search_by_every_detail_and_only_cases_the_user_sees(world) -> None:
    officer, manager = world.users["officer"], world.users["manager"]
    case = add_case(
        officer,
        area=world.area,
        team=world.team_a,
        complainant_name="Priya  Shah",
        complainant_email="Priya.Shah@Example.com",
        complainant_phone="+44 7700 900456",
        complainant_address="4 Mill Lane, Leeds LS1 4AP",
    )
    priya = _complainant(case)
    for terms in (
        {"name": "priya"},
        {"name": "SHAH priya"},
        {"email": "priya.shah@example.com "},
        {"phone": "07700 900456"},
        {"address": "ls14ap"},
        {"address": "mill lane"},
        {"name": "priya", "phone": "07700900456"},
    ):
        assert priya in person_search(user=officer, **terms), terms
    assert person_search(user=officer, name="priya", phone="0000") == []
    assert person_search(user=officer) == []
    # A person only on a restricted case is hidden with it.
    secret_person = _complainant(world.secret)
    secret_person.name = "Hidden Person"
    secret_person.save()
    assert person_search(user=officer, name="hidden") == []
    assert person_search(user=manager, name="hidden") == [secret_person]
    assert person_search(user=world.users["responder"], name="priya") == []


def test_duplicates_say_why(world) -> None:
    officer = world.users["officer"]
    a = Person.objects.create(
        name="Kim Lee", email="kim@example.com", date_of_birth=date(1980, 5, 1)
    )
    b = Person.objects.create(name="kim  lee", phone="07700900999", date_of_birth=date(1980, 5, 1))
    c = Person.objects.create(name="K Lee", email="KIM@example.com ")
    d = Person.objects.create(name="Kim Lee")  # a name alone is not enough
    found = {dup.person: dup.reasons for dup in person_duplicates(user=officer, person=a)}
    assert found == {b: ("same name and date of birth",), c: ("same email",)}
    assert d not in found
    assert duplicates_for_details(user=officer, phone="+44 7700 900999") == [b]
    assert duplicates_for_details(user=officer, name="Kim Lee") == []


def test_case_page_shows_possible_duplicates(world, client_for) -> None:
    add_case(world.users["officer"], area=world.area, team=world.team_a)  # Alex Example again
    first = _complainant(world.case_a)
    first.email = "alex@example.com"
    first.save()
    later = add_case(
        world.users["officer"],
        area=world.area,
        team=world.team_a,
        complainant_email="ALEX@example.com",
    )
    page = client_for("officer").get(f"/cases/{later.reference}/").content.decode()
    assert 'data-warning="possible-duplicates"' in page
    assert f"/people/{first.pk}/" in page


def test_merge_moves_every_case_and_is_audited(world) -> None:
    manager = world.users["manager"]
    keep, merge = _complainant(world.case_a), _complainant(world.case_b)
    merge.phone = "07700900111"
    merge.save()
    also = Person.objects.create(name="Older duplicate", merged_into=merge)
    person_merge(actor=manager, keep=keep, merge=merge)
    keep.refresh_from_db()
    merge.refresh_from_db()
    also.refresh_from_db()
    assert _complainant(world.case_b) == keep and _complainant(world.case_a) == keep
    assert keep.phone == "07700900111"  # a blank filled, nothing overwritten
    assert merge.merged_into == keep and also.merged_into == keep
    event = AuditEvent.objects.get(kind="person.merged")
    assert event.actor == manager
    assert event.payload["kept"] == keep.pk and event.payload["merged"] == merge.pk
    assert event.payload["cases"] == [world.case_b.reference]
    assert AuditEvent.objects.filter(
        kind="case.person_merged", case_reference=world.case_b.reference
    ).exists()
    # Merged away: no second merge, no edit.
    with pytest.raises(ServiceError):
        person_merge(actor=manager, keep=keep, merge=merge)
    with pytest.raises(ServiceError):
        person_merge(actor=manager, keep=keep, merge=keep)
    with pytest.raises(ServiceError):
        person_update(actor=manager, person=merge, name="X")


def test_merge_when_both_were_on_the_same_case(world) -> None:
    case = world.case_a
    keep = _complainant(case)
    other = Person.objects.create(name="Alex Example")
    CasePerson.objects.create(case=case, person=other, role="complainant")
    person_merge(actor=world.users["manager"], keep=keep, merge=other)
    assert list(CasePerson.objects.filter(case=case, role="complainant")) == [
        CasePerson.objects.get(case=case, person=keep, role="complainant")
    ]


def test_update_audits_field_names_only(world) -> None:
    person = _complainant(world.case_a)
    person_update(actor=world.users["officer"], person=person, email="new@example.com")
    event = AuditEvent.objects.get(kind="person.updated")
    assert event.payload == {"fields": ["email"]}
    person.refresh_from_db()
    assert person.email_key == "new@example.com"


def test_existing_cases_migrate_into_people_without_loss(world) -> None:
    """The data migration over cases written before people existed."""
    from importlib import import_module

    migration = import_module("complaintsdesk.cases.migrations.0009_case_people")
    CasePerson.objects.all().delete()
    Child.objects.update(person=None)
    Person.objects.all().delete()
    area = world.area
    same = {
        "complainant_name": "Pat Jones",
        "complainant_email": "pat@example.com",
        "complainant_phone": "0113 496 0000",
        "complainant_address": "1 Road, LS1 4AP",
    }
    old = [
        Case.objects.create(
            reference=f"OLD/{n}",
            procedure="corporate",
            service_area=area,
            received=date(2020, 1, n + 1),
            **same,
        )
        for n in range(2)
    ]
    other = Case.objects.create(
        reference="OLD/9",
        procedure="corporate",
        service_area=area,
        received=date(2020, 2, 1),
        complainant_name="Pat Jones",
        complainant_email="pat.other@example.com",
    )
    nobody = Case.objects.create(
        reference="OLD/10", procedure="corporate", service_area=area, received=date(2020, 2, 1)
    )
    twin = [
        Child.objects.create(case=c, name="Lee Jones", date_of_birth=date(2012, 3, 4)) for c in old
    ]
    unknown = [Child.objects.create(case=c, name="Baby Jones") for c in old]

    migration.people_from_cases(django_apps, None)

    pat = _complainant(old[0])
    assert _complainant(old[1]) == pat  # identical details: one record
    assert (pat.name, pat.email, pat.phone, pat.address) == tuple(same.values())
    assert pat.phone_key == "01134960000" and pat.postcode_key == "LS14AP"
    assert _complainant(other) != pat  # differing details: kept apart for a person to merge
    assert not CasePerson.objects.filter(case=nobody).exists()
    for child in twin + unknown:
        child.refresh_from_db()
    assert twin[0].person == twin[1].person  # same name and birth date
    assert unknown[0].person != unknown[1].person  # a name alone is not enough
    # Every case in the world has its complainant; every child its record.
    assert (
        not Case.objects.exclude(complainant_name="")
        .exclude(person_links__role="complainant")
        .exists()
    )
    assert not Child.objects.filter(person__isnull=True).exists()


def test_cases_written_in_bulk_get_people_once(world) -> None:
    from complaintsdesk.cases.services_people import case_people_backfill

    bulk = [
        Case.objects.create(
            reference=f"BULK/{n}",
            procedure="corporate",
            service_area=world.area,
            received=date(2021, 1, 4),
            complainant_name="Bo Bulk",
            complainant_email="bo@example.com",
        )
        for n in range(2)
    ]
    Child.objects.create(case=bulk[0], name="Kit Bulk")
    assert case_people_backfill() == 2  # one complainant for identical details, one child
    assert _complainant(bulk[0]) == _complainant(bulk[1])
    assert Child.objects.get(case=bulk[0]).person.name == "Kit Bulk"
    assert case_people_backfill() == 0


def _log_case_post(world, **extra) -> dict:
    return {
        "channel": "phone",
        "received-day": "3",
        "received-month": "3",
        "received-year": "2025",
        "procedure": "children_statutory",
        "service_area": world.area.pk,
        "team": world.team_a.pk,
        "first_stage": "stage1",
        "complainant_name": "Pat Parent",
        "complainant_email": "PAT@example.com",
        "summary": "Missed visits",
        **extra,
    }


def test_logging_a_case_offers_a_known_complainant(world, client_for) -> None:
    known = Person.objects.create(name="Pat Parent", email="pat@example.com")
    client = client_for("officer")
    first = client.post("/cases/new/", _log_case_post(world))
    assert first.status_code == 400  # nothing logged: the choice is asked first
    page = first.content.decode()
    assert "may already be known" in page and f'value="{known.pk}"' in page
    assert not Case.objects.filter(summary="Missed visits").exists()

    chosen = client.post("/cases/new/", _log_case_post(world, complainant_record=str(known.pk)))
    assert chosen.status_code == 302
    case = Case.objects.get(summary="Missed visits")
    assert _complainant(case) == known

    new = client.post(
        "/cases/new/", _log_case_post(world, complainant_record="new", summary="Second")
    )
    assert new.status_code == 302
    assert _complainant(Case.objects.get(summary="Second")) != known


@pytest.mark.parametrize(
    "details",
    [
        {"complainant_name": "Pat\x00Parent", "complainant_email": "pat@\x00example.com"},
        {"complainant_name": "P" * 201},
        {"complainant_phone": "0" * 41},
        {"relationship_to_child": "x" * 121},
        {"summary": "x" * 20_001},
    ],
)
def test_logging_a_case_with_hostile_details_is_refused_with_a_message(
    world, client_for, details
) -> None:
    Person.objects.create(name="Pat Parent", email="pat@example.com")
    cases = Case.objects.count()
    response = client_for("officer").post("/cases/new/", _log_case_post(world, **details))
    assert response.status_code == 400
    form = response.context["form"]
    assert set(details) <= set(form.errors), form.errors
    assert Case.objects.count() == cases


def test_logging_a_case_with_no_likely_match_asks_nothing(world, client_for) -> None:
    response = client_for("officer").post(
        "/cases/new/", _log_case_post(world, complainant_email="nobody@example.com")
    )
    assert response.status_code == 302
