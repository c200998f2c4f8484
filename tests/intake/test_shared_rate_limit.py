"""The public forms' rate limit is counted in the database, shared by every app server.

Two app servers are two processes with nothing in memory in common; here each "server" is a
separate client whose process-local cache is emptied before every request, so only what the
database holds can carry the count from one to the other.
"""

import threading
import time

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client

from complaintsdesk.intake.models import RateCount
from complaintsdesk.intake.ratelimit import rate_count
from tests.intake.support import answer


def test_two_servers_together_allow_the_configured_rate_not_double(org, now, settings):
    settings.INTAKE = {**settings.INTAKE, "RATE_LIMIT_POSTS": 4}
    server_a, server_b = Client(), Client()
    statuses = []
    for n in range(6):
        caches["default"].clear()  # nothing survives in a process's memory between servers
        server = server_a if n % 2 == 0 else server_b
        statuses.append(
            answer(server, "complaint", "service", {"service_area": org["children"].pk}).status_code
        )
    assert statuses == [302, 302, 302, 302, 429, 429]


def test_the_counter_holds_no_address(org, now, settings):
    answer(Client(REMOTE_ADDR="198.51.100.23"), "complaint", "service", {"service_area": 1})
    keys = list(RateCount.objects.values_list("key", flat=True))
    assert keys and not any("198.51.100" in key for key in keys)


@pytest.mark.django_db
def test_closed_windows_are_deleted_as_new_ones_open():
    past = int(time.time()) - 1
    RateCount.objects.create(key="posts:old:1", count=7, expires_at=past)
    assert rate_count(key="posts:new:2", expires_at=past + 600) == 1
    assert list(RateCount.objects.values_list("key", flat=True)) == ["posts:new:2"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_lose_no_count():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("concurrent writers need PostgreSQL or a file database")
    expires = int(time.time()) + 600
    start = threading.Barrier(4)

    def count() -> None:
        start.wait()
        try:
            for _ in range(25):
                rate_count(key="posts:race:1", expires_at=expires)
        finally:
            connection.close()

    threads = [threading.Thread(target=count) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert RateCount.objects.get(key="posts:race:1").count == 100
