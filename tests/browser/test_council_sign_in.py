"""Single sign-on in Chromium: the council-account button, the provider's form on another
site, and back (a cross-site top-level redirect, which the Lax session cookie allows);
two-step set-up and the manager's page pass axe."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaintsdesk.accounts import roles
from complaintsdesk.accounts.models import TwoStepRequiredRole
from tests.accounts.conftest import oidc_provider, sso  # noqa: F401  (fixtures)
from tests.accounts.test_two_step import code_for
from tests.browser.conftest import assert_accessible
from tests.casework.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_council_account_sign_in_in_a_browser(page, live_server, sso):  # noqa: F811
    page.set_default_timeout(30_000)  # the provider is a second server on a shared machine
    page.goto("/accounts/sign-in/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in with your council account").click()
    assert page.url.startswith(sso)  # the provider's own page, on another site
    page.fill("input[name=login]", "alice")
    page.fill("input[name=password]", "alice-password")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    assert page.get_by_role("button", name="Sign out").is_visible()
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    assert cookie["sameSite"] == "Lax"


def test_two_step_set_up_and_the_managers_page_pass_axe(page, live_server):
    TwoStepRequiredRole.objects.create(role=roles.PANEL)
    user = make_user("panel", roles.PANEL)
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", "panel")
    page.fill("#id_password", "not-a-real-password-1")
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/accounts/sign-in/code/")
    assert page.get_by_role("img", name="QR code for your authenticator app").is_visible()
    assert_accessible(page)
    page.fill("#id_code", code_for(TOTPDevice.objects.get(user=user)))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(live_server.url + "/**")
    assert page.get_by_role("button", name="Sign out").is_visible()

    make_user("manager", roles.MANAGER)
    page.context.clear_cookies()
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", "manager")
    page.fill("#id_password", "not-a-real-password-1")
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.goto("/accounts/administration/two-step/")
    assert page.get_by_label(roles.PANEL).is_checked()
    assert_accessible(page)


def test_signing_out_in_a_browser_ends_the_council_session(page, live_server, sso):  # noqa: F811
    page.set_default_timeout(30_000)
    page.goto("/accounts/sign-in/")
    page.get_by_role("button", name="Sign in with your council account").click()
    page.fill("input[name=login]", "alice")
    page.fill("input[name=password]", "alice-password")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(sso + "/**")  # the provider asks to confirm
    assert not [text for text in refused if "Content Security Policy" in text]
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(live_server.url + "/accounts/signed-out/")
    assert page.get_by_role("heading", name="You have signed out").is_visible()
    assert_accessible(page)
    page.goto("/accounts/sign-in/")
    page.get_by_role("button", name="Sign in with your council account").click()
    assert page.locator("input[name=password]").is_visible()  # asked again


def test_the_link_pages_pass_axe(page, live_server, sso):  # noqa: F811
    page.set_default_timeout(30_000)
    panel = make_user("panel", roles.PANEL)
    make_user("manager", roles.MANAGER)
    _password_sign_in(page, "panel")
    page.goto("/accounts/two-step/")
    page.get_by_role("link", name="Link my council account").click()
    assert_accessible(page)
    page.get_by_role("button", name="Link my council account").click()
    page.wait_for_url(sso + "/**")  # the provider's sign-in, reached through the CSP
    assert page.locator("input[name=password]").is_visible()
    page.context.clear_cookies()
    _password_sign_in(page, "manager")
    page.goto("/administration/users/")
    page.locator(f"a[href='/accounts/administration/users/{panel.pk}/council-account/']").click()
    page.get_by_role("button", name="Allow linking at the next council sign-in").click()
    assert page.get_by_text("Linking allowed at their next council sign-in").is_visible()
    assert page.get_by_role("button", name="Stop allowing linking").is_visible()
    assert_accessible(page)
    assert panel.council_link_allowed.allowed_by.username == "manager"


def _password_sign_in(page, username):
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", "not-a-real-password-1")
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/sign-in/" not in url)
