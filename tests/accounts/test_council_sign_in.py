"""Single sign-on end to end: the live app, a real OpenID provider, HTTP only (no browser)."""

import pytest
import requests
from django.contrib.auth.models import User

from complaintsdesk.accounts import roles
from complaintsdesk.accounts.models import CouncilIdentity
from complaintsdesk.core.models import AuditEvent
from tests.oidc_provider.flow import main as flow_main
from tests.oidc_provider.flow import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _user(sub: str) -> User:
    return CouncilIdentity.objects.select_related("user").get(subject=sub).user


def test_sign_in_page_offers_the_council_account_only_when_on(live_server, settings, sso):
    page = requests.get(live_server.url + "/accounts/sign-in/").text
    assert "Sign in with your council account" in page
    settings.OIDC_ISSUER = ""
    page = requests.get(live_server.url + "/accounts/sign-in/").text
    assert "Sign in with your council account" not in page
    assert requests.get(live_server.url + "/accounts/council/start/").status_code == 404


def test_mapped_user_signs_in_and_gets_the_role(live_server, sso):
    result = sign_in(live_server.url, "alice", "alice-password")
    assert result.signed_in, result.reason
    assert result.final_url == live_server.url + "/"  # the officer's "My work"
    user = _user("sub-alice-1")
    assert roles.roles_of(user) == {roles.OFFICER}
    assert (user.email, user.first_name, user.last_name) == (
        "alice.jones@example.gov.uk",
        "Alice",
        "Jones",
    )
    assert not user.has_usable_password()
    identity = user.council_identity
    assert identity.issuer == sso
    events = AuditEvent.objects.filter(actor=user)
    signed_in = events.get(kind="account.signed_in")
    assert signed_in.payload == {"method": "oidc"}  # the user is the actor: nothing else
    assert events.get(kind="account.roles_mapped").payload == {
        "added": [roles.OFFICER],
        "removed": [],
    }


def test_second_sign_in_finds_the_same_user_by_subject_and_remaps_roles(live_server, settings, sso):
    assert sign_in(live_server.url, "alice", "alice-password").signed_in
    user = _user("sub-alice-1")
    user.email = "changed@example.gov.uk"  # email is not what matches people
    user.save()
    user.groups.add(*roles.role_groups([roles.LEADERSHIP]))  # granted by hand: kept
    settings.OIDC_ROLE_GROUPS = {"0f6c6c0e-officers": [roles.MANAGER]}  # the mapping changed
    assert sign_in(live_server.url, "alice", "alice-password").signed_in
    assert User.objects.filter(council_identity__subject="sub-alice-1").count() == 1
    assert User.objects.count() == 1
    user.refresh_from_db()
    assert user.email == "alice.jones@example.gov.uk"
    assert roles.roles_of(user) == {roles.MANAGER, roles.LEADERSHIP}
    assert AuditEvent.objects.filter(actor=user, kind="account.signed_in").count() == 2


def test_a_local_account_with_the_same_email_is_not_taken_over(live_server, sso):
    local = User.objects.create_user("alice.local", "Alice.Jones@example.gov.uk", "pw-1")
    local.groups.add(*roles.role_groups([roles.MANAGER]))
    result = sign_in(live_server.url, "alice", "alice-password")
    assert not result.signed_in
    assert result.final_url == live_server.url + "/accounts/sign-in/"
    assert "already uses the email address" in result.page
    assert not CouncilIdentity.objects.exists()  # no link, and no second account either
    assert User.objects.count() == 1
    assert not AuditEvent.objects.filter(kind="account.signed_in").exists()
    assert AuditEvent.objects.get(kind="account.sign_in_failed").payload == {"method": "oidc"}


def test_unmapped_user_is_created_with_no_access(live_server, sso):
    result = sign_in(live_server.url, "bob", "bob-password")
    assert result.signed_in
    assert result.final_url == live_server.url + "/accounts/no-access/"
    assert "with no access yet" in result.page
    user = _user("sub-bob-2")
    assert roles.roles_of(user) == frozenset()
    http = requests.Session()
    assert sign_in(live_server.url, "bob", "bob-password", session=http).signed_in
    assert http.get(live_server.url + "/cases/").status_code == 403
    assert AuditEvent.objects.get(actor=user, kind="account.created").payload == {"method": "oidc"}


def test_wrong_password_signs_nobody_in(live_server, sso):
    result = sign_in(live_server.url, "alice", "not-her-password")
    assert not result.signed_in
    assert "Wrong login or password" in result.page
    assert not User.objects.exists()
    assert not AuditEvent.objects.filter(kind="account.signed_in").exists()


def test_tampered_state_is_refused(live_server, sso):
    http = requests.Session()
    form = http.get(live_server.url + "/accounts/council/start/")
    action = form.text.split('action="')[1].split('"')[0]
    # Stop at the provider's redirect back to the app, and change the state on the way.
    answer = http.post(
        requests.compat.urljoin(form.url, action),
        data={"login": "alice", "password": "alice-password"},
        allow_redirects=False,
    )
    while not answer.headers["Location"].startswith(live_server.url):
        answer = http.get(
            requests.compat.urljoin(answer.url, answer.headers["Location"]), allow_redirects=False
        )
    callback = answer.headers["Location"]
    assert "state=" in callback
    tampered = callback.replace("state=", "state=x")
    page = http.get(tampered)
    assert page.url == live_server.url + "/accounts/sign-in/"
    assert "did not complete" in page.text
    assert "sign-out" not in page.text
    assert not AuditEvent.objects.filter(kind="account.signed_in").exists()
    failed = AuditEvent.objects.get(kind="account.sign_in_failed")
    assert failed.payload == {"method": "oidc"}


def test_the_flow_command_exits_0_only_when_signed_in(live_server, sso, capsys):
    assert (
        flow_main(
            ["--base-url", live_server.url, "--login", "alice", "--password", "alice-password"]
        )
        == 0
    )
    assert (
        flow_main(["--base-url", live_server.url, "--login", "alice", "--password", "wrong"]) == 1
    )


def test_provider_down_gives_a_message_not_an_error(live_server, settings, sso):
    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens there
    page = requests.get(live_server.url + "/accounts/council/start/")
    assert page.status_code == 200 and page.url.endswith("/accounts/sign-in/")
    assert "not available just now" in page.text


def test_a_deactivated_user_cannot_sign_in_with_the_council_account(live_server, sso):
    assert sign_in(live_server.url, "alice", "alice-password").signed_in
    User.objects.filter(council_identity__subject="sub-alice-1").update(is_active=False)
    result = sign_in(live_server.url, "alice", "alice-password")
    assert not result.signed_in and "did not complete" in result.page
