"""The casework suite's small council (one user per role, cases at several stages)."""

import pytest
from django.db import transaction

from tests.casework.conftest import client_for, world  # noqa: F401  (fixtures)


@pytest.fixture
def on_commit_now(monkeypatch):
    # The test transaction never commits: run after-commit work (email, Notify) at once.
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
