"""Single sign-on: mozilla-django-oidc's authorization code flow (with PKCE and a nonce),
made to find people by issuer and subject, map groups to roles, and fail politely.

The provider's endpoints come from its discovery document, read on first use and kept
for the life of the process: the app starts even while the provider is unreachable."""

import logging
import threading
from typing import Any

import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from complaintsdesk.accounts.link_session import link_end, link_pending_for
from complaintsdesk.accounts.role_mapping import group_claim_values
from complaintsdesk.accounts.services import (
    CouncilAccount,
    council_account_link_self,
    council_account_sign_in,
    sign_in_record,
)
from complaintsdesk.accounts.services_link import CouncilLinkRefused
from complaintsdesk.core.audit import audit_record

logger = logging.getLogger(__name__)

ID_TOKEN_SESSION_KEY = "oidc_id_token"  # where mozilla-django-oidc keeps it (sign-out uses it)
UNAVAILABLE = "Signing in with your council account is not available just now. Try again later."
FAILED = "Signing in with your council account did not complete. Try again."

# Setting name -> key in the discovery document.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_discovered: dict[str, dict[str, Any]] = {}
_lock = threading.Lock()


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read or does not fit its issuer."""


def sso_enabled() -> bool:
    return bool(getattr(settings, "OIDC_ISSUER", ""))


def discovery(issuer: str) -> dict[str, Any]:
    """The issuer's discovery document, fetched once per process."""
    with _lock:
        if issuer not in _discovered:
            url = issuer.rstrip("/") + "/.well-known/openid-configuration"
            try:
                response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
                response.raise_for_status()
                document = response.json()
            except (requests.RequestException, ValueError) as error:
                raise ProviderUnavailable(f"discovery failed: {type(error).__name__}") from None
            # OpenID Connect Discovery 1.0 section 4.3: the document must name its issuer.
            if not isinstance(document, dict) or document.get("issuer", "").rstrip(
                "/"
            ) != issuer.rstrip("/"):
                raise ProviderUnavailable("discovery document names another issuer")
            _discovered[issuer] = document
        return _discovered[issuer]


def discovery_forget() -> None:
    with _lock:
        _discovered.clear()


def oidc_setting(attr: str, *default: Any) -> Any:
    """A setting for mozilla-django-oidc, with unset endpoints read from discovery."""
    value = getattr(settings, attr, None)
    if attr in ENDPOINTS and not value and sso_enabled():
        value = discovery(settings.OIDC_ISSUER).get(ENDPOINTS[attr])
        if not value:
            raise ProviderUnavailable(f"discovery document has no {ENDPOINTS[attr]}")
    if value is None or value == "":
        if default:
            return default[0]
    return value


def _sign_in_failed(
    request: HttpRequest, message: str, reason: str, *, to: str = "login"
) -> HttpResponse:
    audit_record(actor=None, kind="account.sign_in_failed", payload={"method": "oidc"})
    logger.warning("council sign-in failed: %s", reason)  # a reason, never a claim
    messages.error(request, message)
    return HttpResponseRedirect(reverse(to))


