import pytest
import time_machine
from django.core.cache import cache

from tests.intake.support import NOW, make_org


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Nothing a test leaves in the cache reaches the next (rate-limit counts are in the database).
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _on_commit_now(monkeypatch):
    # The test transaction never commits, so run after-commit work (emails) straight away.
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def org(db):
    return make_org()
