"""Heartbeats: a process records that it is working; /readyz asks how long ago."""

from datetime import timedelta

from django.utils import timezone

from complaintsdesk.operations.models import Heartbeat


def heartbeat_record(*, name: str) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})


def heartbeat_age(*, name: str) -> timedelta | None:
    """How long since `name` was last seen; None if never."""
    seen = Heartbeat.objects.filter(name=name).values_list("seen_at", flat=True).first()
    return None if seen is None else timezone.now() - seen
