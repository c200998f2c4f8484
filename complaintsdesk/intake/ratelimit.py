"""A fixed-window counter per client address in Django's cache: cheap, and enough to stop floods.

The cache holds a hash of the address, never the address itself. With several processes,
point CACHES at a shared cache (database or Redis) so they count together.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    if settings.INTAKE.get("TRUST_X_FORWARDED_FOR"):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded).split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def rate_limit_exceeded(request: HttpRequest, *, bucket: str, limit: int) -> bool:
    """Count this request against `bucket`; True once the address is over `limit` in the window."""
    window = int(settings.INTAKE["RATE_LIMIT_WINDOW_SECONDS"])
    digest = hashlib.sha256(
        f"{settings.SECRET_KEY}:{client_address(request)}".encode()
    ).hexdigest()[:32]
    key = f"intake-rate:{bucket}:{digest}:{int(time.time()) // window}"
    if cache.add(key, 1, timeout=window):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
            count = 1
    return count > limit
