"""The link pages over HTTP: "Link my council account" for who may and may not start it, and
the administrator's council account page for the manager and everyone else."""

from urllib.parse import urlencode

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaintsdesk.accounts import roles
from complaintsdesk.accounts.link_session import LINK_PENDING
from complaintsdesk.accounts.models import CouncilIdentity, CouncilLinkAllowed
from complaintsdesk.core.models import AuditEvent
from tests.casework.conftest import make_user
from tests.oidc_provider.flow import REFRESH

pytestmark = pytest.mark.django_db
LINK = "/accounts/council/link/"
START = "/accounts/council/start/?" + urlencode({"next": LINK})
QUERIES_ADMIN_PAGE = 6  # the same for any user: one page, one user


@pytest.fixture
def sso_on(settings):
    settings.OIDC_ISSUER = "https://login.example.com/tenant/v2.0"
    settings.OIDC_RP_CLIENT_ID = "complaintsdesk"
    settings.OIDC_RP_CLIENT_SECRET = "secret"


@pytest.fixture
def local(client, sso_on):
    user = make_user("panel", roles.PANEL)
    client.force_login(user)
    return user


def test_a_local_user_starts_linking(client, local):
    page = client.get(LINK)
    assert page.status_code == 200 and "Link my council account</button>" in page.content.decode()
    response = client.post(LINK)
    assert response.status_code == 200
    assert REFRESH.search(response.content.decode()).group(1) == START
    assert client.session[LINK_PENDING]["user"] == local.pk


def test_a_verified_two_step_session_may_link(client, local):
    device = TOTPDevice.objects.create(user=local, name="Authenticator app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # as after the code
    session.save()
    assert REFRESH.search(client.post(LINK).content.decode())


@pytest.mark.parametrize(
    ("setup", "says"),
    [
        ("two_step_not_given", "with your password and code"),
        ("council_session", "Sign in with your password"),
        ("no_password", "Sign in with your password"),
        ("already_linked", "already linked"),
    ],
)
def test_who_may_not_start_linking(client, local, setup, says):
    if setup == "two_step_not_given":
        TOTPDevice.objects.create(user=local, name="Authenticator app", confirmed=True)
    elif setup == "council_session":
        session = client.session
        session["oidc_id_token"] = "a.b.c"
        session.save()
    elif setup == "no_password":
        local.set_unusable_password()
        local.save()
        client.force_login(local)
    else:
        CouncilIdentity.objects.create(user=local, issuer="https://i", subject="s")
    response = client.post(LINK)
    assert response.status_code == 400 and says in response.content.decode()
    assert REFRESH.search(response.content.decode()) is None
    assert LINK_PENDING not in client.session


def test_linking_is_off_without_single_sign_on(client, settings, local):
    settings.OIDC_ISSUER = ""
    assert client.get(LINK).status_code == 404
    client.logout()
    assert client.get(LINK).status_code == 302  # to sign in


def test_an_expired_or_foreign_link_note_asks_for_no_fresh_sign_in(client, local, rf):
    from complaintsdesk.accounts.link_session import link_pending_for

    client.post(LINK)
    request = rf.get("/")
    request.session = client.session
    request.user = local
    assert link_pending_for(request) == local
    request.user = make_user("someone")
    assert link_pending_for(request) is None
    request.user = local
    request.session[LINK_PENDING]["at"] -= 3600
    assert link_pending_for(request) is None


def admin_page(user):
    return f"/accounts/administration/users/{user.pk}/council-account/"


@pytest.fixture
def manager(client):
    user = make_user("manager", roles.MANAGER)
    client.force_login(user)
    return user


def test_manager_allows_then_withdraws_linking(client, manager):
    panel = make_user("panel", roles.PANEL)
    page = client.get(admin_page(panel)).content.decode()
    assert "Not linked" in page and 'value="allow"' in page
    response = client.post(admin_page(panel), {"action": "allow"})
    assert response.status_code == 302
    assert CouncilLinkAllowed.objects.get(user=panel).allowed_by == manager
    assert 'value="withdraw"' in client.get(admin_page(panel)).content.decode()
    client.post(admin_page(panel), {"action": "withdraw"})
    assert not CouncilLinkAllowed.objects.exists()
    assert list(
        AuditEvent.objects.filter(actor=manager).order_by("pk").values_list("kind", flat=True)
    ) == ["account.council_link_allowed", "account.council_link_withdrawn"]


def test_manager_unlinks_and_turns_the_password_off(client, manager):
    panel = make_user("panel", roles.PANEL)
    CouncilIdentity.objects.create(user=panel, issuer="https://i", subject="s")
    page = client.get(admin_page(panel)).content.decode()
    assert "Linked" in page and 'value="disable_password"' in page
    assert client.post(admin_page(panel), {"action": "disable_password"}).status_code == 302
    panel.refresh_from_db()
    assert not panel.has_usable_password()
    assert client.post(admin_page(panel), {"action": "unlink"}).status_code == 302
    assert not CouncilIdentity.objects.exists()
    kinds = set(AuditEvent.objects.filter(actor=manager).values_list("kind", flat=True))
    assert kinds == {"account.password_disabled", "account.council_unlinked"}


@pytest.mark.parametrize(
    ("action", "says"),
    [
        ("unlink", "not linked"),
        ("disable_password", "Link a council account first"),
        ("nonsense", "Choose an action"),
        ("", "Choose an action"),
    ],
)
def test_a_refused_action_says_why_and_changes_nothing(client, manager, action, says):
    panel = make_user("panel", roles.PANEL)
    response = client.post(admin_page(panel), {"action": action})
    assert response.status_code == 400 and says in response.content.decode()
    panel.refresh_from_db()
    assert panel.has_usable_password()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("role", [roles.OFFICER, roles.PANEL, roles.LEADERSHIP])
def test_only_the_manager_reaches_the_council_account_page(client, role):
    panel = make_user("panel", roles.PANEL)
    CouncilIdentity.objects.create(user=panel, issuer="https://i", subject="s")
    client.force_login(make_user("someone", role))
    assert client.get(admin_page(panel)).status_code == 403
    assert client.post(admin_page(panel), {"action": "unlink"}).status_code == 403
    assert CouncilIdentity.objects.filter(user=panel).exists()
    assert not AuditEvent.objects.exists()


def test_an_unknown_user_is_not_found(client, manager):
    assert client.get("/accounts/administration/users/999999/council-account/").status_code == 404


def test_users_list_links_each_user_to_the_page(client, manager):
    panel = make_user("panel", roles.PANEL)
    assert admin_page(panel) in client.get("/administration/users/").content.decode()


def test_the_pages_query_counts_are_constant(client, manager, django_assert_num_queries):
    panel = make_user("panel", roles.PANEL)
    CouncilIdentity.objects.create(user=panel, issuer="https://i", subject="s")
    client.get(admin_page(panel))  # warm the caches of roles and the like
    with django_assert_num_queries(QUERIES_ADMIN_PAGE):
        assert client.get(admin_page(panel)).status_code == 200


def test_stopping_at_the_provider_keeps_the_local_session(client, local):
    client.post(LINK)
    response = client.get("/accounts/council/callback/?error=access_denied&state=x")
    assert response.status_code == 302 and response.url == LINK
    assert client.session["_auth_user_id"] == str(local.pk)  # still signed in
    assert LINK_PENDING not in client.session
    assert not CouncilIdentity.objects.exists()
    assert AuditEvent.objects.get(kind="account.sign_in_failed").payload == {"method": "oidc"}
