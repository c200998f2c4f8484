"""System check: the single sign-on role mapping names only roles that exist."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from complaintsdesk.accounts.roles import ALL_ROLES


@register()
def role_groups_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    mapping = getattr(settings, "OIDC_ROLE_GROUPS", {})
    unknown = sorted({r for roles in mapping.values() for r in roles} - set(ALL_ROLES))
    if not unknown:
        return []
    return [
        Error(
            f"COMPLAINTSDESK_OIDC_ROLE_GROUPS names unknown roles: {', '.join(unknown)}",
            hint=f"Use these role names: {', '.join(ALL_ROLES)}",
            id="accounts.E001",
        )
    ]
