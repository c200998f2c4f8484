"""Under the Content-Security-Policy, Chromium reports no violation on the key pages and
GOV.UK Frontend still starts (the inline js-enabled snippet ran; components initialised)."""

import pytest
from django.urls import get_resolver

from complaintsdesk.deadlines.selectors import calendar_current
from tests.browser.test_casework import sign_in
from tests.casework.conftest import build_world

# Collected before any page script runs; an init script is not itself subject to the policy.
VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
});
"""


@pytest.fixture
def council(transactional_db):
    assert get_resolver().url_patterns
    calendar_current()
    return build_world()


def _assert_policy_holds(page, url: str, console: list[str]) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    classes = page.evaluate("document.body.className")
    assert "js-enabled" in classes and "govuk-frontend-supported" in classes, url
    # initAll() marks each component it starts; the skip link is on every page.
    page.wait_for_selector(".govuk-skip-link[data-govuk-skip-link-init]", state="attached")
    assert page.evaluate("window.__cspViolations") == [], url
    assert [m for m in console if "Content Security Policy" in m] == [], url


def test_no_policy_violation_and_govuk_frontend_starts(page, council):
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(VIOLATIONS)

    for url in ("/public/", "/public/complaint/", "/public/complaint/service/"):
        _assert_policy_holds(page, url, console)
    sign_in(page, "manager")
    for url in (
        "/",
        "/cases/",
        f"/cases/{council.front.reference}/",
        "/reports/annual/?year=2024-25",
    ):
        _assert_policy_holds(page, url, console)
