"""The scheduler runs each job once per due time, however many servers run a scheduler."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection

from complaintsdesk.operations.heartbeat import heartbeat_age
from complaintsdesk.operations.models import ScheduledRun
from complaintsdesk.operations.scheduler import Job, scheduler_tick

LONDON = ZoneInfo("Europe/London")
MONDAY_7AM = datetime(2026, 12, 7, 7, 0, 20, tzinfo=LONDON)
JOBS = [
    Job("complaintsdesk reminders", "0 7 * * 1-5"),
    Job("complaintsdesk heartbeat", "* * * * *"),
]


@pytest.mark.django_db
def test_a_due_job_runs_once_and_is_recorded():
    ran: list[str] = []
    first = scheduler_tick(
        now=MONDAY_7AM, runner="a", jobs=JOBS, execute=lambda j: ran.append(j.command)
    )
    again = scheduler_tick(
        now=MONDAY_7AM, runner="b", jobs=JOBS, execute=lambda j: ran.append(j.command)
    )
    assert sorted(ran) == ["complaintsdesk heartbeat", "complaintsdesk reminders"]
    assert [r.claimed_by for r in first] == ["a", "a"] and again == []
    run = ScheduledRun.objects.get(job="complaintsdesk reminders")
    assert run.due_at == MONDAY_7AM.replace(second=0) and run.succeeded is True and run.finished_at
    assert heartbeat_age(name="scheduler") is not None


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_rest_still_run():
    ran: list[str] = []

    def execute(job: Job) -> None:
        ran.append(job.command)
        if "reminders" in job.command:
            raise RuntimeError("SMTP down")

    scheduler_tick(now=MONDAY_7AM, runner="a", jobs=JOBS, execute=execute)
    assert len(ran) == 2
    assert ScheduledRun.objects.get(job="complaintsdesk reminders").succeeded is False


@pytest.mark.django_db
def test_the_real_command_runs(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    scheduler_tick(now=MONDAY_7AM, runner="a", jobs=[Job("complaintsdesk heartbeat", "* * * * *")])
    assert heartbeat_age(name="worker") is not None  # the heartbeat task ran (immediately)


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_run_each_job_once():
    """Two runners in two threads, each with its own database connection, tick together."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        # SQLite's shared-cache memory database locks whole tables without waiting; the
        # PostgreSQL run (and scripts/production-check, two real servers) covers this.
        pytest.skip("concurrent writers need PostgreSQL or a file database")
    ran: list[tuple[str, str]] = []
    lock = threading.Lock()
    start = threading.Barrier(2)

    def runner(name: str) -> None:
        def execute(job: Job) -> None:
            with lock:
                ran.append((name, job.command))

        start.wait()
        try:
            for minute in range(5):  # five minutes of ticks, as two servers would make them
                scheduler_tick(
                    now=MONDAY_7AM.replace(minute=minute), runner=name, jobs=JOBS, execute=execute
                )
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    commands = [command for _, command in ran]
    assert commands.count("complaintsdesk reminders") == 1
    assert commands.count("complaintsdesk heartbeat") == 5
    assert ScheduledRun.objects.count() == 6
    assert not mail.outbox
