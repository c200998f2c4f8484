"""The report pages in a real browser: the quarterly dashboard, the annual report in both
editions, the filters, the drill-down to records, the narrative, the personal data check and
what Leadership see; axe-core (WCAG 2.2 AA) on every page; screenshots for the docs."""

import re
from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import get_resolver

from complaintsdesk.accounts.roles import LEADERSHIP, MANAGER
from complaintsdesk.cases.models import Learning
from complaintsdesk.deadlines.selectors import calendar_current
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_casework import PASSWORD, sign_in
from tests.reporting_docs.data import CSC, build_world, report_finish

YEAR = "2023-24"
DIRECTORATE = "Children's Services"
KEIRA = "Keira was advised to stay with her friend for the weekend."


def make_user(username: str, role: str):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=username.title()
    )
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def reports(transactional_db):
    # Import every URLconf (the reports import matplotlib) and build the working-day calendar
    # now, so the first page load does not spend the browser's timeout on them.
    assert get_resolver().url_patterns
    calendar_current()
    world = build_world(scale=3)
    make_user("manager", MANAGER)
    make_user("leader", LEADERSHIP)
    return world


@pytest.fixture
def slow_page(page):
    # Report pages draw charts and run self-checks; the machine may be busy.
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(60_000)
    return page


def report_heading(page) -> str:
    return page.locator("h1").first.inner_text()


def test_manager_sees_every_report_page(slow_page, reports):
    page = slow_page
    sign_in(page, "manager")

    page.goto("/reports/")
    assert_accessible(page)
    screenshot(page, "report-index")

    # The quarterly dashboard, then filtered with the form: year, quarter, service area.
    page.goto(f"/reports/quarterly/?year={YEAR}")
    assert "complaints dashboard" in report_heading(page)
    assert "Internal edition" in page.content()
    assert_accessible(page)
    screenshot(page, "report-quarterly")
    page.select_option("#f-year", YEAR)
    page.select_option("#f-quarter", "Q2")
    page.select_option("#f-area", CSC)
    page.click("button:has-text('Show report')")
    page.wait_for_url(re.compile(r".*service_area=.*"))
    assert report_heading(page) == f"{CSC}: complaints dashboard, Q2 {YEAR}"
    assert_accessible(page)

    # The annual report, internal edition, with a link to the records behind each figure.
    page.goto(f"/reports/annual/?year={YEAR}")
    assert "Internal edition: not for publication" in page.content()
    assert page.locator("a[href*='/reports/records/']").count() > 0
    assert_accessible(page)
    screenshot(page, "report-annual-internal")

    # Filtered by directorate, then by service area, through the form.
    page.select_option("#f-directorate", DIRECTORATE)
    page.click("button:has-text('Show report')")
    page.wait_for_url(re.compile(r".*directorate=.*"))
    assert parse_qs(urlparse(page.url).query)["directorate"] == [DIRECTORATE]
    assert DIRECTORATE in report_heading(page) or DIRECTORATE in page.content()
    assert_accessible(page)
    page.select_option("#f-directorate", "")
    page.select_option("#f-area", CSC)
    page.select_option("#f-year", "2022-23")
    page.click("button:has-text('Show report')")
    page.wait_for_url(re.compile(r".*year=2022-23.*"))
    cover = page.locator(".report-cover").inner_text()
    assert "2022-23" in report_heading(page) or "2022-23" in cover
    assert CSC in page.locator(".report-cover").inner_text()
    assert_accessible(page)

    # The published edition: no links to records, symbols explained.
    page.goto(f"/reports/annual/?year={YEAR}&edition=published")
    assert "Published edition" in page.content()
    assert page.locator("a[href*='/reports/records/']").count() == 0
    assert page.locator(".report-markers").is_visible()
    assert_accessible(page)
    screenshot(page, "report-annual-published")

    # Drill down: follow a count's link; the list has as many records as the figure says.
    page.goto(f"/reports/annual/?year={YEAR}")
    links = page.locator("td.govuk-table__cell--numeric a[href*='/reports/records/']")
    figure_link = None
    for i in range(links.count()):
        shown = links.nth(i).inner_text().split(":")[0].strip()
        if re.fullmatch(r"[1-9]\d?", shown):
            figure_link, figure = links.nth(i), int(shown)
            break
    assert figure_link is not None, "no count with a link to its records"
    figure_link.click()
    page.wait_for_url(re.compile(r".*/reports/records/\?.*"))
    assert page.locator("h2", has_text=f"{figure} record").first.is_visible()
    assert page.locator("table.govuk-table tbody tr").count() == figure
    assert_accessible(page)
    screenshot(page, "report-records")

    # The quarterly dashboard's figures link to their records too.
    page.goto(f"/reports/quarterly/?year={YEAR}&quarter=Q1&service_area={CSC}")
    assert page.locator("a[href*='/reports/records/']").count() > 0


