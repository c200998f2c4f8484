"""`complaintsdesk reminders [--today DATE] [--dry-run]`: run daily from the scheduler."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from complaintsdesk.core.command_options import today_option
from complaintsdesk.reminders.services import reminders_send


class Command(BaseCommand):
    help = (
        "Email owners about acknowledgements and responses due, overdue stages and Ombudsman "
        "compliance; invite feedback on closed cases."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=today_option,
            default=None,
            help="Run as if today were this date (YYYY-MM-DD)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be sent; send and record nothing",
        )

    def handle(self, *args: Any, today: date | None, dry_run: bool, **options: Any) -> None:
        report = reminders_send(today=today or timezone.localdate(), dry_run=dry_run)
        if report.locked_out:
            raise CommandError("Another reminders run is in progress; nothing was sent.")
        listed = report.due if dry_run else report.sent
        for reminder in listed:
            # Kinds and references only: no personal data in the job's output.
            self.stdout.write(
                f"{'would send' if dry_run else 'sent'} {reminder.kind} {reminder.object_id} "
                f"for {reminder.for_date.isoformat()} to {len(reminder.to)} recipient(s)"
            )
        verb = "would send" if dry_run else "sent"
        self.stdout.write(
            f"{report.today.isoformat()}: {verb} {len(listed)} "
            f"of {len(report.due)} due reminder(s)."
        )
