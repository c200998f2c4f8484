"""`complaintsdesk demo [--today DATE] [--reset]`: build the demo council."""

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from complaintsdesk.demo.build import DemoRefused, demo_build


class Command(BaseCommand):
    help = (
        "Build the demo council: five years of records that reproduce the 2023-24 children's "
        "annual report figure for figure, and live casework around --today."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="The day the live cases are arranged around (YYYY-MM-DD); default today.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty the case tables first, if the database already has records.",
        )

    def handle(self, *args: Any, today: date | None, reset: bool, **options: Any) -> None:
        today = today or timezone.localdate()
        began = time.monotonic()
        try:
            result = demo_build(today=today, reset=reset)
        except DemoRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Demo built in {time.monotonic() - began:.1f}s: {result.cases} cases "
            f"({result.live_cases} live, arranged around {today:%d %B %Y})."
        )
        self.stdout.write(f"Sign in with any of these usernames and the password {result.password}")
        for username, role in result.users.items():
            self.stdout.write(f"  {username:<13} {role}")
