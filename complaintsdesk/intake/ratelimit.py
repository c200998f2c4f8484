"""A fixed-window counter per client address, kept in the database so every app server counts
together: two servers behind the proxy allow the configured rate between them, not twice it.

One statement per request counts and reads (an upsert with RETURNING, on SQLite and PostgreSQL
alike), so concurrent requests never lose a count. The table holds a hash of the address,
never the address itself; expired windows are deleted as new ones open.
"""

import hashlib
import time

from django.conf import settings
from django.db import connection
from django.http import HttpRequest

from complaintsdesk.intake.models import RateCount
from complaintsdesk.intake.writer import one_writer

_COUNT = (
    f"INSERT INTO {RateCount._meta.db_table} (key, count, expires_at) VALUES (%s, 1, %s) "
    f"ON CONFLICT (key) DO UPDATE SET count = {RateCount._meta.db_table}.count + 1 "
    "RETURNING count"
)


def client_address(request: HttpRequest) -> str:
    if settings.INTAKE.get("TRUST_X_FORWARDED_FOR"):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded).split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def rate_count(*, key: str, expires_at: int) -> int:
    """Add one to `key`'s counter and return the new count (1 for a new window)."""
    with one_writer(), connection.cursor() as cursor:  # SQLite: one writer at a time
        cursor.execute(_COUNT, [key, expires_at])
        count = int(cursor.fetchone()[0])
        if count == 1:  # a window opened: drop the ones that have closed
            RateCount.objects.filter(expires_at__lte=int(time.time())).delete()
    return count


def rate_limit_exceeded(request: HttpRequest, *, bucket: str, limit: int) -> bool:
    """Count this request against `bucket`; True once the address is over `limit` in the window."""
    window = int(settings.INTAKE["RATE_LIMIT_WINDOW_SECONDS"])
    digest = hashlib.sha256(
        f"{settings.SECRET_KEY}:{client_address(request)}".encode()
    ).hexdigest()[:32]
    number = int(time.time()) // window
    key = f"{bucket}:{digest}:{number}"
    return rate_count(key=key, expires_at=(number + 1) * window) > limit
