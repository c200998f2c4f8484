"""Failed sign-in counter: a few rows, one per username that recently failed."""

from django.db import models


class SignInFailure(models.Model):
    # Lower-cased as typed, so a lockout also covers usernames that do not exist.
    username = models.CharField(max_length=150, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.username}: {self.failures}"
