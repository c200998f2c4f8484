"""Issue and revoke API tokens (audited)."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from complaintsdesk.api.models import ApiToken, token_digest
from complaintsdesk.core.audit import audit_record


@transaction.atomic
def api_token_issue(*, actor: Any, user: Any, name: str) -> str:
    """Return a new token for `user`; it is shown once and stored only as a digest."""
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(digest=token_digest(secret), user=user, name=name)
    audit_record(
        actor=actor, kind="api.token_issued", obj=token, payload={"user_id": user.pk, "name": name}
    )
    return secret


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor, kind="api.token_revoked", obj=token, payload={"user_id": token.user_id}
    )


def api_user_for(secret: str) -> Any:
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return token.user if token else None
