"""Signing out at the council's provider (RP-Initiated Logout): the address built, where the
endpoint comes from, and the sign-out view for council, local and anonymous sessions."""

from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from complaintsdesk.accounts import oidc
from complaintsdesk.accounts.oidc_logout import end_session_endpoint, end_session_url
from complaintsdesk.core.models import AuditEvent
from tests.casework.conftest import make_user
from tests.oidc_provider.flow import REFRESH

BACK = "https://complaints.example.gov.uk/accounts/signed-out/"
ISSUER = "https://login.example.com/tenant/v2.0"


@pytest.mark.parametrize(
    ("endpoint", "path", "kept"),
    [
        ("https://op.example/session/end", "/session/end", {}),
        # Entra ID's endpoint has no query; others may carry one: it is kept.
        ("https://op.example/logout?p=b2c_signin", "/logout", {"p": ["b2c_signin"]}),
        # A parameter of ours already in the endpoint is replaced, not sent twice.
        ("https://op.example/end?client_id=other&x=1", "/end", {"x": ["1"]}),
    ],
)
def test_end_session_url(endpoint, path, kept):
    url = end_session_url(
        endpoint, id_token="a.b+c/d=", post_logout_redirect_uri=BACK, client_id="cd"
    )
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "op.example", path)
    assert parse_qs(parts.query) == {
        **kept,
        "id_token_hint": ["a.b+c/d="],  # encoded in the URL, read back whole
        "post_logout_redirect_uri": [BACK],
        "client_id": ["cd"],
    }


@pytest.fixture
def sso_settings(settings):
    settings.OIDC_ISSUER = ISSUER
    settings.OIDC_RP_CLIENT_ID = "complaintsdesk"
    settings.OIDC_OP_LOGOUT_ENDPOINT = ""
    oidc.discovery_forget()
    yield settings
    oidc.discovery_forget()


def _discovered(document):
    oidc._discovered[ISSUER] = {"issuer": ISSUER, **document}


def test_endpoint_from_the_setting_before_discovery(sso_settings):
    sso_settings.OIDC_OP_LOGOUT_ENDPOINT = "https://op.example/configured"
    _discovered({"end_session_endpoint": "https://op.example/discovered"})
    assert end_session_endpoint() == "https://op.example/configured"


def test_endpoint_from_discovery(sso_settings):
    _discovered({"end_session_endpoint": "https://op.example/discovered"})
    assert end_session_endpoint() == "https://op.example/discovered"


@pytest.mark.parametrize("document", [{}, {"end_session_endpoint": 42}])
def test_no_endpoint_when_the_provider_offers_none(sso_settings, document):
    _discovered(document)
    assert end_session_endpoint() == ""


def test_no_endpoint_when_the_provider_is_unreachable(sso_settings):
    sso_settings.OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens there
    assert end_session_endpoint() == ""


def test_no_endpoint_when_single_sign_on_is_off(sso_settings):
    sso_settings.OIDC_ISSUER = ""
    sso_settings.OIDC_OP_LOGOUT_ENDPOINT = "https://op.example/configured"
    assert end_session_endpoint() == ""


def _moves_on_to(response) -> str:
    found = REFRESH.search(response.content.decode())
    assert found is not None, "no meta refresh"
    url = unescape(found.group(1))
    assert f'href="{found.group(1)}"' in response.content.decode()  # and a button there
    return url


def _council_session(client, user, id_token="header.payload.signature"):
    client.force_login(user)
    session = client.session
    session["oidc_id_token"] = id_token
    session.save()


@pytest.mark.django_db
def test_council_user_is_sent_to_the_provider_with_the_id_token(client, sso_settings):
    _discovered({"end_session_endpoint": "https://op.example/session/end"})
    user = make_user("alice")
    _council_session(client, user)
    response = client.post("/accounts/sign-out/")
    # A page that moves on by itself, not a redirect: form-action 'self' would stop that.
    assert response.status_code == 200
    parts = urlsplit(_moves_on_to(response))
    assert parts.netloc + parts.path == "op.example/session/end"
    assert parse_qs(parts.query) == {
        "id_token_hint": ["header.payload.signature"],
        "post_logout_redirect_uri": ["http://testserver/accounts/signed-out/"],
        "client_id": ["complaintsdesk"],
    }
    assert "_auth_user_id" not in client.session  # our session ended first
    assert AuditEvent.objects.filter(actor=user, kind="account.signed_out").count() == 1


@pytest.mark.django_db
def test_local_user_signs_out_here_only(client, sso_settings):
    _discovered({"end_session_endpoint": "https://op.example/session/end"})
    client.force_login(make_user("panel"))
    response = client.post("/accounts/sign-out/")
    assert response.status_code == 200
    assert "You have signed out" in response.content.decode()
    assert REFRESH.search(response.content.decode()) is None
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_council_user_signs_out_here_when_the_provider_has_no_endpoint(client, sso_settings):
    _discovered({})
    _council_session(client, make_user("alice"))
    response = client.post("/accounts/sign-out/")
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert REFRESH.search(response.content.decode()) is None


@pytest.mark.django_db
def test_sign_out_is_post_only_and_csrf_checked(sso_settings):
    _discovered({"end_session_endpoint": "https://op.example/session/end"})
    client = Client(enforce_csrf_checks=True)
    _council_session(client, make_user("alice"))
    assert client.get("/accounts/sign-out/").status_code == 405
    assert client.post("/accounts/sign-out/").status_code == 403  # no CSRF token
    assert "_auth_user_id" in client.session  # still signed in
    assert not AuditEvent.objects.filter(kind="account.signed_out").exists()


@pytest.mark.django_db
def test_signed_out_page_answers_a_get(client):
    response = client.get("/accounts/signed-out/")
    assert response.status_code == 200 and "You have signed out" in response.content.decode()
