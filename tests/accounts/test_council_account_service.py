"""council_account_sign_in: who it finds, what it creates, and the audit events it writes."""

import pytest
from django.contrib.auth.models import User

from complaintsdesk.accounts import roles
from complaintsdesk.accounts.services import CouncilAccount, council_account_sign_in
from complaintsdesk.core.models import AuditEvent

ISSUER = "https://login.example.com/tenant/v2.0"
MAPPING = {"g-officers": [roles.OFFICER]}


def account(**changes):
    values = {
        "issuer": ISSUER,
        "subject": "abc-123",
        "email": "sam.doe@example.gov.uk",
        "username_hint": "sam.doe@example.gov.uk",
        "first_name": "Sam",
        "last_name": "Doe",
        "groups": ("g-officers",),
    }
    return CouncilAccount(**{**values, **changes})


@pytest.mark.django_db
def test_first_sign_in_creates_the_user_with_mapped_roles_and_audits_it():
    user = council_account_sign_in(account=account(), role_groups_map=MAPPING)
    assert user.username == "sam.doe@example.gov.uk"
    assert roles.roles_of(user) == {roles.OFFICER}
    events = {e.kind: e for e in AuditEvent.objects.filter(actor=user)}
    assert events["account.created"].payload == {"method": "oidc"}
    assert events["account.roles_mapped"].payload == {"added": [roles.OFFICER], "removed": []}
    # No personal data in any payload: the actor column says who.
    for event in events.values():
        assert "sam" not in str(event.payload).lower()


@pytest.mark.django_db
def test_same_subject_at_another_issuer_is_another_person():
    first = council_account_sign_in(account=account(), role_groups_map=MAPPING)
    other = council_account_sign_in(
        account=account(issuer="https://elsewhere.example.com"), role_groups_map=MAPPING
    )
    assert first.pk != other.pk and User.objects.count() == 2


@pytest.mark.django_db
def test_no_groups_no_roles_and_no_roles_event():
    user = council_account_sign_in(account=account(groups=()), role_groups_map=MAPPING)
    assert roles.roles_of(user) == frozenset()
    assert not AuditEvent.objects.filter(kind="account.roles_mapped").exists()


@pytest.mark.django_db
def test_no_email_or_name_still_gives_a_username():
    user = council_account_sign_in(
        account=account(email="", username_hint="", first_name="", last_name=""),
        role_groups_map=MAPPING,
    )
    assert user.username.startswith("sso-") and not user.has_usable_password()


def test_the_system_check_refuses_a_mapping_to_an_unknown_role(settings):
    from complaintsdesk.accounts.checks import role_groups_check

    settings.OIDC_ROLE_GROUPS = {"g": [roles.OFFICER]}
    assert role_groups_check(None) == []
    settings.OIDC_ROLE_GROUPS = {"g": ["Complaints officer", "Wizard"]}
    [error] = role_groups_check(None)
    assert error.id == "accounts.E001" and "Wizard" in error.msg
