"""Two-step sign-in pages: the code after the password, setting up an authenticator app,
the manager's choice of roles that must use it, and the page for people with no role yet."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login

from complaintsdesk.accounts import two_step
from complaintsdesk.accounts.forms import LOCKED_MESSAGE
from complaintsdesk.accounts.lockout import (
    sign_in_failure_record,
    sign_in_failures_clear,
    sign_in_locked,
)
from complaintsdesk.accounts.oidc import sso_enabled
from complaintsdesk.accounts.roles import ALL_ROLES, roles_of
from complaintsdesk.accounts.services import (
    sign_in_record,
    two_step_required_for,
    two_step_required_roles,
    two_step_required_roles_set,
)
from complaintsdesk.cases import access
from complaintsdesk.cases.views.base import require, run_form

WRONG_CODE = "Enter the 6-digit code your authenticator app shows now."


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Roles that must use two-step sign-in",
        choices=[(r, r) for r in ALL_ROLES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _enrolment(device: Any) -> dict[str, str]:
    """What the page shows to set up a new device: its QR code and the key to type in."""
    if device is None:
        return {}
    return {"qr_code": two_step.qr_code_data_uri(device), "secret": two_step.manual_key(device)}


def two_step_code(request: HttpRequest) -> HttpResponse:
    """After the password: the code, or first setting up the app if the role requires it."""
    found = two_step.pending_user(request.session)
    if found is None:
        messages.error(request, "Sign in again: the sign-in took too long or did not start.")
        return redirect("login")
    user, pending = found
    device = two_step.confirmed_device(user)
    enrolling = device is None
    if enrolling:
        device = two_step.enrolment_device(user)
    assert device is not None
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if sign_in_locked(username=user.get_username()):
            request.session.pop(two_step.PENDING, None)
            messages.error(request, LOCKED_MESSAGE)
            return redirect("login")
        code = form.cleaned_data["code"]
        ok = (
            two_step.device_confirm(user=user, device=device, code=code)
            if enrolling
            else two_step.code_check(device, code)
        )
        if ok:
            request.session.pop(two_step.PENDING, None)
            sign_in_failures_clear(username=user.get_username())
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            sign_in_record(user=user, method="password+totp")
            next_url = pending["next"]
            safe = url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
            return redirect(next_url if safe else "/")
        sign_in_failure_record(username=user.get_username())
        form.add_error("code", WRONG_CODE)
    return render(
        request,
        "accounts/two_step_code.html",
        {"form": form, "enrolling": enrolling, **_enrolment(device if enrolling else None)},
        status=400 if form.errors else 200,
    )


@login_required
def two_step_settings(request: HttpRequest) -> HttpResponse:
    """A signed-in person with a password sets up, or turns off, their authenticator app."""
    user: Any = request.user
    require(user.has_usable_password())  # council accounts use the council's own checks
    required = two_step_required_for(user)
    device = two_step.confirmed_device(user)
    if request.method == "POST" and request.POST.get("action") == "remove":
        require(device is not None and not required)
        two_step.devices_remove(user=user)
        messages.success(request, "Two-step sign-in is off")
        return redirect("two_step_settings")
    new_device = None if device else two_step.enrolment_device(user)
    form = CodeForm(request.POST or None)
    if new_device and request.method == "POST" and form.is_valid():
        if two_step.device_confirm(user=user, device=new_device, code=form.cleaned_data["code"]):
            otp_login(request, new_device)
            messages.success(request, "Two-step sign-in is on")
            return redirect("two_step_settings")
        form.add_error("code", WRONG_CODE)
    return render(
        request,
        "accounts/two_step_settings.html",
        {
            "form": form,
            "device": device,
            "required": required,
            "sso_enabled": sso_enabled(),
            **_enrolment(new_device),
        },
        status=400 if form.errors else 200,
    )


@login_required
def two_step_roles(request: HttpRequest) -> HttpResponse:
    """The complaints manager chooses the roles that must use two-step sign-in."""
    require(access.can_administer(request.user))
    form = RolesForm(request.POST or None, initial={"roles": sorted(two_step_required_roles())})

    def action(data: dict[str, Any]) -> tuple[str, str]:
        two_step_required_roles_set(actor=request.user, roles=data["roles"])
        return reverse("two_step_roles"), "Two-step sign-in roles saved"

    return run_form(
        request,
        form,
        action,
        context={
            "nav": "admin",
            "title": "Two-step sign-in",
            "back_url": reverse("cases:admin"),
            "intro": (
                "People in these roles who sign in with a password must also give a code "
                "from an authenticator app; they set one up at their next sign-in. "
                "Council accounts follow the council's own sign-in rules."
            ),
        },
    )


@login_required
def no_access(request: HttpRequest) -> HttpResponse:
    """Signed in, but no role yet (a council account's first sign-in)."""
    if roles_of(request.user):
        return redirect("/")
    return render(request, "accounts/no_access.html")
