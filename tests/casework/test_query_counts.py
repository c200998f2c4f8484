"""The case list and My work make the same number of queries whatever the amount of data."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from complaintsdesk.cases.models import Case, Child, LgscoCase, LgscoRecommendation, Stage

# Session, user, roles, the user's named restricted cases, closure days, count, page of cases
# (owners and responding managers joined), and the five filter option lists (directorates,
# service areas, teams, owners, responding managers).
LIST_QUERIES = 12
# Session, user, roles, named restricted cases, closure days, rule versions, the triage queue
# and its total, 3 lists + 2 totals, Ombudsman cases, Ombudsman recommendations due, open
# subject access requests, breaches awaiting a decision.
MY_WORK_QUERIES = 17


def add_cases(world, n: int) -> None:
    """n open stage-1 cases, half overdue and half due soon, each unacknowledged with a child."""
    today = timezone.localdate()
    cases = Case.objects.bulk_create(
        Case(
            reference=f"BULK/{i}",
            procedure="children_statutory",
            service_area=world.area,
            team=world.team_a if i % 2 else world.team_b,
            received=today - timedelta(days=20),
            status="open",
            current_stage="stage1",
            summary=f"Bulk case {i}",
            complainant_name=f"Person {i}",
            current_due=today + timedelta(days=(i % 2) * 2 - 1),
        )
        for i in range(n)
    )
    Stage.objects.bulk_create(
        Stage(case=c, kind="stage1", started=c.received, due=c.current_due) for c in cases
    )
    Child.objects.bulk_create(Child(case=c, name=f"Child {c.pk}") for c in cases)
    # As many arrivals awaiting triage, from the web form and the mailbox, some logged by staff.
    Case.objects.bulk_create(
        Case(
            reference=f"WAIT/{i}",
            procedure="children_statutory",
            service_area=world.area,
            received=today,
            status="awaiting_triage",
            received_via="web_form" if i % 2 else "mailbox",
            logged_by=world.users["officer"] if i % 3 == 0 else None,
            triage_since=timezone.now() - timedelta(hours=i),
        )
        for i in range(n)
    )
    LgscoCase.objects.bulk_create(
        LgscoCase(
            lgsco_reference=f"L{c.pk}",
            case=c,
            service_area=world.area,
            received=c.received,
            recommendations="Apologise",
            compliance_due=today + timedelta(days=10),
        )
        for c in cases[: n // 2]
    )
    LgscoRecommendation.objects.bulk_create(
        LgscoRecommendation(lgsco_case=lgsco, kind="apology", due=today + timedelta(days=i % 3))
        for i, lgsco in enumerate(LgscoCase.objects.filter(case__in=cases))
    )


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 120])
@pytest.mark.parametrize("role", ["officer", "responder"])
def test_case_list_query_count_is_constant(world, client_for, django_assert_num_queries, n, role):
    add_cases(world, n)
    client = client_for(role)
    client.get("/cases/")  # warm the calendar cache, as any running server has
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/cases/?q=Person&sort=due&status=open")
    assert response.status_code == 200
    assert response.context["page"].paginator.count >= min(n, 2) // 2


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 120])
def test_my_work_query_count_is_constant(world, client_for, django_assert_num_queries, n):
    add_cases(world, n)
    client = client_for("officer")
    client.get("/")
    with django_assert_num_queries(MY_WORK_QUERIES):
        response = client.get("/")
    work = response.context["work"]
    assert len(work.triage) == min(n + 1, 50)  # the world's own triage case too
    assert work.counts["triage"] == n + 1
    # Longest waiting first.
    waits = [row.case.triage_since for row in work.triage if row.case.triage_since]
    assert waits == sorted(waits)
    assert len(work.overdue) >= min(n // 2, 50)
    assert len(work.lgsco) == min(n // 2, 50)
    assert len(work.recommendations) == min(n // 2, 50)


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 120])
def test_caseload_query_count_is_constant(world, client_for, django_assert_num_queries, n):
    add_cases(world, n)
    client = client_for("manager")
    client.get("/caseload/")
    # Session, user, roles, the two GROUP BY counts (owner, responding manager), their people.
    with django_assert_num_queries(6):
        response = client.get("/caseload/")
    assert response.context["load"].total.open >= 2 * n


@pytest.mark.django_db
@pytest.mark.parametrize("n", [2, 40])
def test_case_page_with_its_timeline_query_count_is_constant(
    world, client_for, django_assert_num_queries, n
):
    from complaintsdesk.cases import services, services_ownership

    officer, manager = world.users["officer"], world.users["manager"]
    case = world.case_a
    for i in range(n):
        services.note_add(actor=officer, case=case, text=f"Note {i}")
        services_ownership.case_reassign(
            actor=officer,
            case=case,
            owner=manager if i % 2 == 0 else officer,
            expected_version=None,
        )
    client = client_for("manager")
    url = f"/cases/{case.reference}/"
    client.get(url)
    with django_assert_num_queries(CASE_PAGE_QUERIES):
        response = client.get(url)
    assert len([e for e in response.context["timeline"] if e.title == "Reassigned"]) == n


# Session, user, roles, the case, the case's pages' reads (stages with appointments, children,
# notes, documents, linked, Ombudsman, learning), the timeline's audit actions and the people
# they name, the people linked to the case, its letters and emails, the closure days (read
# once: the calendar and the names for "why this date"), and the read's own audit row: 19
# with 2 notes or 40.
CASE_PAGE_QUERIES = 19


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 60])
def test_people_search_and_data_protection_query_counts_are_constant(
    world, client_for, django_assert_num_queries, n
):
    from complaintsdesk.cases.models import CasePerson
    from complaintsdesk.people.models import Person
    from complaintsdesk.privacy.services_sar import sar_create

    add_cases(world, n)
    cases = list(Case.objects.filter(complainant_name__startswith="Person "))
    people = [Person(name=c.complainant_name) for c in cases]
    for person in people:
        person.keys_refresh()
    Person.objects.bulk_create(people)
    CasePerson.objects.bulk_create(
        CasePerson(case=c, person=p, role="complainant") for c, p in zip(cases, people, strict=True)
    )
    for person in people:
        sar_create(
            actor=world.users["officer"],
            person=person,
            received=date(2025, 6, 2),
            today=date(2025, 6, 3),
        )
    client = client_for("officer")
    client.get("/")
    # Session, user, roles, named restricted cases, the people found with their case counts.
    with django_assert_num_queries(5):
        response = client.get("/people/?name=person")
    assert response.status_code == 200 and len(response.context["results"]) >= min(n, 3)
    # Session, user, roles, named cases, count, page of requests with their people.
    with django_assert_num_queries(6):
        assert client.get("/data-protection/subject-access/").status_code == 200
