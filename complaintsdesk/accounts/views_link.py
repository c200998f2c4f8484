"""Linking a local account to a council account: the person's own "Link my council account",
and the administrator's page to allow linking, unlink, or turn the password off (ADR 0015)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from complaintsdesk.accounts import two_step
from complaintsdesk.accounts.link_session import link_start
from complaintsdesk.accounts.models import CouncilIdentity, CouncilLinkAllowed
from complaintsdesk.accounts.oidc import sso_enabled
from complaintsdesk.accounts.oidc_logout import ID_TOKEN_SESSION_KEY
from complaintsdesk.accounts.services_link import (
    council_link_allow,
    council_link_withdraw,
    council_unlink,
    password_disable,
)
from complaintsdesk.accounts.views import continue_to_provider
from complaintsdesk.cases import access
from complaintsdesk.cases.views.base import require
from complaintsdesk.core.errors import ServiceError


def _link_refusal(request: HttpRequest) -> str:
    """Why this session may not link, or "" if it may: only a local sign-in (password, and
    the code when the person uses an authenticator app) vouches for the local account."""
    user: Any = request.user
    if CouncilIdentity.objects.filter(user=user).exists():
        return "Your account is already linked to a council account."
    if not user.has_usable_password() or request.session.get(ID_TOKEN_SESSION_KEY):
        return "Sign in with your password to link a council account."
    if two_step.confirmed_device(user) and not user.is_verified():
        return "Sign in with your password and code to link a council account."
    return ""


@login_required
def council_link(request: HttpRequest) -> HttpResponse:
    """GET: what linking does; POST: start a council sign-in that links to this account."""
    if not sso_enabled():
        raise Http404
    refusal = _link_refusal(request)
    if request.method == "POST" and not refusal:
        link_start(request.session, user=request.user)
        start = reverse("oidc_authentication_init")
        return continue_to_provider(
            request,
            f"{start}?{urlencode({'next': reverse('council_link')})}",
            title="Link my council account",
            body="Your council's sign-in page will now ask for your council account.",
        )
    return render(
        request,
        "accounts/council_link.html",
        {"refusal": refusal},
        status=400 if request.method == "POST" else 200,
    )


ACTIONS = {
    "allow": (council_link_allow, "Linking allowed at their next council sign-in"),
    "withdraw": (council_link_withdraw, "Linking no longer allowed"),
    "unlink": (council_unlink, "Council account unlinked"),
    "disable_password": (password_disable, "Password turned off"),
}


@login_required
def council_account_admin(request: HttpRequest, pk: int) -> HttpResponse:
    """The complaints manager's view of one user's council account."""
    require(access.can_administer(request.user))
    user = get_object_or_404(get_user_model(), pk=pk)
    error = ""
    if request.method == "POST":
        action = ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            error = "Choose an action."
        else:
            service, done = action
            try:
                service(actor=request.user, user=user)
            except ServiceError as refused:
                error = refused.message
            else:
                messages.success(request, done)
                return redirect("council_account_admin", pk=user.pk)
    return render(
        request,
        "accounts/council_account_admin.html",
        {
            "nav": "admin",
            "subject_user": user,
            "identity": CouncilIdentity.objects.filter(user=user).first(),
            "allowed": CouncilLinkAllowed.objects.filter(user=user).first(),
            "error": error,
        },
        status=400 if error else 200,
    )
