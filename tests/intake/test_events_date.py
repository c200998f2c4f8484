"""The question "When did this happen?": optional, a real date, never in the future."""

from datetime import date

import pytest

from complaintsdesk.cases.models import Case
from complaintsdesk.intake.journeys import JOURNEYS
from tests.intake.support import answer, complaint_for_child

pytestmark = pytest.mark.django_db


def _when(day: str = "", month: str = "", year: str = "") -> dict[str, str]:
    return {"events_date_0": day, "events_date_1": month, "events_date_2": year}


def test_asked_after_the_complaint_on_the_complaint_and_advocate_routes():
    def slugs(journey: str) -> list[str]:
        return [s.slug for s in JOURNEYS[journey].steps]

    assert slugs("complaint")[slugs("complaint").index("details") + 1] == "when"
    assert slugs("advocate")[slugs("advocate").index("details") + 1] == "when"
    assert "when" not in slugs("young-person") and "when" not in slugs("compliment")


def test_page_asks_one_question_as_its_heading(client, org, now):
    complaint_for_child(client, org["children"], send=False)
    page = client.get("/public/complaint/when/").content.decode()
    assert '<h1 class="govuk-fieldset__heading">When did this happen? (optional)</h1>' in page
    assert "Leave this blank if you are not sure." in page
    # The date already given is shown in the boxes when the page is changed.
    assert 'name="events_date_0" type="text" inputmode="numeric" value="24"' in page


def test_today_is_allowed(client, org, now):
    complaint_for_child(client, org["children"], send=False)
    response = answer(client, "complaint", "when", _when("3", "3", "2025"))
    assert response.status_code == 302
    client.post("/public/complaint/check/", {})
    assert Case.objects.get().events_date == date(2025, 3, 3)


def test_check_answers_shows_the_date_with_a_change_link_and_change_returns_there(client, org, now):
    complaint_for_child(client, org["children"], send=False)
    page = client.get("/public/complaint/check/").content.decode()
    assert '<dt class="govuk-summary-list__key">When did this happen</dt>' in page
    assert '<dd class="govuk-summary-list__value">24 February 2025</dd>' in page
    assert (
        '<a class="govuk-link" href="/public/complaint/when/">Change'
        '<span class="govuk-visually-hidden"> when did this happen</span></a>'
    ) in page

    # Changed to "not sure": back to the check page, which says so; the case has no date.
    response = answer(client, "complaint", "when", _when())
    assert response["Location"] == "/public/complaint/check/"
    page = client.get("/public/complaint/check/").content.decode()
    assert '<dd class="govuk-summary-list__value">Not sure</dd>' in page
    assert client.post("/public/complaint/check/", {}).status_code == 302
    assert Case.objects.get().events_date is None


def test_a_bad_date_is_not_stored(client, org, now):
    complaint_for_child(client, org["children"], send=False)
    response = answer(client, "complaint", "when", _when("29", "2", "2023"))  # not a leap year
    assert response.status_code == 400
    assert "The date it happened must be a real date" in response.content.decode()
    answers = client.session["intake"]["complaint"]["answers"]
    assert answers["when"] == {"events_date": "2025-02-24"}  # the earlier answer stands
