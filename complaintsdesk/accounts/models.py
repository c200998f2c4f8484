"""Accounts: failed sign-in counter, council identities, roles that need two-step sign-in."""

from django.db import models


class SignInFailure(models.Model):
    # Lower-cased as typed, so a lockout also covers usernames that do not exist.
    username = models.CharField(max_length=150, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.username}: {self.failures}"


class CouncilIdentity(models.Model):
    """The council account (OpenID Connect issuer and subject) a user signs in with.

    People are matched by this pair only, never by email: an email address can be reused
    or typed into a local account by anyone, the provider's subject cannot."""

    user = models.OneToOneField(
        "auth.User", on_delete=models.CASCADE, related_name="council_identity"
    )
    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)
    # The roles the provider's groups granted at the last sign-in (taken back if they stop).
    mapped_roles = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="council_identity_unique")
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"


class TwoStepRequiredRole(models.Model):
    """A role whose holders must give a code from an authenticator app after their password.

    Chosen by the complaints manager; applies to password sign-in only, since the council's
    provider applies its own multi-factor rules to single sign-on."""

    role = models.CharField(max_length=50, unique=True)
    chosen_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.role


class CouncilLinkAllowed(models.Model):
    """An administrator's permission for the next council sign-in whose verified email is
    this local account's to link to it (used once, then removed). Without one, a council
    account is never matched to a local account by email (ADR 0015)."""

    user = models.OneToOneField(
        "auth.User", on_delete=models.CASCADE, related_name="council_link_allowed"
    )
    allowed_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    allowed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"link allowed for user {self.user_id}"
