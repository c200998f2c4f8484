"""The project's error pages, in JSON under /api/ (the API never answers in HTML)."""

from typing import Any

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.views import defaults

from complaintsdesk.api.auth import api_error

API_PREFIX = "/api/"


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not request.path.startswith(API_PREFIX):
        return defaults.bad_request(request, exception)
    # Our own refusals say why; others (a SuspiciousOperation) keep their detail to the log.
    message = str(exception) if type(exception) is BadRequest else "The request is malformed."
    return api_error(400, message)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not request.path.startswith(API_PREFIX):
        return defaults.page_not_found(request, exception)
    return api_error(404, "No such address in the API (see docs/api.md).")


def server_error(request: HttpRequest, *args: Any) -> HttpResponse:
    if not request.path.startswith(API_PREFIX):
        return defaults.server_error(request)
    return api_error(500, "Something went wrong on our side; it has been logged.")
