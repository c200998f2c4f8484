"""The public forms in a real browser: axe-core (WCAG 2.2 AA) on every page, and a complete
run with JavaScript switched off."""

import re

import pytest

from complaintsdesk.cases.models import Case, Compliment, EqualityResponse
from tests.browser.conftest import assert_accessible, screenshot
from tests.intake.support import PDF, make_org

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def org(db):
    return make_org()


def _continue(page) -> None:
    page.get_by_role("button", name="Continue").click()


def test_complaint_for_a_child_without_javascript(page_no_js, org, tmp_path):
    page = page_no_js
    page.goto("/public/")
    page.get_by_role("link", name="Make a complaint", exact=True).click()
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Children's Social Care").check()
    _continue(page)
    page.get_by_label("A child or young person").check()
    _continue(page)
    page.get_by_label("Grandparent").check()
    _continue(page)
    page.get_by_label("Full name").fill("Alex Example")
    page.get_by_label("Day").fill("4")
    page.get_by_label("Month").fill("5")
    page.get_by_label("Year").fill("2015")
    _continue(page)
    page.get_by_label("Yes", exact=True).check()
    _continue(page)
    page.get_by_label("What is your complaint?").fill("Nobody came to the review.")
    _continue(page)
    page.get_by_label("Day").fill("24")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2025")
    _continue(page)
    page.get_by_label("What would you like us to do to put things right?").fill("An apology.")
    _continue(page)
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(PDF)
    page.get_by_label("Upload a file").set_input_files(str(letter))
    page.get_by_role("button", name="Upload file").click()
    assert page.locator("dt", has_text="letter.pdf").is_visible()
    _continue(page)
    page.get_by_label("Full name").fill("Sam Example")
    page.get_by_label("Email address (optional)").fill("sam@example.org")
    _continue(page)
    assert page.get_by_role("heading", name="Check your answers before sending").is_visible()
    assert page.locator("dd", has_text="24 February 2025").is_visible()
    page.get_by_role("button", name="Send complaint").click()

    assert page.get_by_role("heading", name="Complaint sent").is_visible()
    reference = page.get_by_test_id("reference").inner_text()
    assert re.fullmatch(r"COM/\d+", reference)
    assert page.get_by_test_id("respond-by").inner_text().startswith("We will respond by ")
    case = Case.objects.get(reference=reference)
    assert case.status == "awaiting_triage" and case.documents.count() == 1
    assert case.events_date.isoformat() == "2025-02-24"
    screenshot(page, "public-complaint-sent")


def test_complaint_pages_are_accessible_including_errors(page, org):
    page.goto("/public/")
    assert_accessible(page)
    screenshot(page, "public-start")
    page.goto("/public/complaint/")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    _continue(page)  # nothing chosen: the error summary and inline message
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    screenshot(page, "public-complaint-error")
    page.get_by_label("Highways").check()
    _continue(page)
    assert_accessible(page)
    page.get_by_label("A child or young person").check()
    _continue(page)
    page.get_by_label("Parent", exact=True).check()
    _continue(page)
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2015")
    _continue(page)  # no name, impossible date
    assert_accessible(page)
    screenshot(page, "public-complaint-child-errors")
    page.get_by_label("Full name").fill("Alex")
    page.get_by_label("Day").fill("")
    page.get_by_label("Month").fill("")
    page.get_by_label("Year").fill("")
    _continue(page)
    assert_accessible(page)
    page.get_by_label("They are too young or not able to say").check()
    _continue(page)
    page.get_by_label("What is your complaint?").fill("Late again.")
    _continue(page)
    assert_accessible(page)  # "When did this happen?"
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2099")
    _continue(page)  # a future date
    assert page.get_by_role(
        "link", name="The date it happened must be today or in the past"
    ).is_visible()
    assert_accessible(page)
    page.get_by_label("Day").fill("")
    page.get_by_label("Month").fill("")
    page.get_by_label("Year").fill("")
    _continue(page)  # not sure: optional
    page.get_by_label("What would you like us to do to put things right?").fill("Be on time.")
    _continue(page)
    page.get_by_role("button", name="Upload file").click()  # no file chosen
    assert_accessible(page)
    _continue(page)
    assert_accessible(page)
    page.get_by_label("Full name").fill("Pat")
    page.get_by_label("Phone number (optional)").fill("01632 960 001")
    _continue(page)
    assert_accessible(page)
    screenshot(page, "public-complaint-check")
    page.get_by_role("button", name="Send complaint").click()
    assert_accessible(page)


