"""A filter value a page does not offer is dropped on its own, and the page says so."""

import pytest
from django.test import Client
from django.utils import timezone

from complaintsdesk.reporting.views.filters import current_year
from tests.casework.conftest import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    world = build_world()
    client = Client()
    client.force_login(world.users["manager"])
    return client


def test_the_case_list_keeps_the_good_filters_and_names_the_bad_one(manager):
    response = manager.get("/cases/?q=Sam&status=no-such-status&directorate=%C2%B2")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Not filtered by Directorate, Status: that value is not one of the options." in page
    # The search still applies: only the case with a child called Sam.
    assert response.context["page"].paginator.count == 1


@pytest.mark.parametrize("kind", ["annual", "quarterly"])
def test_a_report_for_a_year_that_is_not_one_says_which_year_it_shows(manager, kind):
    response = manager.get(f"/reports/{kind}/?year=%C2%B2&quarter=Q9")
    assert response.status_code == 200
    year = current_year(timezone.localdate())
    assert (
        f"That is not a year or quarter these reports cover: showing year {year} and quarter Q4."
        in response.content.decode()
    )
