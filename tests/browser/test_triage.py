"""The complaints team's day in a real browser: the triage queue walked by keyboard alone
(an unusual procedure warned and confirmed), the timeline, reassignment one at a time and in
bulk, the caseload for managers, and the public pages' accessibility statement. axe-core on
every page; screenshots of the new pages for the docs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from complaintsdesk.cases import services
from complaintsdesk.cases.models import Case
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_casework import (
    PASSWORD,
    choose_radio,
    council,  # noqa: F401  (the fixture)
    press_on,
    sign_in,
    tab_to,
    type_into,
)


def web_arrival(council):  # noqa: F811
    case = services.case_create(
        actor=None,
        procedure="children_statutory",
        service_area=council.area,
        received=timezone.localdate(),
        channel="web",
        received_via="web_form",
        complainant_name="Robin Resident",
        summary="Nobody rang me back about my son's review",
    )
    Case.objects.filter(pk=case.pk).update(triage_since=timezone.now() - timedelta(days=2))
    return case


def test_triage_by_keyboard_alone(page, council):  # noqa: F811
    arrival = web_arrival(council)
    page.goto("/accounts/sign-in/")
    type_into(page, "#id_username", "officer")
    type_into(page, "#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The queue leads My work: the web arrival, who logged it, how long it has waited.
    queue = page.locator("#triage + table")
    assert "Awaiting triage (2)" in page.locator("#triage").inner_text()
    first_row = queue.locator("tbody tr").first
    assert arrival.reference in first_row.inner_text()
    assert "Public web form" in first_row.inner_text() and "2 days" in first_row.inner_text()
    assert_accessible(page)
    screenshot(page, "my-work-triage-queue")

    press_on(page, f"a[href='/cases/{arrival.reference}/-/triage/']")
    # An adults' procedure for a children's service: warned, not refused.
    tab_to(page, "#id_procedure")
    page.keyboard.type("Adults")
    tab_to(page, "#id_team")
    page.keyboard.type("Team A")
    choose_radio(page, "first_stage", "stage1")
    tab_to(page, "#id_owner")
    page.keyboard.type("manager")
    press_on(page, "#main-form button[type=submit]")
    summary = page.locator(".govuk-error-summary")
    assert "usually follow the Children's statutory procedure" in summary.inner_text()
    assert_accessible(page)
    screenshot(page, "triage-procedure-warning")
    # The error summary links to the box; tick it and save again.
    tab_to(page, "#id_procedure_checked")
    page.keyboard.press("Space")
    press_on(page, "#main-form button[type=submit]")
    page.wait_for_selector(".govuk-notification-banner--success")
    arrival.refresh_from_db()
    assert (arrival.status, arrival.procedure, arrival.owner.username) == (
        "open",
        "adults_statutory",
        "manager",
    )

    # The case page: owner, the warning kept, and the timeline of what happened.
    assert "usually follow" in page.locator(".govuk-warning-text").first.inner_text()
    timeline = page.locator(".cd-timeline")
    text = timeline.inner_text()
    assert text.index("Case logged") < text.index("Triaged") < text.index("Stage 1 started")
    assert "Received via public web form" in text and "By The complainant" in text
    assert_accessible(page)
    screenshot(page, "case-timeline")

    # Reassign it back to the officer who triaged it.
    press_on(page, f"a[href='/cases/{arrival.reference}/-/reassign/']")
    tab_to(page, "#id_owner")
    page.keyboard.type("officer")
    assert_accessible(page)
    screenshot(page, "reassign")
    press_on(page, "#main-form button[type=submit]")
    page.wait_for_selector(".govuk-notification-banner--success")
    arrival.refresh_from_db()
    assert arrival.owner.username == "officer"
    assert "Owner: manager to officer" in page.locator(".cd-timeline").inner_text()


def test_bulk_reassign_and_the_caseload_by_keyboard(page, council):  # noqa: F811
    page.goto("/accounts/sign-in/")
    type_into(page, "#id_username", "manager")
    type_into(page, "#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto("/cases/?status=open&sort=reference")
    for case in (council.front, council.case_b):
        tab_to(page, f"#select-{case.pk}")
        page.keyboard.press("Space")
    tab_to(page, "#id_bulk_owner")
    page.keyboard.type("manager")
    assert_accessible(page)
    screenshot(page, "case-list-bulk-reassign")
    press_on(page, "#bulk-form button[type=submit]")
    banner = page.locator(".govuk-notification-banner--success")
    assert "2 cases reassigned to manager" in banner.inner_text()
    assert "status=open" in page.url  # back on the same filtered list
    owners = set(
        Case.objects.filter(pk__in=[council.front.pk, council.case_b.pk]).values_list(
            "owner__username", flat=True
        )
    )
    assert owners == {"manager"}

    press_on(page, "a[href='/caseload/']")
    rows = page.locator("#by-owner + table tbody tr")
    assert rows.count() == 2
    assert "manager" in rows.nth(0).inner_text() or "manager" in rows.nth(1).inner_text()
    assert_accessible(page)
    screenshot(page, "caseload")


def test_a_responding_manager_sees_their_teams_caseload(page, council):  # noqa: F811
    sign_in(page, "responder")
    assert page.locator("#triage").count() == 0  # the queue is the complaints team's
    page.goto("/caseload/")
    assert page.locator("#total-open").inner_text() == "2"  # Team A's two open cases
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_the_accessibility_statement_and_footer(page):
    page.goto("/public/")
    footer = page.locator(".govuk-footer")
    assert footer.get_by_role("link", name="Accessibility statement").is_visible()
    assert footer.get_by_role("link", name="Cookies").is_visible()
    footer.get_by_role("link", name="Accessibility statement").click()
    assert page.locator("h1").inner_text().startswith("Accessibility statement")
    assert_accessible(page)
    screenshot(page, "public-accessibility-statement")
    page.locator(".govuk-footer").get_by_role("link", name="Cookies").click()
    assert_accessible(page)
