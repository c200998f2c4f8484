"""Bearer-token authentication for the API; no sessions, so no CSRF to worry about."""

from typing import Any

from django.http import HttpRequest, JsonResponse

from complaintsdesk.api.services import api_user_for


def api_error(status: int, message: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def token_user(request: HttpRequest) -> Any:
    """The user whose live token is sent as `Authorization: Bearer <token>`, or None."""
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return api_user_for(secret.strip())


def token_refused() -> JsonResponse:
    response = api_error(401, "Send a valid API token: Authorization: Bearer <token>.")
    response["WWW-Authenticate"] = "Bearer"
    return response
