"""The reminder job: idempotent, locked, and safe to run as often as you like.

Each reminder is recorded (kind, object, deadline) in the same transaction that schedules
its email; the unique constraint turns a second attempt into a no-op, and the job lock keeps
two runs from even trying at once. Emails leave after commit, through the task queue, so a
recorded reminder is sent at most once.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from complaintsdesk.notifications.services import feedback_invite_send, reminder_send
from complaintsdesk.reminders.locks import JobLocked, job_lock
from complaintsdesk.reminders.models import ReminderRun, SentReminder
from complaintsdesk.reminders.selectors import DueReminder, reminders_due

LOCK_NAME = "reminders"


@dataclass
class RunReport:
    today: date
    dry_run: bool
    due: list[DueReminder] = field(default_factory=list)
    sent: list[DueReminder] = field(default_factory=list)
    locked_out: bool = False


def _record(reminder: DueReminder, *, today: date) -> bool:
    """Claim the reminder; False if it was already sent."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                kind=reminder.kind,
                object_id=reminder.object_id,
                for_date=reminder.for_date,
                run_date=today,
                recipients=len(reminder.to),
            )
    except IntegrityError:
        return False
    return True


def _deliver(reminder: DueReminder) -> None:
    if reminder.kind == "feedback_invite":
        assert reminder.case is not None
        feedback_invite_send(reminder.case)
    else:
        reminder_send(
            to=reminder.to, kind=reminder.kind, subject_line=reminder.subject, lines=reminder.lines
        )


def reminders_send(*, today: date, dry_run: bool = False) -> RunReport:
    report = RunReport(today=today, dry_run=dry_run, due=reminders_due(today=today))
    if dry_run:
        return report  # nothing recorded, nothing sent, no lock taken
    stale = timedelta(minutes=int(settings.REMINDERS["LOCK_STALE_MINUTES"]))
    try:
        with job_lock(name=LOCK_NAME, stale_after=stale):
            run = ReminderRun.objects.create(for_date=today)
            for reminder in report.due:
                with transaction.atomic():
                    if _record(reminder, today=today):
                        _deliver(reminder)
                        report.sent.append(reminder)
            run.finished_at, run.sent = timezone.now(), len(report.sent)
            run.save(update_fields=["finished_at", "sent"])
    except JobLocked:
        report.locked_out = True
    return report
