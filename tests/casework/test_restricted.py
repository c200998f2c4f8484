"""Restricted cases: who may restrict and name people, what naming can and cannot do, the
audit event, the access module's caches, and lists of records linked to a hidden case."""

import re
from datetime import date

import pytest
from django.urls import reverse

from complaintsdesk.cases import access, services, services_learning, services_lgsco
from complaintsdesk.cases.access import cases_visible_to, named_case_ids, users_seeing_by_role
from complaintsdesk.cases.models import Case
from complaintsdesk.cases.services_casework import case_restrict
from complaintsdesk.core.errors import ServiceError, StaleEditError
from complaintsdesk.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def access_events(case: Case):
    return AuditEvent.objects.filter(kind="case.access_changed", case_reference=case.reference)


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


# --- the service ------------------------------------------------------------------------


def test_restrict_names_people_and_audits_user_ids_only(world):
    case, users = fresh(world.case_a), world.users
    case_restrict(
        actor=users["manager"],
        case=case,
        restricted=True,
        named_users=[users["investigator"], users["responder"]],
        expected_version=case.version,
    )
    stored = fresh(case)
    assert stored.restricted
    assert set(stored.restricted_to.all()) == {users["investigator"], users["responder"]}
    event = access_events(case).get()
    assert event.actor == users["manager"]
    named = sorted([users["investigator"].pk, users["responder"].pk])
    assert event.payload == {
        "restricted": True,
        "was_restricted": False,
        "named": named,
        "added": named,
        "removed": [],
    }
    text = str(event.payload)
    for user in users.values():  # ids only: no usernames, names or emails
        assert user.username not in text and user.email not in text


def test_lifting_the_restriction_clears_the_names(world):
    secret, manager = fresh(world.secret), world.users["manager"]
    case_restrict(
        actor=manager,
        case=secret,
        restricted=False,
        named_users=[],
        expected_version=secret.version,
    )
    stored = fresh(secret)
    assert not stored.restricted and not stored.restricted_to.exists()
    payload = access_events(secret).get().payload
    assert payload["removed"] == [manager.pk] and payload["was_restricted"] is True
    assert cases_visible_to(world.users["officer"]).filter(pk=secret.pk).exists()


def test_names_on_an_unrestricted_case_are_refused(world):
    case = fresh(world.case_a)
    with pytest.raises(ServiceError, match="Only a restricted case"):
        case_restrict(
            actor=world.users["manager"],
            case=case,
            restricted=False,
            named_users=[world.users["officer"]],
            expected_version=case.version,
        )
    assert not access_events(case).exists()


def test_naming_someone_whose_role_does_not_reach_the_case_is_refused(world):
    """The panel member is not appointed to case_a, the responder is not in Team B: naming
    them would not let them see the case, so the change is refused and nothing is written."""
    for case, person in ((world.case_a, "panel"), (world.case_b, "responder")):
        case = fresh(case)
        with pytest.raises(ServiceError, match="roles do not let them see this case") as error:
            case_restrict(
                actor=world.users["manager"],
                case=case,
                restricted=True,
                named_users=[world.users["officer"], world.users[person]],
                expected_version=case.version,
            )
        assert person in error.value.message and "officer" not in error.value.message
        stored = fresh(case)
        assert (stored.restricted, stored.version) == (False, case.version)
        assert not stored.restricted_to.exists() and not access_events(case).exists()


def test_a_stale_restriction_is_refused(world):
    case = fresh(world.case_a)
    services.note_add(actor=world.users["officer"], case=case, text="x")
    services.case_update(
        actor=world.users["officer"], case=case, expected_version=None, summary="s"
    )
    with pytest.raises(StaleEditError):
        case_restrict(
            actor=world.users["manager"],
            case=case,
            restricted=True,
            named_users=[],
            expected_version=case.version - 1,
        )
    assert not fresh(case).restricted and not access_events(case).exists()


