"""`complaintsdesk mailbox [--today DATE] [--dry-run]`: read the shared mailbox (scheduled)."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from complaintsdesk.core.command_options import today_option
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.correspondence.mailbox import mailbox_poll


class Command(BaseCommand):
    help = (
        "Read new mail in the team's shared mailbox: a message quoting a case reference is "
        "kept on that case, any other becomes a new case awaiting triage; automatic replies "
        "and bounces are set aside. Safe to run twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=today_option,
            default=None,
            help="Log new cases as received on this date",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would happen; write nothing"
        )

    def handle(self, *args: Any, today: date | None, dry_run: bool, **options: Any) -> None:
        if not settings.MAILBOX.get("HOST"):
            # Scheduled everywhere (config/schedule.py); a council without one is not an error.
            self.stdout.write("No shared mailbox is set up (COMPLAINTSDESK_MAILBOX_HOST).")
            return
        try:
            report = mailbox_poll(today=today or timezone.localdate(), dry_run=dry_run)
        except (ServiceError, OSError) as error:
            raise CommandError(f"The mailbox could not be read: {error}") from None
        if report.locked_out:
            raise CommandError("Another mailbox run is in progress; nothing was read.")
        verb = "would be" if dry_run else "were"
        for handled in report.handled:
            # UIDs, outcomes and references only: no personal data in the job's output.
            where = f" {handled.case_reference}" if handled.case_reference else ""
            note = f" ({handled.note})" if handled.note else ""
            self.stdout.write(f"UID {handled.uid}: {handled.outcome}{where}{note}")
        aside = f"{report.set_aside} automatic repl{'y' if report.set_aside == 1 else 'ies'}"
        self.stdout.write(
            f"{len(report.handled)} new message(s) {verb} handled; "
            f"{aside} {verb} set aside; {report.seen_before} seen before."
        )