def test_manager_writes_a_narrative_and_sees_it_in_the_report(slow_page, reports):
    page = slow_page
    sign_in(page, "manager")
    page.goto(f"/reports/annual/?year={YEAR}")
    page.locator("#section-summary a", has_text="the narrative").click()
    page.wait_for_url(re.compile(rf".*/reports/narrative/{YEAR}/summary/"))
    assert "narrative" in report_heading(page)
    assert_accessible(page)
    screenshot(page, "report-narrative")
    page.fill("#id_text", "Complaints fell this year as teams resolved more concerns early.")
    page.click("button:has-text('Save narrative')")
    page.wait_for_url(re.compile(r".*/reports/annual/\?year=.*"))
    narrative = page.locator("#section-summary .report-narrative")
    assert "resolved more concerns early" in narrative.inner_text()
    assert_accessible(page)

    # The saved version is listed on the narrative page.
    page.goto(f"/reports/narrative/{YEAR}/summary/")
    assert page.locator("table", has_text="resolved more concerns early").is_visible()
    assert_accessible(page)


def test_personal_data_refuses_publication_until_accepted(slow_page, reports):
    Learning.objects.create(
        key="L-KEIRA",
        service_area=reports.csc,
        recorded=date(2023, 12, 1),
        learning=KEIRA,
        action="Concerns shared with the service manager.",
        status="implemented",
    )
    # Written and signed off: only the personal data stands in the way.
    report_finish(manager=get_user_model().objects.get(username="manager"))
    page = slow_page
    sign_in(page, "manager")

    # The published edition warns the team, and its download is refused, naming the record.
    page.goto(f"/reports/annual/?year={YEAR}&edition=published")
    assert "This edition cannot be published yet" in page.content()
    assert_accessible(page)
    response = page.goto(f"/reports/annual/download/html/?year={YEAR}&edition=published")
    assert response.status == 409
    assert "cannot be released yet" in report_heading(page)
    assert "L-KEIRA" in page.locator("main").inner_text()
    assert_accessible(page)
    screenshot(page, "report-publication-refused")

    # The findings page names the record and the text found; accept it as safe.
    page.click("a:has-text('Review the findings')")
    page.wait_for_url(re.compile(rf".*/reports/privacy/{YEAR}/"))
    row = page.locator("tbody tr", has_text="L-KEIRA")
    assert "Keira" in row.locator("mark").inner_text()
    assert_accessible(page)
    screenshot(page, "report-privacy")
    row.locator("button", has_text="Accept as safe").click()
    page.wait_for_selector(".govuk-panel--confirmation")
    assert "Ready to publish" in page.content()
    assert_accessible(page)

    # Now the published edition may be downloaded.
    response = page.goto(f"/reports/annual/download/html/?year={YEAR}&edition=published")
    assert response.status == 200
    assert "Published edition" in page.content()


def test_leadership_see_only_the_published_edition(slow_page, reports):
    page = slow_page
    sign_in(page, "leader")
    for url in (
        f"/reports/annual/?year={YEAR}",
        f"/reports/annual/?year={YEAR}&edition=internal",
        f"/reports/quarterly/?year={YEAR}&edition=internal",
    ):
        page.goto(url)
        assert "Published edition" in page.content()
        assert "Internal edition" not in page.content()
        assert page.locator("#f-edition").count() == 0
        assert page.locator("a[href*='/reports/records/']").count() == 0
        assert page.locator("a[href*='/reports/narrative/']").count() == 0
        assert_accessible(page)
        if url.startswith("/reports/annual/") and "edition" not in url:
            screenshot(page, "report-leadership")

    response = page.goto(
        f"/reports/records/?year={YEAR}&by=council&group=council&period=year&figure=formal"
    )
    assert response.status == 403
