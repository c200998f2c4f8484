"""One demo user per role, in Django groups named as the roles are."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User

from complaintsdesk.demo.organisation import Organisation
from complaintsdesk.demo.people import People
from complaintsdesk.demo.targets import CNSC, CSC

DEMO_PASSWORD = "demo-password-2024!"

# username -> group
ROLES: dict[str, str] = {
    "officer": "Complaints officer",
    "manager": "Complaints manager",
    "responder": "Responding manager",
    "investigator": "Investigating officer",
    "independent": "Independent person",
    "panel": "Panel member",
    "leader": "Leadership",
}
# The responding manager answers for these teams (Team.members scopes what they see).
RESPONDER_TEAMS: tuple[tuple[str, str], ...] = (
    (CSC, "CWAD"),
    (CSC, "North"),
    (CSC, "Chesil"),
    (CSC, "Purbeck"),
    (CNSC, "SEN"),
)


def user_names(people: People) -> dict[str, tuple[str, str]]:
    """Each demo user's (first name, last name): the first names the demo's Faker draws."""
    return {
        username: (
            people.name_part(people.fake.first_name),
            people.name_part(people.fake.last_name),
        )
        for username in ROLES
    }


def users_create(*, org: Organisation, names: dict[str, tuple[str, str]]) -> dict[str, User]:
    users: dict[str, User] = {}
    # One hash for all: they share the published demo password, and a hash takes a good
    # part of a second by design.
    password = make_password(DEMO_PASSWORD)
    for username, group_name in ROLES.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        first_name, last_name = names[username]
        # Kept across a --reset (other records may point at them); their details are reset.
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@example.gov.uk",
                "is_staff": username == "manager",
                "is_active": True,
                "password": password,
            },
        )
        user.groups.set([group])
        users[username] = user
    for key in RESPONDER_TEAMS:
        org.teams[key].members.add(users["responder"])
    return users
