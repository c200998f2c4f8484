"""What every API view shares: its methods, its token, its JSON body, and errors in JSON.

The API is authenticated by bearer token only, never by the session cookie, so a browser
cannot be made to call it on someone's behalf: its views are exempt from CSRF, and a method a
view does not take is answered 405 in JSON rather than by the HTML CSRF page.
"""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from complaintsdesk.api.auth import api_error, token_required
from complaintsdesk.core.params import ParameterError


class ApiInputError(Exception):
    """A request the API cannot act on; answered with `status` and `message` in JSON."""

    def __init__(self, status: int, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field


def api_view(*methods: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Take only `methods`, then require a token; bad input raised inside becomes a 4xx."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        authenticated = token_required(view)

        @csrf_exempt
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                refused = api_error(405, f"Use {' or '.join(methods)} here.")
                refused["Allow"] = ", ".join(methods)
                return refused
            try:
                response: HttpResponse = authenticated(request, *args, **kwargs)
            except ApiInputError as error:
                extra = {"field": error.field} if error.field else {}
                return api_error(error.status, error.message, **extra)
            except ParameterError as error:
                return api_error(400, error.message, field=error.name)
            return response

        return wrapped

    return decorate


def json_object(request: HttpRequest) -> dict[str, Any]:
    """The request body as a JSON object, or ApiInputError saying what is wrong with it."""
    if request.content_type != "application/json":
        raise ApiInputError(400, "Send the body as JSON, with Content-Type: application/json.")
    try:
        raw = request.body
    except RequestDataTooBig:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raise ApiInputError(413, f"The body is larger than {limit} bytes.") from None
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ApiInputError(400, "The body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise ApiInputError(400, "The body must be a JSON object of named fields.")
    return body


def text_fields(
    body: dict[str, Any], *, required: tuple[str, ...], optional: tuple[str, ...]
) -> dict[str, str]:
    """The named fields, each text; the required ones present and not blank."""
    out: dict[str, str] = {}
    for name in (*required, *optional):
        value = body.get(name)
        if value is None or value == "":
            if name in required:
                raise ApiInputError(400, f"{name} is required.", field=name)
            continue
        if not isinstance(value, str):
            raise ApiInputError(400, f"{name} must be text.", field=name)
        out[name] = value
    return out
