"""Two-step sign-in for local accounts: a code from an authenticator app (TOTP, django-otp)
after the password. Between the two steps the session holds only the user's id, the
authentication backend and the time, never a signed-in user."""

import time
from base64 import b32encode
from typing import Any

import segno
from django.contrib.auth.models import User
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaintsdesk.core.audit import audit_record

PENDING = "complaintsdesk_two_step_pending"
PENDING_SECONDS = 300
DEVICE_NAME = "Authenticator app"


def pending_start(session: Any, *, user: Any, next_url: str) -> None:
    session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "at": time.time(),
        "next": next_url,
    }


def pending_user(session: Any) -> tuple[User, dict[str, Any]] | None:
    """The user half-way through signing in, or None if nobody is or it took too long."""
    pending = session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        session.pop(PENDING, None)
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending) if user else None


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrolment_device(user: Any) -> TOTPDevice:
    """The unconfirmed device being set up (one per user, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code, made here (no request leaves the server)."""
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5))


def manual_key(device: TOTPDevice) -> str:
    """The secret as the base32 text authenticator apps accept when typed in."""
    return b32encode(device.bin_key).decode()


def code_check(device: TOTPDevice, code: str) -> bool:
    code = "".join(code.split())
    return len(code) == 6 and code.isdigit() and bool(device.verify_token(code))


@transaction.atomic
def device_confirm(*, user: Any, device: TOTPDevice, code: str) -> bool:
    """Confirm a new device by its first code; any other device of the user is removed."""
    if not code_check(device, code):
        return False
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=user, kind="account.two_step_enrolled", obj=user)
    return True


@transaction.atomic
def devices_remove(*, user: Any) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    audit_record(actor=user, kind="account.two_step_removed", obj=user)
