"""The session's note that a signed-in local user asked to link their council account: it
binds the provider's answer to that user, and lasts only as long as a sign-in may take."""

import time
from typing import Any

LINK_PENDING = "complaintsdesk_council_link_pending"
LINK_SECONDS = 600


def link_start(session: Any, *, user: Any) -> None:
    session[LINK_PENDING] = {"user": user.pk, "at": time.time()}


def link_pending_for(request: Any) -> Any:
    """The signed-in user who asked to link, if the note is theirs and fresh; else None."""
    pending = request.session.get(LINK_PENDING)
    user = getattr(request, "user", None)
    if not pending or user is None or not user.is_authenticated:
        return None
    if pending.get("user") != user.pk or time.time() - pending.get("at", 0) > LINK_SECONDS:
        return None
    return user


def link_end(session: Any) -> None:
    session.pop(LINK_PENDING, None)
