"""The legal holds a page lists are those on cases and people the reader sees: a hold names its
case, so a hold on a restricted case is as hidden as the case."""

import pytest

from complaintsdesk.privacy.services import legal_hold_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def holds(world):
    manager = world.users["manager"]
    legal_hold_set(actor=manager, case=world.front, reason="Insurance claim")
    legal_hold_set(actor=manager, case=world.secret, reason="Court order")


@pytest.mark.parametrize(("who", "sees_secret"), [("manager", True), ("officer", False)])
def test_the_retention_page_lists_only_holds_on_visible_cases(
    world, holds, client_for, who, sees_secret
):
    page = client_for(who).get("/data-protection/retention/").content.decode()
    assert world.front.reference in page
    assert (world.secret.reference in page) is sees_secret
    assert ("Court order" in page) is sees_secret


@pytest.mark.parametrize(("who", "count"), [("manager", 2), ("officer", 1)])
def test_the_data_protection_page_counts_only_visible_holds(world, holds, client_for, who, count):
    response = client_for(who).get("/data-protection/")
    assert response.status_code == 200
    assert response.context["holds"] == count
