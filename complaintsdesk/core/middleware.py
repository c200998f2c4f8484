"""Requests no page can serve, refused before any view reads them."""

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse


class NulRefusedMiddleware:
    """A NUL character in the path or the query string is a 400.

    No address or parameter needs one, and PostgreSQL refuses NUL in text, so one passed on
    to a lookup (a case reference, a report filter) or into an audit row's payload would fail
    there as a 500. Refusing it here covers every view at once.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in name or any("\x00" in value for value in values)
            for name, values in request.GET.lists()
        ):
            raise BadRequest("The address holds a NUL character, which is never valid.")
        return self.get_response(request)
