"""The complaints manager's administration: organisation structure, users and their roles."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import transaction

from complaintsdesk.accounts.roles import role_groups, roles_forget
from complaintsdesk.cases.models import Directorate, ServiceArea, Team
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError


@transaction.atomic
def directorate_create(*, actor: Any, name: str) -> Directorate:
    name = name.strip()
    if not name:
        raise ServiceError("Enter the directorate's name.", field="name")
    if Directorate.objects.filter(name__iexact=name).exists():
        raise ServiceError(f"{name} already exists.", field="name")
    row = Directorate.objects.create(name=name)
    audit_record(
        actor=actor, kind="organisation.directorate_created", obj=row, payload={"name": name}
    )
    return row


@transaction.atomic
def service_area_create(
    *, actor: Any, name: str, directorate: Directorate, public_name: str = ""
) -> ServiceArea:
    name = name.strip()
    if not name:
        raise ServiceError("Enter the service area's name.", field="name")
    if ServiceArea.objects.filter(name__iexact=name).exists():
        raise ServiceError(f"{name} already exists.", field="name")
    row = ServiceArea.objects.create(
        name=name, directorate=directorate, public_name=public_name.strip()
    )
    audit_record(
        actor=actor, kind="organisation.service_area_created", obj=row, payload={"name": name}
    )
    return row


@transaction.atomic
def service_area_set_public_name(
    *, actor: Any, service_area: ServiceArea, public_name: str
) -> ServiceArea:
    """What the public forms call the service (blank: its own name)."""
    public_name = public_name.strip()
    if len(public_name) > 120:
        raise ServiceError("Use 120 characters or fewer.", field="public_name")
    service_area.public_name = public_name
    service_area.save(update_fields=["public_name"])
    audit_record(
        actor=actor,
        kind="organisation.service_area_public_name_set",
        obj=service_area,
        payload={"public_name": public_name},
    )
    return service_area


@transaction.atomic
def team_create(*, actor: Any, name: str, service_area: ServiceArea) -> Team:
    name = name.strip()
    if not name:
        raise ServiceError("Enter the team's name.", field="name")
    if Team.objects.filter(service_area=service_area, name__iexact=name).exists():
        raise ServiceError(f"{name} already exists in {service_area.name}.", field="name")
    row = Team.objects.create(name=name, service_area=service_area)
    audit_record(actor=actor, kind="organisation.team_created", obj=row, payload={"name": name})
    return row


@transaction.atomic
def user_create(
    *, actor: Any, username: str, email: str, first_name: str, last_name: str, roles: list[str]
) -> AbstractUser:
    """Create a user without a usable password: they set one through the reset email."""
    User = get_user_model()
    username = username.strip()
    if not username:
        raise ServiceError("Enter a username.", field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise ServiceError(f"The username {username} is taken.", field="username")
    user = User(
        username=username,
        email=email.strip(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    user.set_unusable_password()
    user.save()
    user.groups.set(role_groups(roles))
    audit_record(actor=actor, kind="user.created", obj=user, payload={"roles": sorted(roles)})
    return user


@transaction.atomic
def user_update(
    *, actor: Any, user: Any, roles: list[str], teams: list[Team], is_active: bool
) -> Any:
    if user.pk == getattr(actor, "pk", None) and not is_active:
        raise ServiceError("You cannot deactivate your own account.", field="is_active")
    before = sorted(user.groups.values_list("name", flat=True))
    user.groups.set(role_groups(roles))
    user.teams.set(teams)
    if user.is_active != is_active:
        user.is_active = is_active
        user.save(update_fields=["is_active"])
    roles_forget(user)
    audit_record(
        actor=actor,
        kind="user.updated",
        obj=user,
        payload={
            "roles_before": before,
            "roles": sorted(roles),
            "teams": sorted(t.pk for t in teams),
            "is_active": is_active,
        },
    )
    return user
