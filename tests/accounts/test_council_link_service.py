"""Linking local accounts to council accounts (ADR 0015): who a first council sign-in reaches
when a local account has its email, and the administrator's allow, unlink and password-off,
each with its audit event."""

import pytest
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaintsdesk.accounts import roles
from complaintsdesk.accounts.models import CouncilIdentity, CouncilLinkAllowed
from complaintsdesk.accounts.services import (
    CouncilAccount,
    council_account_link_self,
    council_account_sign_in,
)
from complaintsdesk.accounts.services_link import (
    CouncilLinkRefused,
    council_link_allow,
    council_link_withdraw,
    council_unlink,
    password_disable,
)
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.models import AuditEvent
from tests.casework.conftest import make_user

pytestmark = pytest.mark.django_db

ISSUER = "https://login.example.com/tenant/v2.0"
MAPPING = {"g-officers": [roles.OFFICER]}


def account(**changes):
    values = {
        "issuer": ISSUER,
        "subject": "sub-panel",
        "email": "PANEL@example.gov.uk",  # matched without regard to case
        "first_name": "Pat",
        "last_name": "Nell",
        "groups": ("g-officers",),
        "email_verified": True,
    }
    return CouncilAccount(**{**values, **changes})


@pytest.fixture
def local():
    return make_user("panel", roles.PANEL)  # email panel@example.gov.uk, with a password


@pytest.fixture
def manager():
    return make_user("manager", roles.MANAGER)


def sign_in(**changes):
    return council_account_sign_in(account=account(**changes), role_groups_map=MAPPING)


def kinds(user):
    events = AuditEvent.objects.filter(object_type="user", object_id=str(user.pk))
    return list(events.order_by("pk").values_list("kind", flat=True))


def test_an_email_match_alone_is_refused_and_changes_nothing(local):
    with pytest.raises(CouncilLinkRefused, match="already uses the email"):
        sign_in()
    assert not CouncilIdentity.objects.exists()
    assert User.objects.count() == 1
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("allowed", "verified", "links"),
    [
        (True, True, True),
        (True, False, False),  # the provider does not vouch for the email
        (False, True, False),  # nobody allowed it
    ],
)
def test_an_administrators_permission_and_a_verified_email_link(
    local, manager, allowed, verified, links
):
    if allowed:
        council_link_allow(actor=manager, user=local)
    if not links:
        with pytest.raises(CouncilLinkRefused):
            sign_in(email_verified=verified)
        assert not CouncilIdentity.objects.exists()
        return
    assert sign_in(email_verified=verified).pk == local.pk
    identity = CouncilIdentity.objects.get(user=local)
    assert (identity.issuer, identity.subject) == (ISSUER, "sub-panel")
    assert not CouncilLinkAllowed.objects.exists()  # used once
    linked = AuditEvent.objects.get(kind="account.council_linked")
    assert linked.payload == {"by": "administrator"} and linked.object_id == str(local.pk)
    # From then on the council account signs into the same user, by subject.
    assert sign_in(email="someone.else@example.gov.uk").pk == local.pk


def test_trusted_email_setting_stands_for_verified(local, manager, settings):
    from complaintsdesk.accounts.oidc import _email_verified

    assert not _email_verified({"email": "x@example.gov.uk"})
    assert _email_verified({"email_verified": "true"})
    settings.OIDC_TRUST_EMAIL = True
    assert _email_verified({"email": "x@example.gov.uk"})


def test_two_local_accounts_with_the_email_refuse_even_with_permission(local, manager):
    other = make_user("panel2")
    other.email = local.email
    other.save()
    council_link_allow(actor=manager, user=local)
    with pytest.raises(CouncilLinkRefused):
        sign_in()


def test_an_inactive_local_account_is_not_matched(local):
    local.is_active = False
    local.save()
    user = sign_in()
    assert user.pk != local.pk and not user.has_usable_password()


def test_a_council_user_with_another_subject_is_not_matched():
    first = sign_in(subject="sub-old")
    second = sign_in(subject="sub-new")  # e.g. a new app registration: a new user, as before
    assert first.pk != second.pk


def test_self_link_stores_the_subject_and_audits_it(local):
    user = council_account_link_self(user=local, account=account(), role_groups_map=MAPPING)
    assert user.pk == local.pk
    assert CouncilIdentity.objects.get(user=local).subject == "sub-panel"
    assert AuditEvent.objects.get(kind="account.council_linked").payload == {"by": "self"}
    assert roles.roles_of(local) == {roles.PANEL, roles.OFFICER}  # mapped roles added
    assert local.has_usable_password()  # until an administrator turns it off


def test_self_link_refuses_a_council_account_another_user_has(local):
    other = sign_in(subject="sub-taken", email="other@example.gov.uk")
    with pytest.raises(CouncilLinkRefused, match="already linked to another"):
        council_account_link_self(
            user=local, account=account(subject="sub-taken"), role_groups_map=MAPPING
        )
    assert CouncilIdentity.objects.get(subject="sub-taken").user_id == other.pk
    assert not AuditEvent.objects.filter(kind="account.council_linked").exists()


def test_self_link_refuses_an_account_already_linked(local):
    council_account_link_self(user=local, account=account(), role_groups_map=MAPPING)
    with pytest.raises(CouncilLinkRefused, match="already linked to a council"):
        council_account_link_self(
            user=local, account=account(subject="sub-second"), role_groups_map=MAPPING
        )


def test_allow_and_withdraw_are_audited_once(local, manager):
    council_link_allow(actor=manager, user=local)
    council_link_allow(actor=manager, user=local)  # again: nothing new
    council_link_withdraw(actor=manager, user=local)
    council_link_withdraw(actor=manager, user=local)
    assert kinds(local) == ["account.council_link_allowed", "account.council_link_withdrawn"]
    assert AuditEvent.objects.filter(actor=manager).count() == 2


def test_allow_is_refused_for_a_linked_account_or_one_without_email(local, manager):
    council_account_link_self(user=local, account=account(), role_groups_map=MAPPING)
    with pytest.raises(ServiceError):
        council_link_allow(actor=manager, user=local)
    nameless = make_user("nameless")
    nameless.email = ""
    nameless.save()
    with pytest.raises(ServiceError):
        council_link_allow(actor=manager, user=nameless)
    assert not CouncilLinkAllowed.objects.exists()


def test_unlink_removes_the_identity_and_audits_it(local, manager):
    council_account_link_self(user=local, account=account(), role_groups_map=MAPPING)
    council_unlink(actor=manager, user=local)
    assert not CouncilIdentity.objects.exists()
    event = AuditEvent.objects.get(kind="account.council_unlinked")
    assert event.actor == manager and event.object_id == str(local.pk)
    with pytest.raises(ServiceError):
        council_unlink(actor=manager, user=local)
    # Unlinked, the council account is a stranger again: its email match is refused.
    with pytest.raises(CouncilLinkRefused):
        sign_in()


def test_password_off_only_once_linked(local, manager):
    TOTPDevice.objects.create(user=local, name="Authenticator app", confirmed=True)
    with pytest.raises(ServiceError):
        password_disable(actor=manager, user=local)
    assert User.objects.get(pk=local.pk).has_usable_password()
    council_account_link_self(user=local, account=account(), role_groups_map=MAPPING)
    password_disable(actor=manager, user=local)
    local.refresh_from_db()
    assert not local.has_usable_password()
    assert not TOTPDevice.objects.filter(user=local).exists()
    assert AuditEvent.objects.get(kind="account.password_disabled").actor == manager
