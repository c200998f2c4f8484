"""How long the figures take: one year's `figures_report` over N cases spread across ten years,
and over one council-year of about 1,500 cases, with the query count at both sizes.

The cases are loaded in bulk (bench/bulk_load.py: COPY on PostgreSQL, executemany on
SQLite), every month left marked changed as a bulk load with the triggers on leaves it.
`first s` is the first report after loading with no background refresh run (every month it
reads counted by the reader: see reporting/tally_store.py), `figures s` a report from the
store (median of three), `after write s` the report after one stage is answered (its months
counted again).

    .venv/bin/python -m bench.figures_bench [--cases 1000000] [--year 2023-24]

Runs on a throwaway SQLite file and, when DATABASE_URL names PostgreSQL, also on a throwaway
`test_…` PostgreSQL database (Django's test-database machinery: nothing of yours is touched).
Each backend runs in its own process, because Django's settings are per process.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from typing import Any

SMALL_CASES_PER_YEAR = 1_500
YEARS = 10


def _setup(sqlite_path: str | None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if sqlite_path:
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    import django

    django.setup()


def _wipe() -> None:
    """Empty the generated tables with plain DELETEs (the ORM's cascade collector would
    build statements with more parameters than SQLite allows at a million rows)."""
    from django.db import connection

    from complaintsdesk.cases.models import (
        Case,
        Compliment,
        Directorate,
        EqualityResponse,
        Learning,
        LgscoCase,
        ServiceArea,
        Stage,
        Team,
    )
    from complaintsdesk.reporting.models import TallyMonth

    models = (
        Stage,
        LgscoCase,
        Learning,
        Compliment,
        EqualityResponse,
        Case,
        Team,
        ServiceArea,
        Directorate,
        TallyMonth,  # last: the deletes above mark its months
    )
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def _timed(year: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from complaintsdesk.reporting.report_figures import figures_report

    with CaptureQueriesContext(connection) as ctx:
        began = time.perf_counter()
        figures_report(year=year, by="service_area")
        seconds = time.perf_counter() - began
    return seconds, len(ctx.captured_queries)


def _measure(year: str) -> dict[str, Any]:
    """One year's figures by service area: the first time (every month counted into the
    store), from the store (median of three), and after one stage is answered (its months
    counted again); the queries of a stored read; the year's first-contact stages."""
    from complaintsdesk.cases.models import Stage
    from complaintsdesk.reporting.figures import FinancialYear

    fy = FinancialYear.parse(year)
    in_year = Stage.objects.filter(
        kind__in=("informal", "stage1"), started__range=(fy.start, fy.end)
    )
    first, _ = _timed(year)
    stored = sorted(_timed(year) for _ in range(3))[1]
    stage = in_year.filter(kind="stage1").order_by("id").first()
    if stage is not None:
        Stage.objects.filter(pk=stage.pk).update(responded=stage.started, outcome="upheld")
    after_write, _ = _timed(year)
    return {
        "in_year": in_year.count(),
        "first": first,
        "stored": stored[0],
        "queries": stored[1],
        "after_write": after_write,
    }


def run_backend(n_cases: int, year: str, sqlite_path: str | None) -> None:
    _setup(sqlite_path)
    from django.conf import settings
    from django.db import connection

    from bench.bulk_load import load

    # A name of its own, so a test run on the same server is never clobbered.
    test = settings.DATABASES["default"].setdefault("TEST", {})
    test["NAME"] = (
        sqlite_path if connection.vendor == "sqlite" else "test_complaintsdesk_figures_bench"
    )
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        print(f"\n{connection.vendor} ({connection.settings_dict['NAME']})", flush=True)
        heading = (
            "data",
            "cases",
            "stages in year",
            "insert s",
            "first s",
            "figures s",
            "after write s",
            "queries",
        )
        widths = (22, 12, 16, 10, 10, 11, 15, 9)
        print(
            "".join(
                f"{h:<{w}}" if i == 0 else f"{h:>{w}}"
                for i, (h, w) in enumerate(zip(heading, widths, strict=True))
            )
        )
        sizes = (
            ("one council-year", SMALL_CASES_PER_YEAR * YEARS),
            (f"{n_cases:,} cases", n_cases),
        )
        for label, n in sizes:
            began = time.perf_counter()
            load(connection, n, last_year=int(year[:4]), owner_id=None)
            generated = time.perf_counter() - began
            m = _measure(year)
            # Printed as measured, so a long run shows its first size at once.
            print(
                f"{label:<22}{n:>12,}{m['in_year']:>16,}{generated:>10.1f}{m['first']:>10.2f}"
                f"{m['stored']:>11.2f}{m['after_write']:>15.2f}{m['queries']:>9}",
                flush=True,
            )
            if n != sizes[-1][1]:  # the database goes with the last size
                _wipe()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cases", type=int, default=1_000_000, help="cases over ten years (default 1,000,000)"
    )
    parser.add_argument("--year", default="2023-24", help="the year whose figures are timed")
    parser.add_argument("--only", choices=("sqlite", "postgresql"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        with tempfile.TemporaryDirectory() as tmp:
            sqlite_path = os.path.join(tmp, "bench.sqlite3") if args.only == "sqlite" else None
            run_backend(args.cases, args.year, sqlite_path)
        return
    backends = ["sqlite"]
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        backends.append("postgresql")
    for backend in backends:
        env = dict(os.environ)
        if backend == "sqlite":
            env.pop("DATABASE_URL", None)
        command = [
            sys.executable,
            "-m",
            "bench.figures_bench",
            "--cases",
            str(args.cases),
            "--year",
            args.year,
            "--only",
            backend,
        ]
        subprocess.run(command, env=env, check=True)


if __name__ == "__main__":
    main()
