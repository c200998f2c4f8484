"""Two-step sign-in for local accounts: the code after the password, setting it up with a
QR code, the manager's choice of roles that need it, and who may reach those pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaintsdesk.accounts import roles
from complaintsdesk.accounts.lockout import MAX_FAILURES
from complaintsdesk.accounts.models import TwoStepRequiredRole
from complaintsdesk.accounts.services import (
    CouncilAccount,
    council_account_sign_in,
    two_step_required_roles_set,
)
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.models import AuditEvent
from tests.casework.conftest import make_user

PASSWORD = "not-a-real-password-1"
CODE_PAGE = "/accounts/sign-in/code/"


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(code_for(device)) + 1) % 1_000_000:06d}"


def password_step(client, username):
    return client.post("/accounts/sign-in/", {"username": username, "password": PASSWORD})


def methods():
    return list(
        AuditEvent.objects.filter(kind="account.signed_in").values_list("payload", flat=True)
    )


@pytest.fixture
def panel_member_with_app(db):
    user = make_user("panel", roles.PANEL)
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user, device


def test_password_alone_signs_in_without_two_step(client, db):
    make_user("officer", roles.OFFICER)
    assert password_step(client, "officer").url == "/"
    assert methods() == [{"method": "password"}]


def test_a_confirmed_app_asks_for_the_code_before_signing_in(client, panel_member_with_app):
    user, device = panel_member_with_app
    response = password_step(client, "panel")
    assert response.status_code == 302 and response.url == CODE_PAGE
    assert client.get("/").status_code == 302  # not signed in between the steps
    page = client.post(CODE_PAGE, {"code": wrong_code(device)})
    assert page.status_code == 400 and "Enter the 6-digit code" in page.content.decode()
    assert methods() == []
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp slows retries; the test need not wait
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(CODE_PAGE, {"code": code_for(device)})
    assert response.status_code == 302 and response.url == "/"
    assert int(client.session["_auth_user_id"]) == user.pk
    assert methods() == [{"method": "password+totp"}]
    assert AuditEvent.objects.filter(kind="account.sign_in_failed").count() == 1


def test_repeated_wrong_codes_lock_the_account(client, panel_member_with_app):
    user, device = panel_member_with_app
    password_step(client, "panel")
    for _ in range(MAX_FAILURES):
        client.post(CODE_PAGE, {"code": "000000x"})
    response = client.post(CODE_PAGE, {"code": code_for(device)})
    assert response.status_code == 302
    assert client.get("/").status_code == 302  # still signed out
    assert AuditEvent.objects.filter(kind="account.locked").exists()
    assert methods() == []


def test_entering_the_password_again_does_not_reset_wrong_codes(client, panel_member_with_app):
    user, device = panel_member_with_app
    for _ in range(MAX_FAILURES):
        password_step(client, "panel")
        client.post(CODE_PAGE, {"code": "bad"})
    page = password_step(client, "panel")
    assert page.status_code == 200 and "This account is locked" in page.content.decode()


def test_the_code_page_without_a_password_first_sends_back_to_sign_in(client, db):
    response = client.get(CODE_PAGE)
    assert response.status_code == 302 and response.url == "/accounts/sign-in/"


def test_a_required_role_sets_up_the_app_at_sign_in(client, db):
    manager = make_user("manager", roles.MANAGER)
    two_step_required_roles_set(actor=manager, roles=[roles.INDEPENDENT])
    user = make_user("independent", roles.INDEPENDENT)
    assert password_step(client, "independent").url == CODE_PAGE
    page = client.get(CODE_PAGE).content.decode()
    assert "Set up two-step sign-in" in page and 'src="data:image/svg+xml' in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(CODE_PAGE, {"code": code_for(device)}).url == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(actor=user, kind="account.two_step_enrolled").exists()
    assert methods() == [{"method": "password+totp"}]


def test_a_person_turns_two_step_on_and_off_themselves(client, db):
    user = make_user("panel", roles.PANEL)
    client.force_login(user)
    assert (
        'href="/accounts/two-step/"'
        in client.get("/accounts/no-access/", follow=True).content.decode()
    )
    page = client.get("/accounts/two-step/")
    assert page.status_code == 200 and "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert client.post("/accounts/two-step/", {"code": wrong_code(device)}).status_code == 400
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.save()
    client.post("/accounts/two-step/", {"code": code_for(device)})
    assert TOTPDevice.objects.get(user=user).confirmed
    client.post("/accounts/two-step/", {"action": "remove"})
    assert not TOTPDevice.objects.filter(user=user).exists()
    kinds = AuditEvent.objects.filter(actor=user).values_list("kind", flat=True)
    assert {"account.two_step_enrolled", "account.two_step_removed"} <= set(kinds)


def test_a_required_role_cannot_turn_it_off(client, panel_member_with_app):
    user, _ = panel_member_with_app
    TwoStepRequiredRole.objects.create(role=roles.PANEL)
    client.force_login(user)
    assert client.post("/accounts/two-step/", {"action": "remove"}).status_code == 403
    assert TOTPDevice.objects.filter(user=user).exists()


def test_a_council_account_has_no_two_step_page(client, db):
    user = make_user("council", roles.OFFICER)
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    assert 'href="/accounts/two-step/"' not in client.get("/").content.decode()
    assert client.get("/accounts/two-step/").status_code == 403


@pytest.mark.parametrize(
    ("role", "status"),
    [(roles.MANAGER, 200), (roles.OFFICER, 403), (roles.LEADERSHIP, 403), (None, 302)],
)
def test_only_the_complaints_manager_chooses_the_roles(client, db, role, status):
    if role:
        client.force_login(make_user("someone", role))
    assert client.get("/accounts/administration/two-step/").status_code == status
    response = client.post(
        "/accounts/administration/two-step/", {"roles": [roles.PANEL, roles.INDEPENDENT]}
    )
    if role == roles.MANAGER:
        assert response.status_code == 302
        assert set(TwoStepRequiredRole.objects.values_list("role", flat=True)) == {
            roles.PANEL,
            roles.INDEPENDENT,
        }
    else:
        assert response.status_code == status
        assert not TwoStepRequiredRole.objects.exists()


def test_choosing_roles_is_audited_and_unknown_roles_change_nothing(db):
    manager = make_user("manager", roles.MANAGER)
    two_step_required_roles_set(actor=manager, roles=[roles.PANEL])
    event = AuditEvent.objects.get(kind="account.two_step_roles_set")
    assert event.actor == manager and event.payload == {"roles": [roles.PANEL]}
    with pytest.raises(ServiceError):
        two_step_required_roles_set(actor=manager, roles=[roles.PANEL, "Wizard"])
    assert list(TwoStepRequiredRole.objects.values_list("role", flat=True)) == [roles.PANEL]
    two_step_required_roles_set(actor=manager, roles=[roles.PANEL])  # no change: no event
    assert AuditEvent.objects.filter(kind="account.two_step_roles_set").count() == 1


def test_users_page_says_how_each_signs_in_in_constant_queries(
    client, db, django_assert_max_num_queries
):
    client.force_login(make_user("manager", roles.MANAGER))
    council_account_sign_in(
        account=CouncilAccount(issuer="https://idp.example", subject="s1", username_hint="kim"),
        role_groups_map={},
    )
    client.get("/administration/users/")  # warm the session and role caches
    with CaptureQueriesContext(connection) as few:
        page = client.get("/administration/users/").content.decode()
    assert "Council account" in page and "Password" in page
    for n in range(5):
        make_user(f"extra{n}", roles.OFFICER)
    with django_assert_max_num_queries(len(few)):
        client.get("/administration/users/")
