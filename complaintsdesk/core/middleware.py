"""Middleware that guards every request: refuse what no page can serve, keep personal data
out of caches, and sign out a person who has left their desk.

The last two sit after the session and authentication middleware in `MIDDLEWARE`. Static
files never reach them: WhiteNoise answers those earlier, with their own long cache headers.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers

Handler = Callable[[HttpRequest], HttpResponseBase]
# The session remembers when its expiry was last pushed back.
SESSION_SEEN_KEY = "_seen"


class NulRefusedMiddleware:
    """A NUL character in the path or the query string is a 400.

    No address or parameter needs one, and PostgreSQL refuses NUL in text, so one passed on
    to a lookup (a case reference, a report filter) or into an audit row's payload would fail
    there as a 500. Refusing it here covers every view at once.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if "\x00" in request.path or any(
            "\x00" in name or any("\x00" in value for value in values)
            for name, values in request.GET.lists()
        ):
            raise BadRequest("The address holds a NUL character, which is never valid.")
        return self.get_response(request)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every page, export and API answer the application makes.

    Case pages, exports, the public forms (which show the answers given) and the API all
    carry personal data; marking every response is simpler and safer than listing them.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


class SessionIdleTimeoutMiddleware:
    """A signed-in session ends after SESSION_COOKIE_AGE without a request (a working day).

    Django counts SESSION_COOKIE_AGE from the session's last save. Saving on every request
    (SESSION_SAVE_EVERY_REQUEST) would cost a database write per page; saving at most once
    a minute while the person works gives the same idle timeout to within a minute.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - int(request.session.get(SESSION_SEEN_KEY, 0)) >= int(
                settings.SESSION_REFRESH_SECONDS
            ):
                request.session[SESSION_SEEN_KEY] = now
        return response
