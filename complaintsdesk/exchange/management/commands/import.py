"""`complaintsdesk import PATH [--ignore-unknown-columns]`: load the exchange format.

Exit status 0 with a summary of what was created and updated; 1 with every problem on
stderr, one `file:row:column: message` per line, when anything is wrong (nothing written).
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from complaintsdesk.exchange.errors import ExchangeImportError
from complaintsdesk.exchange.importer import exchange_import
from complaintsdesk.reporting.figures import COUNTING
from complaintsdesk.reporting.tally_store import tally_prepare

REFUSED = 1
# Small imports finish before a bar would be worth drawing.
BAR_FROM_RECORDS = 1000


class Command(BaseCommand):
    help = "Import a folder, .zip or .xlsx workbook in the exchange format (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", help="a folder of CSV files, a .zip of them, or an .xlsx workbook"
        )
        parser.add_argument(
            "--ignore-unknown-columns",
            action="store_true",
            help="skip columns (and files) the format does not define instead of refusing them",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        bar: tqdm | None = None
        interactive = self.stderr.isatty()

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                if not interactive or total < BAR_FROM_RECORDS:
                    return
                # The wrapped stream itself: OutputWrapper would end each redraw with a newline.
                bar = tqdm(total=total, unit="record", file=self.stderr._out, leave=False)
            bar.update(done - bar.n)

        try:
            result = exchange_import(
                path=options["path"],
                ignore_unknown_columns=options["ignore_unknown_columns"],
                progress=progress,
            )
        except ExchangeImportError as error:
            for line in error.lines:
                self.stderr.write(line)
            count = len(error.problems)
            raise CommandError(
                f"{count} problem{'s' if count != 1 else ''} found; nothing was imported.",
                returncode=REFUSED,
            ) from None
        finally:
            if bar is not None:
                bar.close()
        for line in result.lines():
            self.stdout.write(line)
        # Count the figures now, while the person waits for the import anyway, rather than
        # in the first report someone opens (seconds at a large council's history).
        months = tally_prepare(COUNTING, today=timezone.localdate())
        self.stdout.write(f"Figures counted: {months} monthly tallies stored.")
