"""`complaintsdesk retention [--today DATE] [--dry-run]`: run daily from the scheduler."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from complaintsdesk.core.command_options import today_option
from complaintsdesk.privacy.services import retention_run


class Command(BaseCommand):
    help = (
        "Anonymise cases past the retention schedule (keeping every figure), delete documents "
        "past theirs, and anonymise people left with no live case. Legal holds are respected."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=today_option,
            default=None,
            help="Run as if today were this date (YYYY-MM-DD)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be anonymised; change nothing"
        )

    def handle(self, *args: Any, today: date | None, dry_run: bool, **options: Any) -> None:
        report = retention_run(today=today or timezone.localdate(), dry_run=dry_run)
        if report.locked_out:
            raise CommandError("Another retention run is in progress; nothing was changed.")
        plan = report.plan
        # References and dates only: no personal data in the job's output.
        if dry_run:
            for _, reference, closed_on in plan.cases:
                self.stdout.write(f"would anonymise {reference} (closed {closed_on.isoformat()})")
            for _, reference, _ in plan.documents:
                self.stdout.write(f"would delete the documents of {reference}")
        else:
            for reference in report.anonymised:
                self.stdout.write(f"anonymised {reference}")
            for _, reference, _ in plan.documents:
                self.stdout.write(f"deleted the documents of {reference}")
        for reference in plan.held:
            self.stdout.write(f"kept {reference}: legal hold")
        schedule = plan.schedule
        verb = "would anonymise" if dry_run else "anonymised"
        count = len(plan.cases) if dry_run else len(report.anonymised)
        self.stdout.write(
            f"{report.today.isoformat()}: {verb} {count} case(s); "
            f"{'would delete' if dry_run else 'deleted'} documents of {len(plan.documents)} more; "
            f"{len(plan.held)} kept by a legal hold; "
            f"{report.people_anonymised} people anonymised; "
            f"schedule in force from {schedule.effective_from.isoformat()}."
        )
