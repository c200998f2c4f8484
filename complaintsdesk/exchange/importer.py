"""Import the exchange format: all or nothing, every problem reported at once, idempotent.

    result = exchange_import(path="export/", actor=request.user)

raises `ExchangeImportError` (its `problems` are `file:row:column: message`) and writes
nothing if anything is wrong; otherwise writes everything in one transaction.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from complaintsdesk.core.models import AuditEvent
from complaintsdesk.core.zipguard import ZipLimits
from complaintsdesk.deadlines.selectors import calendar_current, rulesets_current
from complaintsdesk.exchange.apply import ImportRun, Tally
from complaintsdesk.exchange.columns import FILES
from complaintsdesk.exchange.csv_strict import CsvLimits
from complaintsdesk.exchange.errors import WHOLE_FILE, ExchangeImportError, Problem
from complaintsdesk.exchange.reader import ReadLimits, read_tables
from complaintsdesk.exchange.snapshot import existing_load
from complaintsdesk.exchange.validate import records_check, tables_parse

IMPORTED_EVENT = "exchange.imported"

# Called with (records done, records in all) as the import goes: parse, then write.
ProgressCallback = Callable[[int, int], None]


@dataclass
class ImportResult:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        """One line per file (and organisation unit) that had anything, for the CLI."""
        names = [*FILES, "directorates", "service_areas", "teams"]
        out = []
        for name in names:
            counts = (self.created[name], self.updated[name], self.unchanged[name])
            if any(counts):
                out.append(
                    f"{name}: {counts[0]} created, {counts[1]} updated, {counts[2]} unchanged"
                )
        return out or ["nothing to import"]


def import_limits() -> ReadLimits:
    """The bounds on what an import reads, from settings (docs/operations.md, "Limits")."""
    bounds = settings.INPUT_LIMITS
    return ReadLimits(
        archive=ZipLimits(
            max_entries=bounds["ZIP_MAX_ENTRIES"],
            max_bytes=bounds["IMPORT_MAX_BYTES"],
            max_ratio=bounds["ZIP_MAX_RATIO"],
        ),
        csv=CsvLimits(
            max_rows=bounds["IMPORT_MAX_ROWS"], max_field_chars=bounds["IMPORT_MAX_CELL_CHARS"]
        ),
    )


def exchange_import(
    *,
    path: Path | str,
    actor: Any = None,
    ignore_unknown_columns: bool = False,
    progress: ProgressCallback | None = None,
    today: date | None = None,
) -> ImportResult:
    """`today` (default: today in the council's time zone) is the latest date a record may
    say something happened: the format records no export date, so this is the bound."""
    path = Path(path)
    tables, problems = read_tables(path, import_limits())
    if problems:
        raise ExchangeImportError(problems)
    parsed, problems = tables_parse(
        tables,
        today=today or timezone.localdate(),
        ignore_unknown_columns=ignore_unknown_columns,
    )
    del tables  # the raw text is parsed now: free it before the writes need room

    total = 2 * parsed.count
    done = parsed.count

    def advance(records: int) -> None:
        nonlocal done
        done += records
        if progress is not None:
            progress(done, total)

    advance(0)
    try:
        # Validation reads the database inside the same transaction as the writes, so what
        # it checked (which references exist) still holds when the records are written.
        with transaction.atomic():
            existing = existing_load(parsed)
            calendar, rulesets = calendar_current(), rulesets_current()
            more, merged = records_check(parsed, existing, calendar=calendar, rulesets=rulesets)
            problems += more
            if problems:
                raise ExchangeImportError(problems)
            run = ImportRun(
                parsed,
                existing,
                merged,
                calendar=calendar,
                rulesets=rulesets,
                actor=actor,
                advance=advance,
            )
            run.prepare()
            tally = run.write()
            _summary_event(run, tally, path)
    except DatabaseError as error:
        # Only a concurrent writer can get here (validation covers the data itself).
        message = f"the database refused the import ({error}); nothing was written: import again"
        raise ExchangeImportError([Problem(path.name, 1, WHOLE_FILE, message)]) from error
    return ImportResult(tally.created, tally.updated, tally.unchanged)


def _summary_event(run: ImportRun, tally: Tally, path: Path) -> None:
    AuditEvent.objects.create(
        actor=run.user,
        kind=IMPORTED_EVENT,
        payload={
            "source": path.name,
            "created": dict(sorted(tally.created.items())),
            "updated": dict(sorted(tally.updated.items())),
            "unchanged": dict(sorted(tally.unchanged.items())),
        },
    )
