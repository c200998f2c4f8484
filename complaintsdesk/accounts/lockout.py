"""Lock an account name after repeated failed sign-ins; a success or a password reset clears it."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from complaintsdesk.accounts.models import SignInFailure
from complaintsdesk.core.audit import audit_record

MAX_FAILURES: int = getattr(settings, "ACCOUNTS_LOCKOUT_FAILURES", 5)
LOCKOUT = timedelta(minutes=getattr(settings, "ACCOUNTS_LOCKOUT_MINUTES", 15))


def _key(username: str) -> str:
    return username.strip().lower()[:150]


def sign_in_locked(*, username: str) -> bool:
    row = SignInFailure.objects.filter(username=_key(username)).first()
    return bool(row and row.locked_until and row.locked_until > timezone.now())


@transaction.atomic
def sign_in_failure_record(*, username: str) -> SignInFailure:
    now = timezone.now()
    row, _ = SignInFailure.objects.select_for_update().get_or_create(
        username=_key(username), defaults={"last_failure": now}
    )
    # Failures older than the lockout window no longer count towards a new lock.
    if row.last_failure < now - LOCKOUT:
        row.failures = 0
    row.failures += 1
    row.last_failure = now
    if row.failures >= MAX_FAILURES:
        row.locked_until = now + LOCKOUT
        audit_record(actor=None, kind="account.locked", payload={"failures": row.failures})
    row.save()
    audit_record(actor=None, kind="account.sign_in_failed", payload={})
    return row


def sign_in_failures_clear(*, username: str) -> None:
    SignInFailure.objects.filter(username=_key(username)).delete()
