"""The report pages at one council's size and beyond, each figure beside its goal (issue 10).

    python -m bench.report_bench [--sizes 15000,100000,1000000] [--databases sqlite,postgresql]
                                 [--helpdesk] [--page-timeout 120] [--year 2025-26]

For each database and size, in a process of its own (Django's settings are per process):
loads the cases in bulk (bench/bulk_load.py: COPY on PostgreSQL, executemany on SQLite;
every month left marked changed, as a restore with the triggers on leaves it), runs the
background recount (`reporting.tasks.tally_refresh_task`), then times through Django's test
client, signed in as a complaints manager: the first report after the load, the annual
report page and its PDF, DOCX and XLSX, the quarterly dashboard, the staff home, and the
first request of a new process (bench/first_request.py). A page slower than
--page-timeout is stopped and shown as "> N s".

--helpdesk also runs django-helpdesk 2.6.1's report pages on the same number of tickets
(bench/helpdesk_bench.py, in a throwaway virtualenv under var/bench-helpdesk/) and prints
how many times faster our annual report page is.

The default is the quick run: 15,000 cases on SQLite (a few minutes). PostgreSQL needs
DATABASE_URL to name a server; the benchmark makes and drops its own `test_…` database.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.goals import GOALS, HELPDESK_RATIO_GOAL, goal_for, verdict

ROOT = Path(__file__).resolve().parent.parent
PG_TEST_NAME = "test_complaintsdesk_report_bench"


class PageTimeout(BaseException):
    """Not an Exception, so Django's handler lets it through rather than logging a 500."""


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Stop a page that runs longer than `seconds` (SIGALRM: the main thread only)."""

    def stop(signum: int, frame: Any) -> None:
        raise PageTimeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _get(client: Any, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    # A streamed document is only made while it is read.
    if getattr(response, "streaming", False):
        for _ in response.streaming_content:
            pass


def _time(get: Callable[[], None], timeout: float, repeat: int = 3) -> float | None:
    """Median of `repeat` runs (one run when the first takes over 5 s); None if stopped."""
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        try:
            with _deadline(timeout):
                get()
        except PageTimeout:
            return None
        samples.append(time.perf_counter() - began)
        if samples[-1] > timeout:  # the stop fell where Python ignores it (a weakref callback)
            return None
        if samples[0] > 5:
            break
    return statistics.median(samples)


@contextmanager
def _months_counted() -> Iterator[list[Any]]:
    """The months of the stored record types counted from the records (not read from the
    store) while inside; the few record types counted at every read are not counted here."""
    from complaintsdesk.reporting import tally_store
    from complaintsdesk.reporting.tally import STORED_SOURCES

    counted: list[Any] = []
    real = tally_store.count_months

    def counting(counting: Any, source: Any, date_field: str, spans: Any) -> Any:
        if source in STORED_SOURCES:
            counted.extend(spans)
        return real(counting, source, date_field, spans)

    tally_store.count_months = counting  # type: ignore[assignment]
    try:
        yield counted
    finally:
        tally_store.count_months = real  # type: ignore[assignment]


def _setup(database: str, folder: Path) -> Any:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["COMPLAINTSDESK_VAR_DIR"] = str(folder)
    if database == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()  # "testserver" allowed, email kept in memory
    test = settings.DATABASES["default"].setdefault("TEST", {})
    test["NAME"] = str(folder / "bench.sqlite3") if database == "sqlite" else PG_TEST_NAME
    return connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)


def _manager() -> Any:
    from django.contrib.auth import get_user_model

    from complaintsdesk.accounts.roles import MANAGER, role_groups

    user = get_user_model().objects.create_user("bench-manager", "m@example.gov.uk", "x" * 16)
    user.groups.set(role_groups([MANAGER]))
    return user


def _first_request(database_url: str, session: str, folder: Path) -> dict[str, float]:
    """Start a new process and time its first request. Run twice, the second timed: the first
    writes the bytecode a server install has (`uv sync --compile-bytecode`, pip's default),
    so the figure is the server's and not the compiler's."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "COMPLAINTSDESK_VAR_DIR": str(folder),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "bench.first_request", "--url", "/", "--session", session]
    for _ in range(2):
        out = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def run_one(database: str, cases: int, year: str, timeout: float) -> dict[str, Any]:
    """Every measure at one size on one database; returns {measure: seconds or None}."""
    with tempfile.TemporaryDirectory(prefix="report-bench-", dir=ROOT / "var") as tmp:
        folder = Path(tmp)
        old_name = _setup(database, folder)
        from django.conf import settings
        from django.db import connection
        from django.test import Client

        from bench.bulk_load import load
        from complaintsdesk.reporting.report_figures import figures_report
        from complaintsdesk.reporting.tasks import tally_refresh_task

        logging.getLogger("django.request").setLevel(logging.CRITICAL)  # stopped pages
        try:
            results: dict[str, Any] = {}
            manager = _manager()
            client = Client()
            client.force_login(manager)
            annual = f"/reports/annual/?year={year}"
            # This process as a running server has it (views imported, templates compiled),
            # so the first report after the load measures the counting, not the start.
            _get(client, annual)
            began = time.perf_counter()
            load(connection, cases, last_year=int(year[:4]), owner_id=manager.pk)
            results["load"] = time.perf_counter() - began
            _progress(database, cases, "load", results["load"])
            began = time.perf_counter()
            tally_refresh_task.enqueue()  # the worker's job; run at once by the test backend
            results["recount"] = time.perf_counter() - began
            _progress(database, cases, "recount", results["recount"])
            with _months_counted() as counted:
                results["after_load"] = _time(lambda: _get(client, annual), timeout, repeat=1)
                _progress(database, cases, "after_load", results["after_load"])
                began = time.perf_counter()
                figures_report(year=year, by="service_area")
                results["after_load_figures"] = time.perf_counter() - began
            results["after_load_months_counted"] = len(counted)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            db = settings.DATABASES["default"]
            url = (
                f"sqlite:///{db['NAME']}"
                if database == "sqlite"
                else f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
            )
            first = _first_request(url, session, folder)
            results["start"], results["first_request"] = first["start"], first["first"]
            results["second_request"] = first["second"]
            _progress(database, cases, "first_request", results["first_request"])
            pages = {
                "annual_html": annual,
                "annual_pdf": f"/reports/annual/download/pdf/?year={year}",
                "annual_docx": f"/reports/annual/download/docx/?year={year}",
                "annual_xlsx": f"/reports/annual/download/xlsx/?year={year}",
                "quarterly": f"/reports/quarterly/?year={year}&quarter=Q2",
                "staff_home": "/",
            }
            for measure, page in pages.items():
                results[measure] = _time(lambda page=page: _get(client, page), timeout)
                _progress(database, cases, measure, results[measure])
            return results
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def _progress(database: str, cases: int, measure: str, seconds: float | None) -> None:
    shown = "stopped" if seconds is None else f"{seconds:.3f} s"
    print(f"  {database} {cases:,}: {measure} {shown}", file=sys.stderr, flush=True)


def _shown(seconds: float | None, timeout: float) -> str:
    if seconds is None:
        return f"> {timeout:.0f} s"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def print_table(runs: dict[tuple[str, int], dict[str, Any]], timeout: float) -> None:
    """One column per (database, size): each figure with its goal and whether it met it."""
    keys = list(runs)
    print()
    head = f"{'measure':<36}" + "".join(f"{f'{db} {n:,}':>30}" for db, n in keys)
    print(head)
    print("-" * len(head))
    for measure, label, _ in GOALS:
        cells = []
        for db, n in keys:
            if measure not in runs[(db, n)]:
                cells.append(f"{'not run':>30}")
                continue
            seconds = runs[(db, n)][measure]
            goal = goal_for(measure, n)
            mark = verdict(seconds, goal)
            goal_text = f" (goal {_shown(goal, timeout)} {mark})" if goal else ""
            cells.append(f"{_shown(seconds, timeout) + goal_text:>30}")
        print(f"{label:<36}" + "".join(cells))


def print_ratio(ours: float | None, helpdesk: dict[str, Any], timeout: float) -> None:
    """Its pages, and how many times faster our annual report page is than its slowest
    report. A page stopped at the time limit counts as the limit: a bound, said as one."""
    pages = helpdesk.get("pages", {})
    if not pages:
        print("\ndjango-helpdesk: no comparison (see above)")
        return
    print(
        f"\ndjango-helpdesk {helpdesk['version']} ({helpdesk['tickets']:,} tickets, "
        f"{helpdesk['followups']:,} follow-ups, SQLite, loaded in {helpdesk['load']:.0f} s):"
    )
    for name, seconds in pages.items():
        print(f"  {name:<36}{_shown(seconds, timeout):>12}")
    reports = {name: timeout if t is None else t for name, t in pages.items() if name != "index"}
    slowest = max(reports, key=lambda name: reports[name])
    ratio = reports[slowest] / (timeout if ours is None else ours)
    bound = "at most " if ours is None else "at least " if pages[slowest] is None else ""
    goal = "met" if ratio >= HELPDESK_RATIO_GOAL and ours is not None else "MISSED"
    print(
        f"our annual report page (SQLite) {_shown(ours, timeout)}: {bound}{ratio:.1f}x as fast "
        f"as its slowest report, {slowest} (goal >= {HELPDESK_RATIO_GOAL:.0f}x: {goal})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="15000", help="cases, comma-separated")
    parser.add_argument("--databases", default="sqlite", help="sqlite,postgresql")
    parser.add_argument("--year", default="2025-26", help="the report's financial year")
    parser.add_argument("--page-timeout", type=float, default=120.0)
    parser.add_argument("--helpdesk", action="store_true", help="also time django-helpdesk")
    parser.add_argument("--only", help=argparse.SUPPRESS)  # database,size: one child run
    args = parser.parse_args()
    if args.only:
        database, size = args.only.split(",")
        results = run_one(database, int(size), args.year, args.page_timeout)
        print(json.dumps(results))
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    databases = args.databases.split(",")
    url = os.environ.get("DATABASE_URL", "")
    if "postgresql" in databases and not url.startswith(("postgres://", "postgresql://")):
        parser.error("--databases postgresql needs DATABASE_URL naming a PostgreSQL server")
    (ROOT / "var").mkdir(exist_ok=True)
    runs: dict[tuple[str, int], dict[str, Any]] = {}
    for database in databases:
        for size in sizes:
            env = dict(os.environ)
            if database == "sqlite":
                env.pop("DATABASE_URL", None)
            command = [sys.executable, "-m", "bench.report_bench", "--only", f"{database},{size}"]
            command += ["--year", args.year, "--page-timeout", str(args.page_timeout)]
            print(f"{database}, {size:,} cases …", file=sys.stderr, flush=True)
            out = subprocess.run(
                command, env=env, cwd=ROOT, capture_output=False, stdout=subprocess.PIPE, text=True
            )
            if out.returncode != 0:
                print(f"{database} {size:,}: failed ({out.returncode})", file=sys.stderr)
                runs[(database, size)] = {}
                continue
            runs[(database, size)] = json.loads(out.stdout.strip().splitlines()[-1])
    print_table(runs, args.page_timeout)
    for (database, size), run in runs.items():
        if "after_load_months_counted" in run:
            print(
                f"{database} {size:,}: after the background recount, the first report counted "
                f"{run['after_load_months_counted']} runs of months itself"
            )
    if args.helpdesk:
        from bench.helpdesk_bench import helpdesk_run

        for size in sizes:
            ours = runs.get(("sqlite", size), {}).get("annual_html")
            helpdesk = helpdesk_run(tickets=size, timeout=args.page_timeout)
            print_ratio(ours, helpdesk, args.page_timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