class CouncilAccountBackend(OIDCAuthenticationBackend):  # type: ignore[misc]  # untyped library
    """Answers only the provider's callback while single sign-on is on."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Django builds every backend for each password sign-in too: read nothing here.
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    get_settings = staticmethod(oidc_setting)

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        if request is None or not sso_enabled() or "nonce" not in kwargs:
            return None
        self.OIDC_OP_TOKEN_ENDPOINT = oidc_setting("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = oidc_setting("OIDC_OP_USER_ENDPOINT")
        self.OIDC_OP_JWKS_ENDPOINT = oidc_setting("OIDC_OP_JWKS_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token: str, **kwargs: Any) -> Any:
        payload = super().verify_token(token, **kwargs)
        # The library checks the signature and nonce; the issuer and audience are ours to check.
        if payload.get("iss", "").rstrip("/") != settings.OIDC_ISSUER:
            raise SuspiciousOperation("ID token from another issuer")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client")
        if not payload.get("sub"):
            raise SuspiciousOperation("ID token without a subject")
        return payload

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        # Entra ID puts groups in the ID token only; userinfo adds what the token left out.
        claims = dict(payload)
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload["sub"]:
            raise SuspiciousOperation("userinfo is about someone else")
        for key, value in userinfo.items():
            claims.setdefault(key, value)
        return claims

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        claims = self.get_userinfo(access_token, id_token, payload)
        first, last = _names(claims)
        account = CouncilAccount(
            issuer=settings.OIDC_ISSUER,
            subject=str(claims["sub"]),
            email=_text(claims.get("email")),
            username_hint=_text(claims.get("preferred_username")) or _text(claims.get("email")),
            first_name=first,
            last_name=last,
            groups=tuple(group_claim_values(claims.get(settings.OIDC_GROUPS_CLAIM))),
            email_verified=_email_verified(claims),
        )
        linking = link_pending_for(self.request)
        if linking is not None:
            return council_account_link_self(
                user=linking, account=account, role_groups_map=settings.OIDC_ROLE_GROUPS
            )
        return council_account_sign_in(account=account, role_groups_map=settings.OIDC_ROLE_GROUPS)


def _email_verified(claims: dict[str, Any]) -> bool:
    # Some providers send the boolean as a string.
    return claims.get("email_verified") in (True, "true") or bool(
        getattr(settings, "OIDC_TRUST_EMAIL", False)
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _names(claims: dict[str, Any]) -> tuple[str, str]:
    first, last = _text(claims.get("given_name")), _text(claims.get("family_name"))
    if first or last:
        return first, last
    name = _text(claims.get("name"))
    head, _, tail = name.rpartition(" ")
    return (head, tail) if head else (name, "")


def _id_token_restore(session: Any, token: str | None) -> None:
    if token is None:
        session.pop(ID_TOKEN_SESSION_KEY, None)
    else:
        session[ID_TOKEN_SESSION_KEY] = token


class CouncilSignInStartView(OIDCAuthenticationRequestView):  # type: ignore[misc]  # untyped library
    """/accounts/council/start/: off (404) unless single sign-on is on."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not sso_enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderUnavailable as error:
            return _sign_in_failed(request, UNAVAILABLE, str(error))
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        response: HttpResponse = super().get(request)
        return response

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        # Linking asks for the council password even if the browser is signed in there
        # already, so nobody links whichever council account happens to be open.
        return {"prompt": "login"} if link_pending_for(request) is not None else {}


class CouncilSignInCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]  # untyped library
    """/accounts/council/callback/: the provider sends the browser back here."""

    get_settings = staticmethod(oidc_setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not sso_enabled():
            raise Http404
        linking = link_pending_for(request) is not None
        # The library keeps the ID token before it knows whether sign-in succeeds: a
        # refused one must not stay, or a later password session would look like a council
        # one (and sign-out would send it to the provider).
        token_before = request.session.get(ID_TOKEN_SESSION_KEY)
        self.signed_in = False
        if linking and "error" in request.GET:
            # The person stopped at the provider: they stay signed in here (the library
            # would sign them out).
            link_end(request.session)
            return _sign_in_failed(request, FAILED, "link stopped", to="council_link")
        try:
            response: HttpResponse = super().get(request)
            return response
        except CouncilLinkRefused as error:
            return _sign_in_failed(
                request, error.message, "link refused", to="council_link" if linking else "login"
            )
        except SuspiciousOperation as error:  # an unknown state, a bad token
            return _sign_in_failed(request, FAILED, str(error))
        except (requests.RequestException, ProviderUnavailable) as error:
            return _sign_in_failed(request, UNAVAILABLE, type(error).__name__)
        finally:
            link_end(request.session)
            if not self.signed_in:
                _id_token_restore(request.session, token_before)

    def login_success(self) -> HttpResponse:
        linked = link_pending_for(self.request) is not None
        response: HttpResponse = super().login_success()
        self.signed_in = True
        sign_in_record(user=self.user, method="oidc")
        if linked:
            messages.success(self.request, "Your council account is linked")
        return response

    def login_failure(self) -> HttpResponse:
        return _sign_in_failed(self.request, FAILED, "refused by the provider or inactive user")

    @property
    def success_url(self) -> str:
        return self.request.session.get("oidc_login_next") or settings.LOGIN_REDIRECT_URL
