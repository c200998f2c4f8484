"""Sign in/out and password reset: Django's auth views with GOV.UK templates."""

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import redirect

from complaintsdesk.accounts import two_step
from complaintsdesk.accounts.forms import SignInForm
from complaintsdesk.accounts.lockout import sign_in_failures_clear
from complaintsdesk.accounts.oidc import sso_enabled
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
    template_name = "accounts/signed_out.html"

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated:
            audit_record(actor=request.user, kind="account.signed_out")
        return super().post(request, *args, **kwargs)


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # A new password ends any lockout on the account.
        sign_in_failures_clear(username=form.user.get_username())
        audit_record(actor=form.user, kind="account.password_reset")
        return response
