"""`complaintsdesk report <subcommand>`: the reports from the command line.

    complaintsdesk report figures --year 2023-24 --by service_area --format json [-o FILE]
    complaintsdesk report recount
    complaintsdesk report refresh [--now] [--dry-run]

Each subcommand is an object in `SUBCOMMANDS` (the extension point): it adds its own
arguments to its subparser and turns the parsed options into output. The annual report and
the quarterly dashboard are added by registering their `Subcommand` here, written in their
own module; until then they say "not yet available" and exit with status 2.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from complaintsdesk.reporting.annual.commands import AnnualSubcommand, QuarterlySubcommand
from complaintsdesk.reporting.figures import COUNTING, GROUP_BYS
from complaintsdesk.reporting.report_figures import EDITIONS, figures_report
from complaintsdesk.reporting.tally_refresh import tally_refresh
from complaintsdesk.reporting.tally_store import tally_recount
from complaintsdesk.reporting.tasks import tally_refresh_task

NOT_AVAILABLE = 2  # exit status of a subcommand that exists in name only


class Subcommand(Protocol):
    help: str

    def add_arguments(self, parser: CommandParser) -> None: ...

    def run(self, options: dict[str, Any]) -> str | bytes:
        """The text to print (or to write to `-o FILE`); bytes (PDF, DOCX, XLSX) need `-o`."""
        ...


def add_output_argument(parser: CommandParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")


class FiguresSubcommand:
    help = "every figure of figures.md per group and period, as versioned JSON"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, help="financial year, e.g. 2023-24")
        parser.add_argument("--by", required=True, choices=GROUP_BYS)
        parser.add_argument("--format", default="json", choices=["json"])
        parser.add_argument("--edition", default="internal", choices=EDITIONS)
        add_output_argument(parser)

    def run(self, options: dict[str, Any]) -> str:
        try:
            report = figures_report(
                year=options["year"], by=options["by"], edition=options["edition"]
            )
        except ValueError as e:  # a malformed year: a usage error, not a crash
            raise CommandError(str(e), returncode=2) from e
        return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


class RecountSubcommand:
    help = "forget the stored monthly counts and count every month again"

    def add_arguments(self, parser: CommandParser) -> None:
        pass

    def run(self, options: dict[str, Any]) -> str:
        # For records written with the triggers off (a restore with --disable-triggers):
        # nothing marked their months, so the stored counts cannot be trusted.
        months = tally_recount(COUNTING, today=timezone.localdate())
        return f"Figures counted again: {months} monthly tallies stored.\n"


class RefreshSubcommand:
    help = "count the months writes have marked changed (scheduled; a background task)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="count here and now instead of in the worker"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="say how many months are marked; count none"
        )

    def run(self, options: dict[str, Any]) -> str:
        if options["dry_run"] or options["now"]:
            report = tally_refresh(COUNTING, dry_run=options["dry_run"])
            if report.locked_out:
                raise CommandError("Another refresh is in progress; nothing was counted.")
            if options["dry_run"]:
                return f"{report.marked} monthly tallies marked changed; none counted.\n"
            return f"{report.marked - report.left} of {report.marked} marked months counted.\n"
        # The usual way: the worker counts, so the scheduler's run ends at once; and only
        # when a month is marked, so a quiet day queues no task every five minutes.
        if not tally_refresh(COUNTING, dry_run=True).marked:
            return "No monthly tallies marked changed; nothing queued.\n"
        result = tally_refresh_task.enqueue()
        return f"Refresh of the stored figures queued ({result.id}).\n"


class NotYetAvailable:
    def __init__(self, what: str) -> None:
        self.help = f"{what} (not yet available)"
        self.what = what

    def add_arguments(self, parser: CommandParser) -> None:
        # Accept anything, so the message below is what the user sees.
        parser.add_argument("rest", nargs="*")

    def run(self, options: dict[str, Any]) -> str:
        raise CommandError(f"{self.what} is not yet available", returncode=NOT_AVAILABLE)


# Extension point: one entry per subcommand; replace a NotYetAvailable with the real one.
SUBCOMMANDS: dict[str, Subcommand] = {
    "figures": FiguresSubcommand(),
    "annual": AnnualSubcommand(),
    "quarterly": QuarterlySubcommand(),
    "recount": RecountSubcommand(),
    "refresh": RefreshSubcommand(),
}


class Command(BaseCommand):
    help = "Produce a report: figures (JSON), the annual report, the quarterly dashboard."

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        for name, subcommand in SUBCOMMANDS.items():
            subcommand.add_arguments(subparsers.add_parser(name, help=subcommand.help))

    def handle(self, *args: Any, **options: Any) -> None:
        text = SUBCOMMANDS[options["subcommand"]].run(options)
        if isinstance(text, bytes):
            Path(options["output"]).write_bytes(text)
        elif options.get("output"):
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
