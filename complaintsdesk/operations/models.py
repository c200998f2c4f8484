"""What running the service leaves in the database: scheduled runs claimed, processes seen."""

from django.db import models


class ScheduledRun(models.Model):
    """One run of one scheduled job at one due time, claimed by the first scheduler to insert it.

    Every app server runs `complaintsdesk scheduler`; the unique (job, due_at) pair means only
    one of them runs each job at each time (operations/scheduler.py). The row stays as the
    record of the run: who ran it, when it finished and whether it succeeded.
    """

    job = models.CharField(max_length=200)
    due_at = models.DateTimeField()
    claimed_by = models.CharField(max_length=200)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "due_at"], name="scheduled_run_once"),
        ]
        indexes = [models.Index(fields=["-started_at"], name="scheduled_run_recent")]

    def __str__(self) -> str:
        return f"{self.job} due {self.due_at:%Y-%m-%d %H:%M}"


class Heartbeat(models.Model):
    """When a kind of process (the task worker, a scheduler) last showed it was working."""

    name = models.CharField(max_length=100, primary_key=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} seen {self.seen_at:%Y-%m-%d %H:%M:%S}"
