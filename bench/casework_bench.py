"""Casework pages over 100,000 cases: `python -m bench.casework_bench [--cases N] [--requests N]`.

Loads the cases with bulk_create into a fresh SQLite database (the search index follows through
its triggers), then times the case list, searches and a case page through Django's test Client
signed in as a complaints officer, and prints the median and 95th percentile in milliseconds.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path


def configure(db_path: Path) -> None:
    # Settings are read once at setup: point them at a fresh database first.
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("COMPLAINTSDESK_VAR_DIR", str(db_path.parent))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # allows the "testserver" host and keeps email in memory
    call_command("migrate", verbosity=0)


def load(n: int) -> tuple[object, list[str]]:
    from django.contrib.auth import get_user_model

    from complaintsdesk.accounts.roles import OFFICER, role_groups
    from complaintsdesk.cases.models import Case, Child, Directorate, ServiceArea, Stage, Team

    officer = get_user_model().objects.create_user(
        "officer", "officer@example.gov.uk", "bench-password-1"
    )
    officer.groups.set(role_groups([OFFICER]))
    areas, teams = [], []
    for d in range(3):
        directorate = Directorate.objects.create(name=f"Directorate {d}")
        for a in range(4):
            area = ServiceArea.objects.create(name=f"Area {d}.{a}", directorate=directorate)
            areas.append(area)
            teams += [
                Team.objects.create(name=f"Team {d}.{a}.{t}", service_area=area) for t in range(3)
            ]
    start = date(2021, 1, 4)
    themes = ["communication", "service_delay", "professional_practice", "finance", ""]
    batch = 5000
    references = []
    for offset in range(0, n, batch):
        rows = []
        for i in range(offset, min(n, offset + batch)):
            team = teams[i % len(teams)]
            received = start + timedelta(days=i % 1800)
            open_ = i % 7 == 0
            rows.append(
                Case(
                    reference=f"COM/{i + 1}",
                    procedure="children_statutory",
                    service_area=team.service_area,
                    team=team,
                    received=received,
                    channel="email",
                    theme=themes[i % len(themes)],
                    summary=f"Complaint number {i} about visits and plans",
                    complainant_name=f"Person {i}",
                    status="open" if open_ else "closed",
                    current_stage="stage1" if open_ else "",
                    current_due=received + timedelta(days=14) if open_ else None,
                )
            )
        cases = Case.objects.bulk_create(rows)
        references += [c.reference for c in cases[:: max(1, batch // 20)]]
        Stage.objects.bulk_create(
            Stage(
                case=c,
                kind="stage1",
                started=c.received,
                due=c.received + timedelta(days=14),
                responded=None if c.status == "open" else c.received + timedelta(days=10),
                outcome="" if c.status == "open" else "not_upheld",
            )
            for c in cases
        )
        Child.objects.bulk_create(
            Child(case=c, name=f"Child of {c.complainant_name}") for c in cases
        )
    return officer, references


def timed(client: object, urls: list[str]) -> list[float]:
    samples = []
    for url in urls:
        began = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        samples.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return samples


def report(name: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"{name:<28} median {statistics.median(ordered):7.1f} ms   "
        f"p95 {p95:7.1f} ms   (n={len(ordered)})"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="casework-bench-") as folder:
        configure(Path(folder) / "bench.sqlite3")
        from django.test import Client

        began = time.perf_counter()
        officer, references = load(args.cases)
        print(
            f"loaded {args.cases:,} cases (+ stages, children) "
            f"in {time.perf_counter() - began:.1f} s"
        )
        client = Client()
        client.force_login(officer)
        client.get("/cases/")  # build the working-day calendar once, as a running server has
        k = args.requests
        report("case list", timed(client, [f"/cases/?page={1 + i % 20}" for i in range(k)]))
        report("case list, open, by due", timed(client, ["/cases/?status=open&sort=due"] * k))
        report(
            "search (person)",
            timed(client, [f"/cases/?q=Person+{(i * 7919) % args.cases}" for i in range(k)]),
        )
        report(
            "search (reference)",
            timed(client, [f"/cases/?q={references[i % len(references)]}" for i in range(k)]),
        )
        report(
            "case page",
            timed(client, [f"/cases/{references[i % len(references)]}/" for i in range(k)]),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
