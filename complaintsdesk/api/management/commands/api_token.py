from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from complaintsdesk.api.services import api_token_issue


class Command(BaseCommand):
    help = "Issue an API token that acts as USERNAME (printed once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="the system that will use the token")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']}")
        self.stdout.write(api_token_issue(actor=None, user=user, name=options["name"]))
