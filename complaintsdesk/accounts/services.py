"""Account writes: sign-in records, council (single sign-on) accounts, two-step settings.

Audit payloads carry the method and role names only; the user is the event's actor."""

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from complaintsdesk.accounts.models import CouncilIdentity, TwoStepRequiredRole
from complaintsdesk.accounts.role_mapping import roles_after_sign_in, roles_from_groups
from complaintsdesk.accounts.roles import ALL_ROLES, role_groups, roles_forget
from complaintsdesk.accounts.services_link import (
    council_identity_link,
    identity_for_unknown_subject,
)
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError

SignInMethod = Literal["oidc", "password", "password+totp"]


def sign_in_record(*, user: Any, method: SignInMethod) -> None:
    """How the person signed in, for the audit trail (called right after Django's login)."""
    audit_record(actor=user, kind="account.signed_in", payload={"method": method})


@dataclass(frozen=True)
class CouncilAccount:
    """What the provider says about the person, read from its verified ID token/userinfo."""

    issuer: str
    subject: str
    email: str = ""
    username_hint: str = ""  # preferred_username (Entra ID: the user principal name)
    first_name: str = ""
    last_name: str = ""
    groups: tuple[str, ...] = ()
    email_verified: bool = False  # the provider vouches for the email (ADR 0015)


def _free_username(hint: str, issuer: str, subject: str) -> str:
    digest = hashlib.sha256(f"{issuer} {subject}".encode()).hexdigest()[:10]
    base = (hint.strip().lower() or f"sso-{digest}")[:140]
    if not User.objects.filter(username__iexact=base).exists():
        return base
    # A local account already has the name: the council account gets its own.
    return f"{base}-{digest[:8]}"


@transaction.atomic
def council_account_sign_in(
    *, account: CouncilAccount, role_groups_map: Mapping[str, Sequence[str]]
) -> User:
    """Find the user for this council account (by issuer and subject), creating it on first
    sign-in with no roles but those the groups map to; refresh name, email and mapped roles.

    A first sign-in whose email a local account uses is refused (CouncilLinkRefused) unless
    an administrator allowed that account to be linked (services_link)."""
    identity = (
        CouncilIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=account.issuer, subject=account.subject)
        .first()
    )
    if identity is None:
        identity = identity_for_unknown_subject(
            issuer=account.issuer,
            subject=account.subject,
            email=account.email,
            email_verified=account.email_verified,
        )
    if identity is None:
        user = User(username=_free_username(account.username_hint, account.issuer, account.subject))
        user.set_unusable_password()  # they sign in through the council only
        user.save()
        identity = CouncilIdentity.objects.create(
            user=user, issuer=account.issuer, subject=account.subject
        )
        audit_record(actor=user, kind="account.created", obj=user, payload={"method": "oidc"})
    user = identity.user
    user.email = account.email[:254]
    user.first_name = account.first_name[:150]
    user.last_name = account.last_name[:150]
    user.save(update_fields=["email", "first_name", "last_name"])
    identity.last_signed_in_at = timezone.now()
    identity.save(update_fields=["last_signed_in_at"])

    current = _role_names(user)
    mapped = roles_from_groups(account.groups, role_groups_map) & set(ALL_ROLES)
    wanted = roles_after_sign_in(current, identity.mapped_roles, account.groups, role_groups_map)
    wanted &= set(ALL_ROLES)
    identity.mapped_roles = sorted(mapped)
    identity.save(update_fields=["mapped_roles"])
    if wanted != current:
        user.groups.remove(*role_groups(current - wanted))
        user.groups.add(*role_groups(wanted - current))
        roles_forget(user)
        audit_record(
            actor=user,
            kind="account.roles_mapped",
            obj=user,
            payload={"added": sorted(wanted - current), "removed": sorted(current - wanted)},
        )
    return user


@transaction.atomic
def council_account_link_self(
    *, user: User, account: CouncilAccount, role_groups_map: Mapping[str, Sequence[str]]
) -> User:
    """The signed-in local user completed a council sign-in from "Link my council account":
    the council account is stored on their user, then signed in as usual."""
    council_identity_link(user=user, issuer=account.issuer, subject=account.subject, by="self")
    return council_account_sign_in(account=account, role_groups_map=role_groups_map)


def _role_names(user: User) -> frozenset[str]:
    return frozenset(user.groups.filter(name__in=ALL_ROLES).values_list("name", flat=True))


def two_step_required_roles() -> frozenset[str]:
    return frozenset(TwoStepRequiredRole.objects.values_list("role", flat=True))


def two_step_required_for(user: Any) -> bool:
    return bool(_role_names(user) & two_step_required_roles())


@transaction.atomic
def two_step_required_roles_set(*, actor: Any, roles: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(roles)
    unknown = chosen - set(ALL_ROLES)
    if unknown:
        raise ServiceError(f"Unknown roles: {', '.join(sorted(unknown))}", field="roles")
    before = two_step_required_roles()
    TwoStepRequiredRole.objects.exclude(role__in=chosen).delete()
    for role in chosen - before:
        TwoStepRequiredRole.objects.create(role=role)
    if chosen != before:
        audit_record(
            actor=actor, kind="account.two_step_roles_set", payload={"roles": sorted(chosen)}
        )
    return chosen
