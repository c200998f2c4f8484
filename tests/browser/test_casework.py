"""Casework in a real browser: one case from logging to an Ombudsman decision and a learning
action; the core flow by keyboard alone; axe-core on every page; screenshots for the docs."""

import re
from datetime import date

import pytest
from django.urls import get_resolver, reverse

from complaintsdesk.cases.services_learning import compliment_create
from complaintsdesk.deadlines.selectors import calendar_current
from tests.browser.conftest import assert_accessible, screenshot
from tests.casework.conftest import build_world

PASSWORD = "not-a-real-password-1"


@pytest.fixture
def council(transactional_db):
    # Import every URLconf (the reports import matplotlib) and build the working-day calendar
    # now, so the first page load does not spend the browser's timeout on them.
    assert get_resolver().url_patterns
    calendar_current()
    return build_world()


def sign_in(page, username: str) -> None:
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(re.compile(r".*/$"))


def fill_date(page, name: str, day: int, month: int, year: int) -> None:
    page.fill(f"#id_{name}-day", str(day))
    page.fill(f"#id_{name}-month", str(month))
    page.fill(f"#id_{name}-year", str(year))


def stage_card(page, title: str):
    return page.locator(
        ".govuk-summary-card", has=page.locator(".govuk-summary-card__title", has_text=title)
    )


def submit(page, label: str = "Save") -> None:
    page.locator("#main-form button[type=submit]", has_text=label).click()
    page.wait_for_selector(".govuk-notification-banner--success")


def test_one_case_from_logging_to_ombudsman_and_learning(page, council):
    sign_in(page, "officer")
    screenshot(page, "my-work")

    page.click("text=Log a case")
    page.check("label:has-text('Phone')")
    fill_date(page, "received", 3, 3, 2025)
    page.select_option("#id_procedure", "children_statutory")
    page.select_option("#id_service_area", label="Children's social care")
    page.select_option("#id_team", label="Team A")
    page.check("label:has-text('Stage 1')")
    page.fill("#id_complainant_name", "Pat Parent")
    page.fill("#id_child_name", "Kim Child")
    page.fill("#id_summary", "Missed visits and a late review")
    screenshot(page, "log-a-case")
    submit(page, "Log case")
    reference = page.locator("h1").inner_text().split()[1]
    assert reference.startswith("COM/")

    # Stage 1: acknowledge, then respond.
    stage_card(page, "Stage 1").locator("a", has_text="Acknowledge").click()
    fill_date(page, "on", 4, 3, 2025)
    submit(page)
    stage_card(page, "Stage 1").locator("a", has_text="Record response").click()
    fill_date(page, "on", 10, 3, 2025)
    page.check("label:has-text('Not upheld')")
    submit(page)
    assert "Stage 1: Not upheld" in page.content()

    # Stage 2: escalate, appoint an investigating officer, extend too far (refused), respond.
    page.click("a:has-text('Escalate to Stage 2')")
    fill_date(page, "started", 17, 3, 2025)
    submit(page, "Escalate")
    stage_card(page, "Stage 2").locator("a", has_text="Appoint").click()
    page.select_option("#id_role", "investigating_officer")
    page.select_option("#id_user", label="investigator")
    fill_date(page, "on", 18, 3, 2025)
    submit(page, "Appoint")
    stage_card(page, "Stage 2").locator("a", has_text="Extend").click()
    fill_date(page, "extended_to", 30, 9, 2025)
    page.fill("#id_reason", "Investigating officer unavailable")
    page.locator("#main-form button[type=submit]").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert (
        "can be extended to at most 65 working days"
        in page.locator(".govuk-error-summary").inner_text()
    )
    screenshot(page, "extension-refused")
    page.click("a:has-text('Cancel')")
    stage_card(page, "Stage 2").locator("a", has_text="Record response").click()
    fill_date(page, "on", 10, 4, 2025)
    page.check("label:has-text('Partly upheld')")
    submit(page)

    # Stage 3: escalate, record the panel, respond.
    page.click("a:has-text('Escalate to Stage 3')")
    fill_date(page, "started", 14, 4, 2025)
    submit(page, "Escalate")
    stage_card(page, "Stage 3").locator("a", has_text="Record panel date").click()
    fill_date(page, "held", 1, 5, 2025)
    submit(page)
    stage_card(page, "Stage 3").locator("a", has_text="Record response").click()
    fill_date(page, "on", 20, 5, 2025)
    page.check("label:has-text('Upheld')")
    submit(page)
    screenshot(page, "case-page")

    # The Ombudsman: enquiry, decision with a recommendation, compliance.
    page.click("a:has-text('Record an Ombudsman enquiry')")
    page.fill("#id_lgsco_reference", "25009876")
    page.select_option("#id_service_area", label="Children's social care")
    fill_date(page, "received", 2, 6, 2025)
    submit(page)
    page.click("a:has-text('Record the decision')")
    page.select_option("#id_decision", "upheld")
    fill_date(page, "decided", 1, 9, 2025)
    page.fill("#id_remedy_amount", "250")
    page.fill("#id_recommendations", "Review all care plans in the team")
    fill_date(page, "compliance_due", 1, 10, 2025)
    submit(page)
    page.click("a:has-text('Record compliance')")
    fill_date(page, "complied", 15, 9, 2025)
    submit(page)
    assert "Complied" in page.content()
    screenshot(page, "ombudsman-case")

    # Learning from the case, with an owner and due date.
    page.goto(reverse("cases:case", args=[reference]))
    page.click("a:has-text('Record learning')")
    page.fill("#id_learning", "Reviews slipped when staff were away")
    page.fill("#id_action", "Cover list for reviews")
    page.fill("#id_owner", "Team A manager")
    fill_date(page, "due", 1, 12, 2025)
    page.check("label:has-text('In progress')")
    submit(page)
    assert "Cover list for reviews" in page.content()
    page.goto("/learning/")
    assert "Cover list for reviews" in page.content()
    screenshot(page, "learning")


