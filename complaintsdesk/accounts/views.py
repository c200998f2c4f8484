"""Sign in/out and password reset: Django's auth views with GOV.UK templates."""

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse

from complaintsdesk.accounts.forms import SignInForm
from complaintsdesk.accounts.lockout import sign_in_failures_clear
from complaintsdesk.core.audit import audit_record


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        sign_in_failures_clear(username=user.get_username())
        response = super().form_valid(form)
        audit_record(actor=user, kind="account.signed_in")
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