def test_case_update_does_not_restrict(world):
    with pytest.raises(TypeError, match="case_restrict"):
        services.case_update(
            actor=world.users["manager"], case=world.case_a, expected_version=None, restricted=True
        )


def test_people_reached_by_role_mirror_the_visibility_filter(world):
    """users_seeing_by_role(case) and cases_visible_to(user) agree on every unrestricted case."""
    users = list(world.users.values())
    for case in (world.front, world.case_a, world.case_b, world.triage):
        reached = set(users_seeing_by_role(case))
        sees = {u for u in users if cases_visible_to(u).filter(pk=case.pk).exists()}
        assert reached == sees, case.reference
    # On the restricted case: everyone whose role reaches it, named or not.
    names = set(users_seeing_by_role(world.secret).values_list("username", flat=True))
    assert names == {"officer", "manager", "responder"}


def test_no_stale_answers_from_the_access_caches(world):
    """The same user objects, holding cached named ids and visible cases, answer afresh after
    each change (as a request that changes access and then reads it does)."""
    case, manager = fresh(world.case_a), world.users["manager"]
    responder, investigator = world.users["responder"], world.users["investigator"]
    for user in (responder, investigator):  # warm every cache: named ids, visible cases
        assert access.can_view_case(user, case)
        assert cases_visible_to(user).filter(pk=case.pk).exists()
        assert case.pk not in named_case_ids(user)

    case_restrict(
        actor=manager,
        case=case,
        restricted=True,
        named_users=[investigator],
        expected_version=case.version,
    )
    assert not access.can_view_case(responder, case)
    assert not cases_visible_to(responder).filter(pk=case.pk).exists()
    assert access.can_view_case(investigator, case)
    assert case.pk in named_case_ids(investigator)

    case_restrict(
        actor=manager, case=case, restricted=True, named_users=[responder], expected_version=None
    )
    assert access.can_view_case(responder, case)
    assert case.pk in named_case_ids(responder)
    assert not access.can_view_case(investigator, case)
    assert case.pk not in named_case_ids(investigator)

    case_restrict(actor=manager, case=case, restricted=False, named_users=[], expected_version=None)
    assert access.can_view_case(investigator, case) and access.can_view_case(responder, case)


# --- the page ---------------------------------------------------------------------------


def test_officer_restricts_a_case_from_its_page(world, client_for):
    client = client_for("officer")
    case = fresh(world.case_a)
    page = client.get(reverse("cases:case", args=[case.reference])).content.decode()
    url = reverse("cases:restrict", args=[case.reference])
    assert f'href="{url}"' in page and "Who can see this case" in page
    form = client.get(url).content.decode()
    # Only people whose roles reach the case are offered.
    for offered in ("officer", "manager", "responder", "investigator", "independent"):
        assert f"({offered})" in form or f">{offered}<" in form, offered
    assert "panel" not in form and "leader" not in form

    officer, independent = world.users["officer"], world.users["independent"]
    response = client.post(
        url,
        {
            "version": case.version,
            "restricted": "yes",
            "named_users": [officer.pk, independent.pk],
        },
    )
    assert response.status_code == 302 and response.url == reverse(
        "cases:case", args=[case.reference]
    )
    assert set(fresh(case).restricted_to.all()) == {officer, independent}
    assert client_for("investigator").get(response.url).status_code == 404
    assert client_for("independent").get(response.url).status_code == 200
    assert client_for("responder").get(response.url).status_code == 404


def test_naming_someone_outside_the_case_is_refused_on_the_page(world, client_for):
    case = fresh(world.case_b)
    response = client_for("manager").post(
        reverse("cases:restrict", args=[case.reference]),
        {"version": case.version, "restricted": "yes", "named_users": [world.users["panel"].pk]},
    )
    assert response.status_code == 400  # not one of the choices offered
    assert not fresh(case).restricted and not access_events(case).exists()


