"""Bearer-token authentication for the API; no sessions, so no CSRF to worry about."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, JsonResponse

from complaintsdesk.api.services import api_user_for


def api_error(status: int, message: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def token_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        header = request.headers.get("Authorization", "")
        scheme, _, secret = header.partition(" ")
        user = api_user_for(secret.strip()) if scheme.lower() == "bearer" and secret else None
        if user is None:
            response = api_error(401, "Send a valid API token: Authorization: Bearer <token>.")
            response["WWW-Authenticate"] = "Bearer"
            return response
        request.user = user
        return view(request, *args, **kwargs)

    return wrapped
