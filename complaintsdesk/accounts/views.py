"""Sign in/out and password reset: Django's auth views with GOV.UK templates."""

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from complaintsdesk.accounts import two_step
from complaintsdesk.accounts.forms import SignInForm
from complaintsdesk.accounts.lockout import sign_in_failures_clear
from complaintsdesk.accounts.oidc import sso_enabled
from complaintsdesk.accounts.oidc_logout import (
    ID_TOKEN_SESSION_KEY,
    end_session_endpoint,
    end_session_url,
)
from complaintsdesk.accounts.services import sign_in_record, two_step_required_for
from complaintsdesk.core.audit import audit_record


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "sso_enabled": sso_enabled()}

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if two_step.confirmed_device(user) or two_step_required_for(user):
            # The password was right; the code (or setting one up) comes next. Failures are
            # cleared only when both steps pass, so wrong codes add up across passwords.
            two_step.pending_start(self.request.session, user=user, next_url=self.get_success_url())
            return redirect("two_step_code")
        sign_in_failures_clear(username=user.get_username())
        response = super().form_valid(form)
        sign_in_record(user=user, method="password")
        return response


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView, CSRF-checked). Someone who signed in with their
    council account goes on to the provider to end that session too, and comes back to the
    signed-out page; everyone else sees that page straight away."""

    template_name = "accounts/signed_out.html"

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        id_token = request.session.get(ID_TOKEN_SESSION_KEY, "")
        if request.user.is_authenticated:
            audit_record(actor=request.user, kind="account.signed_out")
        response = super().post(request, *args, **kwargs)  # the session ends here
        endpoint = end_session_endpoint() if id_token else ""
        if not endpoint:
            return response
        url = end_session_url(
            endpoint,
            id_token=id_token,
            post_logout_redirect_uri=request.build_absolute_uri(reverse("signed_out")),
            client_id=settings.OIDC_RP_CLIENT_ID,
        )
        return continue_to_provider(
            request,
            url,
            title="Signing you out of your council account",
            body="You have signed out of ComplaintsDesk. Your council's sign-in page will now "
            "sign you out of your council account too.",
        )


def continue_to_provider(request: HttpRequest, url: str, *, title: str, body: str) -> HttpResponse:
    """A page that moves on to the provider by itself (the form-action policy would stop a
    form's redirect there), with a button if it does not."""
    return render(
        request,
        "accounts/continue_to_provider.html",
        {"url": url, "title": title, "body": body},
    )


def signed_out(request: HttpRequest) -> HttpResponse:
    """Where the council's provider sends people back after signing them out there."""
    return render(request, "accounts/signed_out.html")


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # A new password ends any lockout on the account.
        sign_in_failures_clear(username=form.user.get_username())
        audit_record(actor=form.user, kind="account.password_reset")
        return response
