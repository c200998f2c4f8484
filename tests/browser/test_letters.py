"""Writing a letter in a real browser, as a complaints officer, by keyboard: choose the
acknowledgement, check the merged wording (the engine's due date), make the PDF, download it
from the case; and "why this date" on the stage. axe-core on each page."""

import re

from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_casework import council, sign_in  # noqa: F401  (council is a fixture)


def press_on(page, selector: str, key: str = "Enter") -> None:
    page.focus(selector)
    page.keyboard.press(key)


def test_officer_writes_an_acknowledgement_as_a_pdf(page, council):  # noqa: F811
    sign_in(page, "officer")
    reference = council.front.reference
    page.goto(f"/cases/{reference}/")

    # "Why this date" on the stage: the rule and the days counted.
    page.click("summary:has-text('Why this date')")
    assert page.is_visible("text=10 working days after 3 March 2025")
    assert_accessible(page)
    screenshot(page, "why-this-date")

    press_on(page, "a:has-text('Letters and emails')")
    page.wait_for_url(re.compile(r".*/-/correspondence/$"))
    assert page.is_visible("text=No letters or emails yet.")
    assert_accessible(page)

    press_on(page, "a:has-text('Write a letter')")
    page.wait_for_url(re.compile(r".*/-/letters/new/$"))
    assert_accessible(page)
    page.focus("#id_kind")
    page.select_option("#id_kind", "acknowledgement")
    press_on(page, "button:has-text('Continue')")
    page.wait_for_url(re.compile(r".*kind=acknowledgement$"))

    body = page.input_value("#id_body")
    assert "We will send you our response by 17 March 2025." in body
    assert page.input_value("#id_subject") == f"We have received your complaint ({reference})"
    assert_accessible(page)
    screenshot(page, "letter-write")
    page.fill("#id_body", body.replace("Thank you for", "Thank you very much for"))
    page.check("input[name=via][value=pdf]")
    press_on(page, "button:has-text('Make the letter')")
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.is_visible("text=PDF made: it is kept on the case")
    assert page.is_visible("text=Thank you very much for")
    assert_accessible(page)

    with page.expect_download() as download:
        page.click("a:has-text('Acknowledgement letter')")
    path = download.value.path()
    assert path is not None and open(path, "rb").read(5) == b"%PDF-"

    page.goto(f"/cases/{reference}/-/correspondence/")
    assert page.is_visible(f"text=We have received your complaint ({reference})")


def test_the_new_pages_pass_axe(page, council):  # noqa: F811
    """Every page issue 14's letters, mail and pause added, as the complaints manager."""
    sign_in(page, "manager")
    a, front = council.case_a.reference, council.front.reference
    failures = []
    for url in (
        "/administration/letters/",
        "/administration/letters/response_partly_upheld/",
        f"/cases/{a}/-/correspondence/",
        f"/cases/{a}/-/correspondence/email-file/",
        f"/cases/{a}/-/letters/new/",
        f"/cases/{front}/-/stages/stage1/pause/",
    ):
        page.goto(url)
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures.append(f"{url}: {error}")
    assert failures == [], "\n".join(failures)


def test_manager_edits_a_template_and_a_wrong_field_is_explained(page, council):  # noqa: F811
    sign_in(page, "manager")
    page.goto("/administration/letters/holding/")
    page.fill("#id_body", "We expect to reply by {{ due_dat }}.")
    page.click("button:has-text('Save')")
    assert page.is_visible("text={{ due_dat }} is not a merge field")
    assert_accessible(page)  # the error summary and the inline error
    page.fill("#id_body", "We expect to reply by {{ due_date }}.")
    page.click("button:has-text('Save')")
    page.wait_for_selector(".govuk-notification-banner--success")
    screenshot(page, "letter-templates")
    assert page.is_visible("text=The council's, saved")
