import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Nothing a test leaves in the cache reaches the next (rate-limit counts are in the database).
    cache.clear()
    yield
    cache.clear()