def test_young_person_form_is_accessible_and_keeps_their_words(page, org):
    page.goto("/public/young-person/")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    assert_accessible(page)
    page.get_by_label("What has happened that you are not happy about?").fill(
        "i dont like my placement"
    )
    _continue(page)
    assert_accessible(page)
    _continue(page)
    assert_accessible(page)
    page.get_by_label("I'm not sure").check()
    _continue(page)
    assert_accessible(page)
    page.get_by_label("Yes", exact=True).check()
    _continue(page)
    assert_accessible(page)
    page.get_by_label("Your name").fill("Kai")
    page.get_by_label("Email address (optional)").fill("kai@example.org")
    _continue(page)
    assert_accessible(page)
    # The confirmation in their words, not the adult form's.
    assert page.locator("h1").inner_text() == "Check what you have told us"
    assert (
        "what you have written is true, as far as you know"
        in page.locator("#confirmation").inner_text()
    )
    assert "to the best of your knowledge" not in page.content()
    screenshot(page, "public-young-person-check")
    page.get_by_role("button", name="Send").click()
    assert_accessible(page)
    assert Case.objects.get().summary == "i dont like my placement"


def test_advocate_form_is_accessible(page, org):
    page.goto("/public/advocate/")
    page.get_by_role("button", name="Start now").click()
    assert_accessible(page)
    page.get_by_label("Advocacy service").fill("Voice for Children")
    page.get_by_label("Full name").fill("Ash Advocate")
    page.get_by_label("Email address", exact=True).fill("ash@voice.example")
    _continue(page)
    page.get_by_label("Full name").fill("Robin")
    _continue(page)
    _continue(page)  # not confirmed: error
    assert_accessible(page)
    page.get_by_label("The child or young person has asked me").check()
    _continue(page)
    page.get_by_label("Fostering").check()
    _continue(page)
    page.get_by_label("What is the complaint?").fill("Robin wants to stay.")
    _continue(page)
    assert_accessible(page)
    _continue(page)  # when it happened: not sure
    page.get_by_label("What would the child or young person like to happen?").fill("To stay.")
    _continue(page)
    _continue(page)
    assert_accessible(page)
    screenshot(page, "public-advocate-check")
    page.get_by_role("button", name="Send complaint").click()
    assert Case.objects.get().via_advocate is True


def test_compliment_equality_and_feedback_forms_are_accessible(page, org):
    page.goto("/public/compliment/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Fostering").check()
    _continue(page)
    assert_accessible(page)
    page.get_by_label("What would you like to tell us?").fill("Brilliant support.")
    _continue(page)
    page.get_by_role("button", name="Send compliment").click()
    assert_accessible(page)
    assert Compliment.objects.count() == 1

    page.goto(f"/public/equality/?directorate={org['children'].directorate_id}")
    assert_accessible(page)
    screenshot(page, "public-equality")
    page.get_by_label("Prefer not to say").first.check()
    page.get_by_role("button", name="Send answers").click()
    assert_accessible(page)
    assert EqualityResponse.objects.get().directorate_id == org["children"].directorate_id

    page.goto("/public/feedback/")
    page.get_by_role("button", name="Send survey").click()  # empty: error
    assert_accessible(page)
    screenshot(page, "public-feedback-error")