def test_an_officer_who_leaves_themselves_off_is_sent_to_the_list(world, client_for):
    case = fresh(world.case_a)
    client = client_for("officer")
    response = client.post(
        reverse("cases:restrict", args=[case.reference]),
        {"version": case.version, "restricted": "yes"},
    )
    assert response.status_code == 302 and response.url == reverse("cases:list")
    assert client.get(reverse("cases:case", args=[case.reference])).status_code == 404
    assert (
        client_for("manager").get(reverse("cases:case", args=[case.reference])).status_code == 200
    )


def test_lifting_a_restriction_ignores_names_left_ticked(world, client_for):
    secret = fresh(world.secret)
    response = client_for("manager").post(
        reverse("cases:restrict", args=[secret.reference]),
        {
            "version": secret.version,
            "restricted": "no",
            "named_users": [world.users["manager"].pk],
        },
    )
    assert response.status_code == 302
    stored = fresh(secret)
    assert not stored.restricted and not stored.restricted_to.exists()


# --- lists of records linked to cases ---------------------------------------------------


def shows(content: bytes, text: str) -> bool:
    return re.search(re.escape(text) + r"(?!\d)", content.decode()) is not None


def test_lists_hide_records_linked_to_a_restricted_case(world, client_for):
    """The Ombudsman list, My work's Ombudsman table and the learning list show a record
    linked to the restricted case only to those who see the case; unlinked records stay."""
    manager = world.users["manager"]
    secret_lgsco = services_lgsco.lgsco_case_create(
        actor=manager,
        lgsco_reference="25007777",
        service_area=world.area,
        received=date(2025, 6, 3),
        case=world.secret,
    )
    services_lgsco.lgsco_decision_record(
        actor=manager,
        lgsco=secret_lgsco,
        decision="upheld",
        decided=date(2025, 7, 1),
        recommendations="Apologise",
        compliance_due=date(2025, 8, 1),
    )
    unlinked = services_lgsco.lgsco_case_create(
        actor=manager,
        lgsco_reference="25008888",
        service_area=world.area,
        received=date(2025, 6, 4),
    )
    services_lgsco.lgsco_decision_record(
        actor=manager,
        lgsco=unlinked,
        decision="upheld",
        decided=date(2025, 7, 1),
        recommendations="Review",
        compliance_due=date(2025, 8, 2),
    )
    for learning, case in (("Secret lesson", world.secret), ("Team lesson", None)):
        services_learning.learning_create(
            actor=manager,
            service_area=world.area,
            team=world.team_a,
            recorded=date(2025, 4, 2),
            learning=learning,
            status="in_progress",
            case=case,
        )
    secret = world.secret.reference

    for role, sees in (("manager", True), ("officer", False)):
        client = client_for(role)
        for url in ("/ombudsman/", "/"):
            content = client.get(url).content
            assert shows(content, "25007777") is sees, (role, url)
            assert shows(content, secret) is sees, (role, url)
            assert shows(content, "25008888"), (role, url)
    for role, sees in (("manager", True), ("officer", False), ("responder", False)):
        content = client_for(role).get("/learning/").content
        assert ("Secret lesson" in content.decode()) is sees, role
        assert shows(content, secret) is sees, role
        assert "Team lesson" in content.decode(), role
    # Once the officer is named, the records come back with the case.
    world.secret.restricted_to.add(world.users["officer"])
    content = client_for("officer").get("/ombudsman/").content
    assert shows(content, "25007777") and shows(content, secret)


def test_my_work_lists_a_restricted_case_only_to_those_who_see_it(world):
    """My work reads stages without the visibility subquery only for whoever sees every
    case; everyone else's list still goes through `cases_visible_to`."""
    from complaintsdesk.cases.selectors import my_work

    def listed(user) -> set[str]:
        work = my_work(user=user, today=date(2025, 3, 20), include_lgsco=False)
        return {row.case.reference for row in work.acknowledgements}

    secret = fresh(world.secret)
    assert secret.stages.filter(acknowledged__isnull=True, responded__isnull=True).exists()
    assert secret.reference in listed(world.users["manager"])
    assert secret.reference not in listed(world.users["officer"])
