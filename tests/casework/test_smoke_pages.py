"""Every main page renders for the complaints manager (who may see and do everything)."""

from datetime import date

import pytest
from django.urls import reverse

from complaintsdesk.cases.services_learning import compliment_create


def pages(world):
    a, front, triage = world.case_a.reference, world.front.reference, world.triage.reference
    compliment = compliment_create(
        actor=None, received=date(2025, 4, 1), service_area=world.area, team=None, summary="Thanks"
    )
    return [
        "/",
        "/cases/",
        "/cases/?q=Sam",
        "/cases/?due=overdue&sort=due",
        "/cases/new/",
        reverse("cases:case", args=[a]),
        reverse("cases:case", args=[front]),
        reverse("cases:case", args=[triage]),
        reverse("cases:triage", args=[triage]),
        reverse("cases:close", args=[triage]),
        reverse("cases:edit", args=[a]),
        reverse("cases:escalate", args=[front]),
        reverse("cases:link", args=[a]),
        reverse("cases:note", args=[a]),
        reverse("cases:child", args=[a]),
        reverse("cases:document_upload", args=[a]),
        reverse("cases:document_remove", args=[a, world.document.pk]),
        reverse("cases:learning_new", args=[a]),
        reverse("cases:audit", args=[a]),
        reverse("cases:acknowledge", args=[front, "stage1"]),
        reverse("cases:respond", args=[front, "stage1"]),
        reverse("cases:withdraw", args=[front, "stage1"]),
        reverse("cases:extend", args=[front, "stage1"]),
        reverse("cases:appoint", args=[a, "stage2"]),
        reverse("cases:costs", args=[a, "stage2"]),
        "/ombudsman/",
        "/ombudsman/new/",
        "/learning/",
        "/learning/new/",
        "/compliments/",
        "/compliments/new/",
        f"/compliments/{compliment.pk}/",
        "/administration/",
        "/administration/organisation/",
        "/administration/users/",
        "/administration/users/new/",
        "/administration/closure-days/",
        "/administration/timescales/",
        "/administration/timescales/new/",
        "/administration/directorates/new/",
    ]


@pytest.mark.django_db
def test_manager_pages_render(world, client_for):
    client = client_for("manager")
    for url in pages(world):
        response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.django_db
def test_account_pages_render(client):
    for url in (
        "/accounts/sign-in/",
        "/accounts/password-reset/",
        "/accounts/password-reset/sent/",
    ):
        assert client.get(url).status_code == 200, url
