"""Roles are Django groups with these exact names (the demo and the admin pages use them)."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group

OFFICER = "Complaints officer"
MANAGER = "Complaints manager"
RESPONDER = "Responding manager"
INVESTIGATOR = "Investigating officer"
INDEPENDENT = "Independent person"
PANEL = "Panel member"
LEADERSHIP = "Leadership"

ALL_ROLES: tuple[str, ...] = (
    OFFICER,
    MANAGER,
    RESPONDER,
    INVESTIGATOR,
    INDEPENDENT,
    PANEL,
    LEADERSHIP,
)
# Roles that see only the cases they are appointed to (often people outside the council).
APPOINTEE_ROLES: frozenset[str] = frozenset({INVESTIGATOR, INDEPENDENT, PANEL})
CASEWORK_ROLES: frozenset[str] = frozenset({OFFICER, MANAGER})


def ensure_roles() -> list[Group]:
    """Create the role groups that are missing; idempotent."""
    return [Group.objects.get_or_create(name=name)[0] for name in ALL_ROLES]


def roles_of(user: Any) -> frozenset[str]:
    """The user's role names, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_complaintsdesk_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ALL_ROLES).values_list("name", flat=True))
        user._complaintsdesk_roles = cached
    return cached


def has_role(user: Any, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def roles_forget(user: Any) -> None:
    """Drop the cached role names after changing a user's groups."""
    if hasattr(user, "_complaintsdesk_roles"):
        del user._complaintsdesk_roles


def role_groups(names: Iterable[str]) -> list[Group]:
    unknown = set(names) - set(ALL_ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    return [Group.objects.get_or_create(name=name)[0] for name in names]
