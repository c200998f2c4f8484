"""What the reminder job has sent, and the row that stops two runs overlapping."""

from django.db import models

KINDS = {
    "acknowledgement_due": "Acknowledgement due",
    "response_due_soon": "Response due soon",
    "stage_overdue": "Stage overdue",
    "lgsco_compliance_due": "Ombudsman compliance due",
    "feedback_invite": "Feedback survey invitation",
}


class SentReminder(models.Model):
    """One row per reminder sent: the unique constraint makes a second send impossible.

    `for_date` is the deadline the reminder is about (or the day a case closed), so each
    deadline is reminded once; an extension gives a new deadline and so a new reminder.
    """

    kind = models.CharField(max_length=32, choices=list(KINDS.items()))
    object_id = models.CharField(max_length=64, help_text="e.g. stage:12, case:7, lgsco:3")
    for_date = models.DateField()
    run_date = models.DateField()
    recipients = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "for_date"], name="reminder_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.for_date}"


class ReminderRun(models.Model):
    for_date = models.DateField(db_index=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    sent = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"Reminders run for {self.for_date}"


class JobLock(models.Model):
    """Present while a job runs: creating it is atomic, so only one run can hold it."""

    name = models.CharField(max_length=64, unique=True)
    acquired_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name
