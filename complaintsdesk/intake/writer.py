"""Queue a process's submissions for SQLite's single writer.

SQLite lets one connection write at a time and makes the others sleep and retry until
`busy_timeout`; under a burst of submissions that retrying starves a few past the timeout
(the load test saw "database is locked"). Taking turns on a lock here is first come, first
served. PostgreSQL locks rows, not the database, so it skips this.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

_SQLITE_WRITER = threading.Lock()


@contextmanager
def one_writer() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    with _SQLITE_WRITER:
        yield
