"""Linking a local account to a council account, and undoing it (ADR 0015).

A council account signs into a local account only once that account holds the council
account's issuer and subject (`CouncilIdentity`). It gets there in one of two ways: the
local user, signed in with their password (and code, if they use one), completes a council
sign-in from "Link my council account"; or an administrator allows linking and the next
council sign-in whose *verified* email is the account's links it. An email match alone never
signs anyone in. Audit payloads name the way, never the person: the user is the object."""

from typing import Any, Literal

from django.contrib.auth.models import User
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaintsdesk.accounts.models import CouncilIdentity, CouncilLinkAllowed
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError

LinkedBy = Literal["self", "administrator"]

EMAIL_IN_USE = (
    "A ComplaintsDesk account already uses the email address of your council account. "
    "Sign in with your password and choose Link my council account, or ask the "
    "complaints manager to allow linking."
)
SUBJECT_IN_USE = "That council account is already linked to another ComplaintsDesk account."
ALREADY_LINKED = "This account is already linked to a council account."


class CouncilLinkRefused(ServiceError):
    """A council sign-in or link that would join two accounts without proof: nothing written."""


def local_accounts_with_email(email: str) -> list[User]:
    """Active accounts with no council account yet that use this email address."""
    if not email.strip():
        return []
    return list(
        User.objects.filter(
            email__iexact=email.strip(), is_active=True, council_identity__isnull=True
        ).select_related("council_link_allowed")
    )


def _allowed(user: User) -> CouncilLinkAllowed | None:
    try:
        return user.council_link_allowed
    except CouncilLinkAllowed.DoesNotExist:
        return None


def council_identity_link(
    *, user: User, issuer: str, subject: str, by: LinkedBy, actor: Any = None
) -> CouncilIdentity:
    """Store the council account on the user (inside the caller's transaction)."""
    if CouncilIdentity.objects.filter(issuer=issuer, subject=subject).exists():
        raise CouncilLinkRefused(SUBJECT_IN_USE)
    if CouncilIdentity.objects.filter(user=user).exists():
        raise CouncilLinkRefused(ALREADY_LINKED)
    identity = CouncilIdentity.objects.create(user=user, issuer=issuer, subject=subject)
    CouncilLinkAllowed.objects.filter(user=user).delete()  # a permission is used once
    audit_record(actor=actor or user, kind="account.council_linked", obj=user, payload={"by": by})
    return identity


def identity_for_unknown_subject(
    *, issuer: str, subject: str, email: str, email_verified: bool
) -> CouncilIdentity | None:
    """For a council account seen for the first time: the local account an administrator
    allowed it to link to, or None for a new user. Refused if a local account uses its
    email without that permission (or the email is not verified), so neither a silent
    takeover nor a second account for the same person happens."""
    matches = local_accounts_with_email(email)
    if not matches:
        return None
    allowed = [user for user in matches if _allowed(user) is not None]
    if len(matches) == 1 and allowed and email_verified:
        return council_identity_link(
            user=allowed[0], issuer=issuer, subject=subject, by="administrator"
        )
    raise CouncilLinkRefused(EMAIL_IN_USE)


@transaction.atomic
def council_link_allow(*, actor: Any, user: User) -> CouncilLinkAllowed:
    """An administrator lets the next council sign-in with this account's verified email
    link to it."""
    if CouncilIdentity.objects.filter(user=user).exists():
        raise ServiceError(ALREADY_LINKED)
    if not user.email:
        raise ServiceError("Give the account an email address first: linking matches on it.")
    allowed, created = CouncilLinkAllowed.objects.get_or_create(
        user=user, defaults={"allowed_by": actor}
    )
    if created:
        audit_record(actor=actor, kind="account.council_link_allowed", obj=user)
    return allowed


@transaction.atomic
def council_link_withdraw(*, actor: Any, user: User) -> None:
    deleted, _ = CouncilLinkAllowed.objects.filter(user=user).delete()
    if deleted:
        audit_record(actor=actor, kind="account.council_link_withdrawn", obj=user)


@transaction.atomic
def council_unlink(*, actor: Any, user: User) -> None:
    """An administrator removes the council account from the user: council sign-in no
    longer reaches it. A user left with no usable password can then only be given one by
    a password reset."""
    deleted, _ = CouncilIdentity.objects.filter(user=user).delete()
    if not deleted:
        raise ServiceError("This account is not linked to a council account.")
    audit_record(actor=actor, kind="account.council_unlinked", obj=user)


@transaction.atomic
def password_disable(*, actor: Any, user: User) -> None:
    """After linking, an administrator turns the local password off (and its authenticator
    app with it): the person signs in through the council only."""
    if not CouncilIdentity.objects.filter(user=user).exists():
        raise ServiceError("Link a council account first, or the person could not sign in.")
    if not user.has_usable_password():
        raise ServiceError("This account has no password.")
    user.set_unusable_password()
    user.save(update_fields=["password"])
    TOTPDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, kind="account.password_disabled", obj=user)
