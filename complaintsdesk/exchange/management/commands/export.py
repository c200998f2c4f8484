"""`complaintsdesk export DIR [--today YYYY-MM-DD]`: write the exchange format."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from complaintsdesk.exchange.writer import exchange_export


class Command(BaseCommand):
    help = "Export every record in the exchange format: one CSV file per record type."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "directory", help="folder to write the CSV files into (created if need be)"
        )
        parser.add_argument(
            "--today",
            help="YYYY-MM-DD: the day `overdue` is judged on for open stages (default: today)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"--today: '{options['today']}' is not a date YYYY-MM-DD", returncode=2
                ) from None
        try:
            written = exchange_export(directory=options["directory"], today=today)
        except OSError as error:
            raise CommandError(f"cannot write to {options['directory']}: {error}") from error
        self.stdout.write(f"wrote {len(written)} files to {options['directory']}")
