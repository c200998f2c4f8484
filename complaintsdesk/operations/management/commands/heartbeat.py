"""`complaintsdesk heartbeat`: queue the worker's heartbeat task (scheduled every minute)."""

from typing import Any

from django.core.management.base import BaseCommand

from complaintsdesk.operations.tasks import worker_heartbeat


class Command(BaseCommand):
    help = "Queue a heartbeat for the task worker; /readyz reports how long ago it ran."

    def handle(self, *args: Any, **options: Any) -> None:
        worker_heartbeat.enqueue()
