"""Fixtures for the report documents: a small council's records and people in each role."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.reporting_docs.data import World, build_world


@pytest.fixture
def world(db) -> World:
    return build_world(scale=3)


@pytest.fixture
def keira_world(db) -> World:
    return build_world(scale=3, keira=True)


def make_user(username: str, *roles: str):
    user = get_user_model().objects.create_user(
        username=username, password="not-a-real-password-1", first_name=username.title()
    )
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def manager(db):
    return make_user("manager", "Complaints manager")


@pytest.fixture
def officer(db):
    return make_user("officer", "Complaints officer")


@pytest.fixture
def leader(db):
    return make_user("leader", "Leadership")


@pytest.fixture
def responder(db):
    return make_user("responder", "Responding manager")
