"""The scheduler: runs config/schedule.py's jobs when due, each once across every server.

Every app server runs `complaintsdesk scheduler` (deploy/complaintsdesk-scheduler.service), so
losing a server loses no job. Before running a job due at a minute, a scheduler inserts the
(job, due minute) row of ScheduledRun; the unique constraint lets exactly one insert succeed,
and only that scheduler runs the job. A scheduler that was down catches up a run missed in the
last CATCH_UP, once; the jobs are idempotent (docs/operations.md), so a catch-up is safe.
"""

import logging
import os
import shlex
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from complaintsdesk.operations.cron import cron_parse, latest_due
from complaintsdesk.operations.heartbeat import heartbeat_record
from complaintsdesk.operations.models import ScheduledRun

logger = logging.getLogger("complaintsdesk.scheduler")

CATCH_UP = timedelta(hours=6)
PROGRAM = "complaintsdesk"


@dataclass(frozen=True)
class Job:
    command: str  # as written in config/schedule.py: "complaintsdesk report refresh"
    schedule: str  # cron, local time

    @property
    def argv(self) -> list[str]:
        program, *args = shlex.split(self.command)
        if program != PROGRAM:
            raise ValueError(f"{self.command!r}: scheduled jobs are {PROGRAM} commands")
        return args


def jobs_configured() -> list[Job]:
    from config.schedule import SCHEDULE

    return [Job(command, schedule) for command, schedule in SCHEDULE]


def runner_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_claim(*, job: Job, due_at: datetime, runner: str) -> ScheduledRun | None:
    """The run of `job` due at `due_at`, if this runner is the first to claim it; else None."""
    try:
        with transaction.atomic():
            return ScheduledRun.objects.create(
                job=job.command, due_at=due_at, claimed_by=runner, started_at=timezone.now()
            )
    except IntegrityError:
        return None


def command_run(job: Job) -> None:
    call_command(*job.argv)


def scheduler_tick(
    *,
    now: datetime,
    runner: str,
    jobs: Iterable[Job] | None = None,
    execute: Callable[[Job], None] = command_run,
) -> list[ScheduledRun]:
    """Run every job due at `now` (local time) that no scheduler has claimed; the runs made."""
    heartbeat_record(name="scheduler")
    made = []
    for job in jobs_configured() if jobs is None else jobs:
        due = latest_due(cron_parse(job.schedule), now=now, within=CATCH_UP)
        if due is None:
            continue
        run = run_claim(job=job, due_at=due, runner=runner)
        if run is None:
            continue
        succeeded = True
        try:
            execute(job)
        except Exception:  # one failing job must not stop the others or the scheduler
            succeeded = False
            logger.exception("scheduled job failed", extra={"job": job.command})
        ScheduledRun.objects.filter(pk=run.pk).update(
            finished_at=timezone.now(), succeeded=succeeded
        )
        logger.info(
            "scheduled job ran",
            extra={"job": job.command, "due_at": due.isoformat(), "succeeded": succeeded},
        )
        made.append(run)
    return made
