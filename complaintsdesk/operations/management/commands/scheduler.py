"""`complaintsdesk scheduler`: run config/schedule.py's jobs as they fall due, until stopped.

Run one on every app server under systemd (deploy/); each job still runs once per due time.
"""

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from complaintsdesk.operations.scheduler import runner_name, scheduler_tick


class Command(BaseCommand):
    help = "Run the scheduled jobs (config/schedule.py) when due; one run per job across servers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=15.0, help="seconds between looks at the clock"
        )
        parser.add_argument("--once", action="store_true", help="look once, run what is due, stop")

    def handle(self, *args: Any, interval: float, once: bool, **options: Any) -> None:
        stopping = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        runner = runner_name()
        self.stdout.write(f"Scheduler {runner} started.")
        while not stopping:
            close_old_connections()
            for run in scheduler_tick(now=timezone.localtime(), runner=runner):
                self.stdout.write(f"ran {run.job} (due {run.due_at.isoformat()})")
            if once:
                break
            deadline = time.monotonic() + interval
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.5)
        self.stdout.write(f"Scheduler {runner} stopped.")
