"""Signing out at the council's provider too (OpenID Connect RP-Initiated Logout 1.0).

The ID token from sign-in is kept in the session (OIDC_STORE_ID_TOKEN) and sent back as
`id_token_hint`, so the provider knows whose session to end without asking; it then sends
the browser to our signed-out page (`post_logout_redirect_uri`, registered with it)."""

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings

from complaintsdesk.accounts.oidc import (
    ID_TOKEN_SESSION_KEY,
    ProviderUnavailable,
    discovery,
    sso_enabled,
)

__all__ = ["ID_TOKEN_SESSION_KEY", "end_session_endpoint", "end_session_url"]


def end_session_url(
    endpoint: str, *, id_token: str, post_logout_redirect_uri: str, client_id: str
) -> str:
    """The provider's end-session address with our parameters added to any it already has
    (PURE). client_id is sent too: section 2 recommends it beside id_token_hint."""
    parts = urlsplit(endpoint)
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key not in {"id_token_hint", "post_logout_redirect_uri", "client_id"}
    ]
    query += [
        ("id_token_hint", id_token),
        ("post_logout_redirect_uri", post_logout_redirect_uri),
        ("client_id", client_id),
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


def end_session_endpoint() -> str:
    """From the setting, else from discovery; "" if the provider offers none or cannot be
    reached (then only our session ends, as before)."""
    if not sso_enabled():
        return ""
    configured: str = getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", "") or ""
    if configured:
        return configured
    try:
        found: Any = discovery(settings.OIDC_ISSUER).get("end_session_endpoint")
    except ProviderUnavailable:
        return ""
    return found if isinstance(found, str) else ""
