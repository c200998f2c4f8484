"""How long the figures take: one year's `figures_report` over N cases spread across ten years,
and over one council-year of about 1,500 cases, with the query count at both sizes.

`first s` is the first report after loading (every month counted into the store: see
reporting/tally_store.py), `figures s` a report from the store (median of three), `after
write s` the report after one stage is answered (its months counted again).

    .venv/bin/python -m bench.figures_bench [--cases 1000000] [--year 2023-24]

Runs on a throwaway SQLite file and, when DATABASE_URL names PostgreSQL, also on a throwaway
`test_…` PostgreSQL database (Django's test-database machinery: nothing of yours is touched).
Each backend runs in its own process, because Django's settings are per process.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

SMALL_CASES_PER_YEAR = 1_500
YEARS = 10
BATCH = 5_000


def _setup(sqlite_path: str | None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if sqlite_path:
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    import django

    django.setup()


def _organisation() -> list[Any]:
    from complaintsdesk.cases.models import Directorate, ServiceArea

    areas = []
    for d in range(4):
        directorate = Directorate.objects.create(name=f"Directorate {d + 1}")
        for a in range(3):
            areas.append(
                ServiceArea.objects.create(
                    name=f"Service area {d + 1}.{a + 1}", directorate=directorate
                )
            )
    return areas


def _generate(n_cases: int, first_year: int, *, seed: int = 1) -> None:
    """n_cases cases over YEARS financial years from `first_year`, with their stages and a
    proportionate number of compliments, Ombudsman cases, learnings and equality forms."""
    from complaintsdesk.cases.models import (
        Case,
        Compliment,
        EqualityResponse,
        Learning,
        LgscoCase,
        Stage,
    )

    rng = random.Random(seed)
    areas = _organisation()
    start = date(first_year, 4, 1)
    span = (date(first_year + YEARS, 3, 31) - start).days
    procedures = ("children_statutory", "corporate", "adults_statutory")
    types = ("parent", "young_person", "grandparent", "advocate", "")
    themes = ("communication", "professional_practice", "service_delay", "finance", "")
    outcomes = ("upheld", "partly_upheld", "not_upheld", "withdrawn")
    made = 0
    while made < n_cases:
        size = min(BATCH, n_cases - made)
        cases = []
        for i in range(size):
            received = start + timedelta(days=rng.randrange(span))
            cases.append(
                Case(
                    reference=f"B/{made + i}",
                    procedure=procedures[i % 3],
                    service_area=areas[rng.randrange(len(areas))],
                    received=received,
                    complainant_type=types[rng.randrange(5)],
                    child_in_care=rng.random() < 0.05,
                    via_advocate=rng.random() < 0.04,
                    theme=themes[rng.randrange(5)],
                    equality_form_sent=received if rng.random() < 0.7 else None,
                )
            )
        Case.objects.bulk_create(cases, batch_size=BATCH)
        stages = []
        for case in cases:
            formal = rng.random() < 0.55
            taken = rng.choice((3, 8, 12, 18, 25))
            responded = (
                case.received + timedelta(days=taken * 7 // 5) if rng.random() < 0.97 else None
            )
            stages.append(
                Stage(
                    case=case,
                    kind="stage1" if formal else "informal",
                    started=case.received,
                    due=case.received + timedelta(days=14),
                    responded=responded,
                    working_days_taken=taken if responded else None,
                    outcome=(rng.choice(outcomes) if formal else "resolved") if responded else "",
                )
            )
            if formal and rng.random() < 0.03:
                s2 = case.received + timedelta(days=40)
                stages.append(
                    Stage(
                        case=case,
                        kind="stage2",
                        started=s2,
                        due=s2 + timedelta(days=35),
                        investigating_officer_cost=Decimal("2500.00"),
                        independent_person_cost=Decimal("900.50"),
                    )
                )
        Stage.objects.bulk_create(stages, batch_size=BATCH)
        made += size
    n = n_cases
    Compliment.objects.bulk_create(
        (
            Compliment(
                key=f"C{i}",
                received=start + timedelta(days=rng.randrange(span)),
                service_area=rng.choice(areas),
            )
            for i in range(n // 8)
        ),
        batch_size=BATCH,
    )
    LgscoCase.objects.bulk_create(
        (
            LgscoCase(
                lgsco_reference=f"L{i}",
                service_area=rng.choice(areas),
                received=(d := start + timedelta(days=rng.randrange(span))),
                decided=d + timedelta(days=60),
                decision=rng.choice(("upheld", "not_upheld")),
                remedy_amount=Decimal("500.00"),
            )
            for i in range(n // 50)
        ),
        batch_size=BATCH,
    )
    Learning.objects.bulk_create(
        (
            Learning(
                key=f"K{i}",
                service_area=rng.choice(areas),
                recorded=start + timedelta(days=rng.randrange(span)),
                learning="Learning.",
                status="implemented",
            )
            for i in range(n // 12)
        ),
        batch_size=BATCH,
    )
    EqualityResponse.objects.bulk_create(
        (
            EqualityResponse(
                key=f"E{i}",
                received=start + timedelta(days=rng.randrange(span)),
                directorate=rng.choice(areas).directorate,
                gender=rng.choice(("female", "male", "")),
            )
            for i in range(n // 6)
        ),
        batch_size=BATCH,
    )


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
    )
    from complaintsdesk.reporting.models import TallyMonth

    models = (
        Stage,
        LgscoCase,
        Learning,
        Compliment,
        EqualityResponse,
        Case,
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

    # A name of its own, so a test run on the same server is never clobbered.
    test = settings.DATABASES["default"].setdefault("TEST", {})
    test["NAME"] = (
        sqlite_path if connection.vendor == "sqlite" else "test_complaintsdesk_figures_bench"
    )
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    first_year = int(year[:4]) - YEARS + 1
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
            _generate(n, first_year)
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
