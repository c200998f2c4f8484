"""`complaintsdesk purge_pending_uploads [--older-than-hours 24] [--dry-run] [--now ISO]`.

Run each morning from the scheduler (config/schedule.py). Prints counts only: never a file's
name, which could be matched to the person who uploaded it.
"""

from datetime import datetime, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from complaintsdesk.intake.uploads import pending_uploads_purge


def _moment(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--now must be a date and time like 2025-03-31T06:00, not {value!r}"
        ) from None
    # A time without a zone is the council's local time (Europe/London).
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _hours(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise CommandError(f"--older-than-hours must be a whole number of 1 or more, not {value!r}")
    return int(value)


class Command(BaseCommand):
    help = "Delete files uploaded to public forms that were never sent, once older than a limit."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than-hours",
            type=_hours,
            default=24,
            help="Delete pending files written more than this many hours ago (default 24)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing"
        )
        parser.add_argument(
            "--now",
            type=_moment,
            default=None,
            help="Run as if it were this moment (ISO 8601, e.g. 2025-03-31T06:00)",
        )

    def handle(
        self,
        *args: Any,
        older_than_hours: int,
        dry_run: bool,
        now: datetime | None,
        **options: Any,
    ) -> None:
        report = pending_uploads_purge(
            now=now or timezone.now(),
            older_than=timedelta(hours=older_than_hours),
            dry_run=dry_run,
        )
        if report.locked_out:
            raise CommandError("Another purge is in progress; nothing was deleted.")
        done = (
            f"would delete {report.expired - report.kept_as_documents}"
            if dry_run
            else f"deleted {report.removed}"
        )
        self.stdout.write(
            f"{report.now.isoformat(timespec='minutes')}: {done} of {report.pending} pending "
            f"upload(s) older than {older_than_hours} hour(s); "
            f"{report.kept_as_documents} kept as case documents."
        )
