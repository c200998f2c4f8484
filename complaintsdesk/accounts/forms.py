"""Sign-in form that refuses locked account names before checking the password."""

from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from complaintsdesk.accounts.lockout import sign_in_failure_record, sign_in_locked

LOCKED_MESSAGE = (
    "This account is locked after too many failed sign-in attempts. "
    "Try again in 15 minutes, or reset your password."
)


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password.",
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if username and sign_in_locked(username=username):
            raise ValidationError(LOCKED_MESSAGE, code="locked")
        try:
            return super().clean()
        except ValidationError:
            if username:
                sign_in_failure_record(username=username)
                if sign_in_locked(username=username):
                    raise ValidationError(LOCKED_MESSAGE, code="locked") from None
            raise
