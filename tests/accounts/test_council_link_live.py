"""Linking and signing out end to end: the live app and the real test provider (npm's
oidc-provider), HTTP only. The provider's sign-in form appearing is the proof that it asks
for credentials; its absence, that it still holds a session."""

import pytest
import requests
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore

from complaintsdesk.accounts import roles
from complaintsdesk.accounts.models import CouncilIdentity
from complaintsdesk.accounts.services_link import council_link_allow
from complaintsdesk.core.models import AuditEvent
from tests.oidc_provider.flow import (
    FORM_ACTION,
    SIGNED_IN_MARK,
    follow_auto_submit,
    follow_refresh,
    sign_in,
    sign_out,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "local-password-1"
START = "/accounts/council/start/"


def _password_sign_in(base: str, username: str) -> requests.Session:
    http = requests.Session()
    http.get(base + "/accounts/sign-in/")
    page = http.post(
        base + "/accounts/sign-in/",
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": http.cookies["csrftoken"],
        },
    )
    assert SIGNED_IN_MARK in page.text
    return http


def _submit_provider_form(page: requests.Response, http: requests.Session, login: str, pw: str):
    action = FORM_ACTION.search(page.text)
    assert action is not None, "the provider did not ask for credentials"
    answer = http.post(
        requests.compat.urljoin(page.url, action.group(1)), data={"login": login, "password": pw}
    )
    return follow_auto_submit(answer, http)


def test_a_local_user_links_their_council_account(live_server, sso):
    base = live_server.url
    local = User.objects.create_user("alice.local", "alice.jones@example.gov.uk", PASSWORD)
    local.groups.add(*roles.role_groups([roles.PANEL]))
    http = _password_sign_in(base, "alice.local")
    # This browser already holds a provider session, Bob's: linking must still ask.
    bob = requests.Session()
    assert sign_in(base, "bob", "bob-password", session=bob).signed_in
    for cookie in bob.cookies:
        if cookie.domain.startswith("127.0.0.1"):  # the provider's, not the app's
            http.cookies.set_cookie(cookie)
    assert SIGNED_IN_MARK in http.get(base + "/accounts/council/link/").text
    leaving = http.post(
        base + "/accounts/council/link/",
        data={"csrfmiddlewaretoken": http.cookies["csrftoken"]},
    )
    at_provider = follow_refresh(leaving, http)
    redirects = [answer.headers.get("Location", "") for answer in at_provider.history]
    assert any("prompt=login" in location for location in redirects)
    page = _submit_provider_form(at_provider, http, "alice", "alice-password")
    assert page.url == base + "/accounts/council/link/", page.text[:800]
    assert "Your council account is linked" in page.text
    identity = CouncilIdentity.objects.get(subject="sub-alice-1")
    assert identity.user_id == local.pk
    assert AuditEvent.objects.get(kind="account.council_linked").payload == {"by": "self"}
    # From now on the council account opens the local account, in a fresh browser too.
    assert sign_in(base, "alice", "alice-password").signed_in
    assert User.objects.count() == 2  # Alice's one account, and Bob's
    assert AuditEvent.objects.filter(actor=local, kind="account.signed_in").count() == 3


def test_an_email_match_is_refused_until_the_manager_allows_linking(live_server, sso):
    base = live_server.url
    local = User.objects.create_user("alice.local", "alice.jones@example.gov.uk", PASSWORD)
    http = requests.Session()
    refused = sign_in(base, "alice", "alice-password", session=http)
    assert not refused.signed_in and "already uses the email address" in refused.page
    # The refused council sign-in leaves no ID token behind for a later password session.
    assert "oidc_id_token" not in SessionStore(http.cookies["sessionid"]).load()
    manager = User.objects.create_user("manager", "m@example.gov.uk", PASSWORD)
    council_link_allow(actor=manager, user=local)
    assert sign_in(base, "alice", "alice-password").signed_in
    assert CouncilIdentity.objects.get(subject="sub-alice-1").user_id == local.pk
    event = AuditEvent.objects.get(kind="account.council_linked")
    assert event.payload == {"by": "administrator"}


def test_signing_out_ends_the_providers_session_too(live_server, sso):
    base = live_server.url
    http = requests.Session()
    assert sign_in(base, "alice", "alice-password", session=http).signed_in
    # While the provider's session lasts, the council sign-in asks nothing.
    again = http.get(base + START)
    assert FORM_ACTION.search(again.text) is None and SIGNED_IN_MARK in again.text
    result = sign_out(base, http)
    assert result.signed_in, result.reason  # back on our signed-out page
    assert "You have signed out" in result.page
    assert http.get(base + "/").url.startswith(base + "/accounts/sign-in/")
    # The provider asks for credentials again.
    page = http.get(base + START)
    assert FORM_ACTION.search(page.text) is not None
    assert _submit_provider_form(page, http, "alice", "alice-password").url == base + "/"
