"""The case list and My work make the same number of queries whatever the amount of data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaintsdesk.cases.models import Case, Child, LgscoCase, LgscoRecommendation, Stage

# Session, user, roles, the user's named restricted cases, closure days, count, page of cases,
# and the three filter option lists.
LIST_QUERIES = 10
# Session, user, roles, named restricted cases, closure days, rule versions, 3 lists + 2 totals,
# Ombudsman cases, Ombudsman recommendations due.
MY_WORK_QUERIES = 13


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
    assert len(work.overdue) >= min(n // 2, 50)
    assert len(work.lgsco) == min(n // 2, 50)
    assert len(work.recommendations) == min(n // 2, 50)