# --- the keyboard alone -------------------------------------------------------------------


def tab_to(page, selector: str, limit: int = 250) -> None:
    """Press Tab until the focused element matches `selector` (fails if it never does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def type_date(page, name: str, day: int, month: int, year: int) -> None:
    type_into(page, f"#id_{name}-day", str(day))
    page.keyboard.press("Tab")
    page.keyboard.type(str(month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(year))


def press_on(page, selector: str, key: str = "Enter") -> None:
    tab_to(page, selector)
    if key == "Enter":  # follows a link or submits: wait for the next page
        with page.expect_navigation():
            page.keyboard.press(key)
    else:
        page.keyboard.press(key)


def choose_radio(page, name: str, value: str) -> None:
    """A radio group is one Tab stop; the arrow keys move (and select) within it."""
    tab_to(page, f"input[name={name}]")
    page.keyboard.press("Space")
    for _ in range(10):
        if page.evaluate("() => document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"No {value} option in {name}")


def test_core_flow_by_keyboard_alone(page, council):
    """Logging, stages 1, 2 and 3, an Ombudsman decision and a learning action: Tab, Enter,
    Space, the arrow keys and typing only."""
    page.goto("/accounts/sign-in/")
    type_into(page, "#id_username", "officer")
    type_into(page, "#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    press_on(page, "a[href='/cases/new/']")
    page.wait_for_url("**/cases/new/")
    choose_radio(page, "channel", "phone")
    type_date(page, "received", 3, 3, 2025)
    tab_to(page, "#id_procedure")
    page.keyboard.type("Children")
    tab_to(page, "#id_service_area")
    page.keyboard.type("Children")
    tab_to(page, "#id_team")
    page.keyboard.type("Team A")
    choose_radio(page, "first_stage", "stage1")
    type_into(page, "#id_complainant_name", "Pat Parent")
    type_into(page, "#id_summary", "Missed visits")
    press_on(page, "#main-form button[type=submit]")
    page.wait_for_selector(".govuk-notification-banner--success")

    press_on(page, "a[href*='/stages/stage1/acknowledge/']")
    type_date(page, "on", 4, 3, 2025)
    press_on(page, "#main-form button[type=submit]")
    page.wait_for_selector(".govuk-notification-banner--success")

    press_on(page, "a[href*='/stages/stage1/respond/']")
    type_date(page, "on", 10, 3, 2025)
    choose_radio(page, "outcome", "upheld")
    press_on(page, "#main-form button[type=submit]")
    page.wait_for_selector(".govuk-notification-banner--success")
    assert "Stage 1: Upheld" in page.content()

    press_on(page, "a[href*='/-/escalate/']")
    type_date(page, "started", 17, 3, 2025)
    press_on(page, "#main-form button[type=submit]")
    page.wait_for_selector(".govuk-notification-banner--success")

    press_on(page, "a[href*='/stages/stage2/respond/']")
    type_date(page, "on", 10, 4, 2025)
    choose_radio(page, "outcome", "not_upheld")
    press_on(page, "#main-form button[type=submit]")
    page.wait_for_selector(".govuk-notification-banner--success")
    assert "Stage 2: Not upheld" in page.content()

    # Stage 3: escalate (Space works on the button-styled link too), the panel, the response.
    tab_to(page, "a[href*='/-/escalate/']")
    assert page.evaluate("() => document.activeElement.textContent") == "Escalate to Stage 3"
    with page.expect_navigation():
        page.keyboard.press("Space")
    type_date(page, "started", 14, 4, 2025)
    press_on(page, "#main-form button[type=submit]")
    page.wait_for_selector(".govuk-notification-banner--success")
    assert stage_card(page, "Stage 3").is_visible()

    press_on(page, "a[href*='/stages/stage3/panel/']")
    type_date(page, "held", 1, 5, 2025)
    press_on(page, "#main-form button[type=submit]")
    page.wait_for_selector(".govuk-notification-banner--success")
    assert "1 May 2025" in stage_card(page, "Stage 3").inner_text()

    press_on(page, "a[href*='/stages/stage3/respond/']")
    type_date(page, "on", 20, 5, 2025)
    choose_radio(page, "outcome", "partly_upheld")
    press_on(page, "#main-form button[type=submit]")
    page.wait_for_selector(".govuk-notification-banner--success")
    assert "Stage 3: Partly upheld" in page.content()
    case_url = page.url

    # The Ombudsman: an enquiry about this case, then the decision.
    press_on(page, "a[href*='/ombudsman/new/']")
    type_into(page, "#id_lgsco_reference", "25007777")
    tab_to(page, "#id_service_area")
    page.keyboard.type("Children")
    type_date(page, "received", 2, 6, 2025)
    press_on(page, "#main-form button[type=submit]")
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.locator("h1").inner_text() == "25007777"

    press_on(page, "a[href$='/decision/']")
    tab_to(page, "#id_decision")
    page.keyboard.type("Upheld")
    type_date(page, "decided", 1, 9, 2025)
    type_into(page, "#id_remedy_amount", "250")
    type_into(page, "#id_recommendations", "Review all care plans in the team")
    type_date(page, "compliance_due", 1, 10, 2025)
    press_on(page, "#main-form button[type=submit]")
    page.wait_for_selector(".govuk-notification-banner--success")
    summary = page.locator(".govuk-summary-list").inner_text()
    assert "Upheld" in summary and "1 September 2025" in summary and "£250" in summary

    # Back to the case by its link, and learning with an action for it.
    press_on(page, "dd a[href*='/cases/']")
    assert page.url == case_url
    assert page.locator("li", has_text="25007777").inner_text() == "25007777: Upheld"
    press_on(page, "a[href*='/-/learning/new/']")
    type_into(page, "#id_learning", "Reviews slipped when staff were away")
    type_into(page, "#id_action", "Cover list for reviews")
    type_into(page, "#id_owner", "Team A manager")
    type_date(page, "due", 1, 12, 2025)
    choose_radio(page, "status", "in_progress")
    press_on(page, "#main-form button[type=submit]")
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.url == case_url
    learning = page.locator("table", has_text="Cover list for reviews").inner_text()
    assert "Team A manager" in learning and "In progress" in learning


# --- accessibility of every page, and the screenshots -------------------------------------


def every_page(w) -> list[tuple[str, str]]:
    a, front, triage = w.case_a.reference, w.front.reference, w.triage.reference
    compliment = compliment_create(
        actor=None, received=date(2025, 4, 1), service_area=w.area, team=None, summary="Thanks"
    )
    return [
        ("my-work-manager", "/"),
        ("case-list", "/cases/"),
        ("case-list-search", "/cases/?q=Alex&status=open&sort=due"),
        ("log-a-case-form", "/cases/new/"),
        ("case-page-stage-2", reverse("cases:case", args=[a])),
        ("case-page-triage", reverse("cases:case", args=[triage])),
        ("triage", reverse("cases:triage", args=[triage])),
        ("close", reverse("cases:close", args=[triage])),
        ("edit", reverse("cases:edit", args=[a])),
        ("who-can-see", reverse("cases:restrict", args=[a])),
        ("who-can-see-restricted", reverse("cases:restrict", args=[w.secret.reference])),
        ("escalate", reverse("cases:escalate", args=[front])),
        ("link", reverse("cases:link", args=[a])),
        ("note", reverse("cases:note", args=[a])),
        ("child", reverse("cases:child", args=[a])),
        ("document-upload", reverse("cases:document_upload", args=[a])),
        ("document-remove", reverse("cases:document_remove", args=[a, w.document.pk])),
        ("case-learning", reverse("cases:learning_new", args=[a])),
        ("case-audit", reverse("cases:audit", args=[a])),
        ("acknowledge", reverse("cases:acknowledge", args=[front, "stage1"])),
        ("respond", reverse("cases:respond", args=[front, "stage1"])),
        ("withdraw", reverse("cases:withdraw", args=[front, "stage1"])),
        ("extend", reverse("cases:extend", args=[front, "stage1"])),
        ("appoint", reverse("cases:appoint", args=[a, "stage2"])),
        ("costs", reverse("cases:costs", args=[a, "stage2"])),
        ("reopen-stage", reverse("cases:stage_reopen", args=[a, "stage1"])),
        ("ombudsman-list", "/ombudsman/"),
        ("ombudsman-new", "/ombudsman/new/"),
        ("ombudsman-page", f"/ombudsman/{w.lgsco.pk}/"),
        ("ombudsman-decision", f"/ombudsman/{w.lgsco.pk}/decision/"),
        ("learning-list", "/learning/"),
        ("learning-edit", f"/learning/{w.learning.pk}/"),
        ("compliments", "/compliments/"),
        ("compliment-new", "/compliments/new/"),
        ("compliment-edit", f"/compliments/{compliment.pk}/"),
        ("administration", "/administration/"),
        ("organisation", "/administration/organisation/"),
        ("users", "/administration/users/"),
        ("user-new", "/administration/users/new/"),
        ("user-edit", f"/administration/users/{w.users['panel'].pk}/"),
        ("closure-days", "/administration/closure-days/"),
        ("timescales", "/administration/timescales/"),
        ("timescale-new", "/administration/timescales/new/"),
        ("recommendation-new", f"/ombudsman/{w.lgsco.pk}/recommendations/new/"),
        ("self-assessment", "/self-assessment/2026-27/"),
        ("self-assessment-answer", "/self-assessment/2026-27/5.1/"),
        ("ombudsman-figures", "/self-assessment/2026-27/ombudsman-figures/"),
    ]


MAIN_SCREENSHOTS = {
    "case-list",
    "case-page-stage-2",
    "administration",
    "users",
    "closure-days",
    "timescales",
    "ombudsman-list",
    "compliments",
    "case-audit",
    "self-assessment",
}


def test_every_page_passes_axe(page, council):
    sign_in(page, "manager")
    failures = []
    for name, url in every_page(council):
        page.goto(url)
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures.append(f"{name} {url}: {error}")
        if name in MAIN_SCREENSHOTS:
            screenshot(page, name)
    assert failures == [], "\n".join(failures)


def test_error_pages_pass_axe(page, council):
    """A form with errors (error summary, inline errors) and a stale save."""
    sign_in(page, "officer")
    page.goto("/cases/new/")
    page.locator("#main-form button[type=submit]").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    screenshot(page, "log-a-case-errors")
    # Someone else saves the case between loading and saving the form.
    url = reverse("cases:respond", args=[council.front.reference, "stage1"])
    page.goto(url)
    from complaintsdesk.cases import services

    services.note_add(actor=council.users["manager"], case=council.front, text="x")
    services.case_update(
        actor=council.users["manager"],
        case=council.front,
        expected_version=None,
        summary="Changed meanwhile",
    )
    fill_date(page, "on", 10, 3, 2025)
    page.check("label:has-text('Upheld')")
    page.locator("#main-form button[type=submit]").click()
    assert "Someone else changed this case" in page.locator(".govuk-error-summary").inner_text()
    assert page.locator("#id_on-day").input_value() == "10"  # their input is still there
    assert_accessible(page)
    screenshot(page, "stale-edit")


def test_sign_in_page_passes_axe(page, council):
    page.goto("/accounts/sign-in/")
    assert_accessible(page)
    screenshot(page, "sign-in")
    page.goto("/accounts/password-reset/")
    assert_accessible(page)


def test_restricting_a_case_and_editing_its_details(page, council):
    """Who can see this case: restrict it to named people; the edit page's new details,
    with an error on the events date; axe on each."""
    sign_in(page, "officer")
    case_url = reverse("cases:case", args=[council.case_a.reference])
    page.goto(case_url)
    assert page.locator(".govuk-warning-text").first.is_visible()  # stage 2 unacknowledged
    assert_accessible(page)
    page.click("a:has-text('Who can see this case')")
    page.check("label:has-text('Yes: only complaints managers')")
    page.check("label:has-text('officer')")
    page.check("label:has-text('investigator')")
    assert_accessible(page)
    submit(page)
    assert page.locator("h1 .govuk-tag--red", has_text="Restricted").is_visible()

    page.click("a:has-text('Edit details')")
    page.select_option("#id_channel", "letter")
    page.fill("#id_complainant_address", "1 High Street")
    page.check("label[for=id_consent_to_act_1]")
    fill_date(page, "events_date", 1, 1, 2030)
    page.locator("#main-form button[type=submit]").click()
    assert "The events cannot be after" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    fill_date(page, "events_date", 1, 1, 2024)
    submit(page)
    assert (
        "more than 12 months after the events"
        in page.locator(".govuk-warning-text", has_text="12 months").inner_text()
    )
