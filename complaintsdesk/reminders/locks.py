"""A database lock for a job: a unique row, so it works on SQLite and PostgreSQL alike."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from complaintsdesk.reminders.models import JobLock


class JobLocked(Exception):
    """Another run holds the lock."""


def lock_acquire(*, name: str, stale_after: timedelta) -> bool:
    now = timezone.now()
    try:
        with transaction.atomic():
            JobLock.objects.create(name=name, acquired_at=now)
        return True
    except IntegrityError:
        # A run that crashed leaves its row; take it over once it is older than any real run.
        return (
            JobLock.objects.filter(name=name, acquired_at__lt=now - stale_after).update(
                acquired_at=now
            )
            == 1
        )


def lock_release(*, name: str) -> None:
    JobLock.objects.filter(name=name).delete()


@contextmanager
def job_lock(*, name: str, stale_after: timedelta) -> Iterator[None]:
    if not lock_acquire(name=name, stale_after=stale_after):
        raise JobLocked(name)
    try:
        yield
    finally:
        lock_release(name=name)
