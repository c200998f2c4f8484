"""What the public forms keep besides the records they create."""

from django.db import models


class Submission(models.Model):
    """One sent journey, claimed by the token its session held, so a repeat finds it.

    The token is unique in the database, so whichever request (thread or process) claims it
    first makes the case; every other "Send" of the same answers shows its confirmation.
    `confirmation` is what the confirmation page shows: a reference, a date, nothing personal.
    """

    token = models.CharField(max_length=64, unique=True)
    journey = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmation = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.journey} submission {self.created_at:%d %b %Y %H:%M}"


class RateCount(models.Model):
    """Requests one client address made in one window of the public forms' rate limit.

    `key` is the bucket, a hash of the address and the window's number; `expires_at` (Unix
    seconds) is when the window closes. Shared by every app server (intake/ratelimit.py).
    """

    key = models.CharField(max_length=96, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.BigIntegerField(db_index=True)

    def __str__(self) -> str:
        return f"{self.count} requests until {self.expires_at}"
