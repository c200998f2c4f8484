"""Single sign-on with the council's OpenID Connect provider (docs/single-sign-on.md).

Off unless COMPLAINTSDESK_OIDC_ISSUER is set. The provider's endpoints are read from
`<issuer>/.well-known/openid-configuration` on first use (complaintsdesk/accounts/oidc.py),
unless set explicitly here. Read by every settings module through base.py.
"""

import json
import os

OIDC_ISSUER = os.environ.get("COMPLAINTSDESK_OIDC_ISSUER", "").strip().rstrip("/")
OIDC_RP_CLIENT_ID = os.environ.get("COMPLAINTSDESK_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("COMPLAINTSDESK_OIDC_CLIENT_SECRET", "")
if OIDC_ISSUER and not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET):
    raise RuntimeError(
        "COMPLAINTSDESK_OIDC_ISSUER is set: set COMPLAINTSDESK_OIDC_CLIENT_ID and "
        "COMPLAINTSDESK_OIDC_CLIENT_SECRET too (docs/single-sign-on.md)"
    )

# Explicit endpoints, for a provider without discovery; empty means "discover".
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("COMPLAINTSDESK_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("COMPLAINTSDESK_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("COMPLAINTSDESK_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("COMPLAINTSDESK_OIDC_JWKS_ENDPOINT", "")
# Sign-out at the provider (RP-Initiated Logout); from discovery's end_session_endpoint if unset.
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("COMPLAINTSDESK_OIDC_END_SESSION_ENDPOINT", "")


def _role_groups(raw: str) -> dict[str, list[str]]:
    """{"group claim value": "Role name" or ["Role", ...]}: checked against the roles by
    the accounts app's system check, since settings cannot import the app."""
    if not raw.strip():
        return {}
    try:
        parsed = json.loads(raw)
    except ValueError as error:
        raise RuntimeError(f"COMPLAINTSDESK_OIDC_ROLE_GROUPS is not JSON: {error}") from None
    if not isinstance(parsed, dict):
        raise RuntimeError('COMPLAINTSDESK_OIDC_ROLE_GROUPS: use {"group": "Role name", ...}')
    mapping = {}
    for group, roles in parsed.items():
        roles = [roles] if isinstance(roles, str) else roles
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise RuntimeError(f"COMPLAINTSDESK_OIDC_ROLE_GROUPS: roles for {group!r} not text")
        mapping[str(group)] = roles
    return mapping


OIDC_ROLE_GROUPS = _role_groups(os.environ.get("COMPLAINTSDESK_OIDC_ROLE_GROUPS", ""))
# Entra ID sends security groups' object ids in "groups", or app roles in "roles".
OIDC_GROUPS_CLAIM = os.environ.get("COMPLAINTSDESK_OIDC_GROUPS_CLAIM", "groups")

OIDC_RP_SIGN_ALGO = os.environ.get("COMPLAINTSDESK_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("COMPLAINTSDESK_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = 10
# Kept in the session as id_token_hint for signing out at the provider.
OIDC_STORE_ID_TOKEN = True
# Whether the provider's email claim can be trusted without email_verified (Entra ID sends
# none; a single-tenant directory whose addresses IT manages can): only an administrator's
# "allow linking" uses it (ADR 0015).
OIDC_TRUST_EMAIL = os.environ.get("COMPLAINTSDESK_OIDC_TRUST_EMAIL", "").lower() in {"1", "true"}
OIDC_CREATE_USER = True
OIDC_AUTHENTICATE_CLASS = "complaintsdesk.accounts.oidc.CouncilSignInStartView"
OIDC_CALLBACK_CLASS = "complaintsdesk.accounts.oidc.CouncilSignInCallbackView"

# The provider sends the browser back with a cross-site top-level GET: a Lax session cookie
# travels with it (Strict would not, and the state check would fail).
SESSION_COOKIE_SAMESITE = "Lax"

# The password backend stays for people outside the council; the OIDC one answers only
# the provider's callback, and only while single sign-on is on.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "complaintsdesk.accounts.oidc.CouncilAccountBackend",
]
