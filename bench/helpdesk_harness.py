"""django-helpdesk's report pages over N tickets: run INSIDE the throwaway helpdesk virtualenv.

    python helpdesk_harness.py --tickets 100000 [--timeout 120]

Started by bench/helpdesk_bench.py with DJANGO_SETTINGS_MODULE naming the small settings
module it writes; imports nothing of ComplaintsDesk. Makes a fresh SQLite database, loads 12
queues, 20 staff, N tickets and 3N follow-ups with bulk inserts, then times the reports index
and each report through its own views (Django's test client, signed in as staff). Prints one
line of JSON: {"version", "tickets", "followups", "load", "pages": {name: seconds or null}}.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

REPORTS = (
    "userstatus",
    "userpriority",
    "userqueue",
    "usermonth",
    "queuemonth",
    "queuestatus",
    "queuepriority",
    "daysuntilticketclosedbymonth",
)
BATCH = 5_000


def load(tickets: int, seed: int = 1) -> Any:
    from django.contrib.auth import get_user_model
    from helpdesk.models import FollowUp, Queue, Ticket

    rng = random.Random(seed)
    user_model = get_user_model()
    staff = [
        user_model.objects.create_user(f"staff{i}", f"staff{i}@example.org", "x", is_staff=True)
        for i in range(20)
    ]
    queues = [
        Queue.objects.create(title=f"Queue {q}", slug=f"queue-{q}", email_address=f"q{q}@x.org")
        for q in range(12)
    ]
    start = datetime(2016, 4, 1, tzinfo=UTC)
    span = 10 * 365 * 24 * 3600
    made = 0
    while made < tickets:
        size = min(BATCH, tickets - made)
        rows = []
        for i in range(size):
            created = start + timedelta(seconds=rng.randrange(span))
            status = rng.choice((1, 2, 3, 4, 4, 4, 4))
            rows.append(
                Ticket(
                    title=f"Ticket {made + i}",
                    queue=rng.choice(queues),
                    created=created,
                    modified=created + timedelta(days=rng.randrange(60)),
                    submitter_email=f"person{made + i}@example.org",
                    assigned_to=rng.choice(staff),
                    status=status,
                    description="Something went wrong with the service.",
                    priority=rng.randrange(1, 6),
                )
            )
        saved = Ticket.objects.bulk_create(rows)
        FollowUp.objects.bulk_create(
            FollowUp(
                ticket=t,
                date=t.created + timedelta(days=k * 3 + 1),
                title="Follow-up",
                comment="We are looking into it.",
                user=t.assigned_to,
                new_status=t.status if k == 2 else None,
            )
            for t in saved
            for k in range(3)
        )
        made += size
    return staff[0]


class Stopped(Exception):
    pass


def timed(client: Any, url: str, timeout: float) -> float | None:
    def stop(signum: int, frame: Any) -> None:
        raise Stopped

    signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    began = time.perf_counter()
    try:
        response = client.get(url)
    except Stopped:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    import django

    django.setup()
    from importlib.metadata import version

    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    user = load(args.tickets)
    loaded = time.perf_counter() - began
    client = Client()
    client.force_login(user)
    client.get("/helpdesk/")  # the process as a running server has it: views imported
    pages: dict[str, float | None] = {"index": timed(client, "/helpdesk/reports/", args.timeout)}
    for report in REPORTS:
        pages[report] = timed(client, f"/helpdesk/reports/{report}/", args.timeout)
    print(
        json.dumps(
            {
                "version": version("django-helpdesk"),
                "tickets": args.tickets,
                "followups": 3 * args.tickets,
                "load": loaded,
                "pages": pages,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
