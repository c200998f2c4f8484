"""Retention and subject access at scale: the retention job over N cases (default 100,000)
with about a tenth past the schedule, run twice, and a subject access search at that size.

    .venv/bin/python -m bench.retention_bench [--cases 100000] [--database URL]

Goals (issue 13): the job under 1 minute, a subject access search under 1 second. The cases
are bench/bulk_load.py's ten financial years, each with a person record, a child on a tenth
and a small document on one in fifty; `today` is put where the oldest tenth has expired.
Times are wall-clock on whatever else the machine is doing: a shared machine reads slower.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

LAST_YEAR = 2025


def configure(var_dir: Path, database: str | None) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = database or f"sqlite:///{var_dir / 'retention.sqlite3'}"
    os.environ["COMPLAINTSDESK_VAR_DIR"] = str(var_dir)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)


def people_load(n_documents_every: int = 50) -> dict[str, int]:
    """A person per case (the complainant), a child on one case in ten, a document on one
    case in `n_documents_every`: what retention anonymises and deletes."""
    from django.conf import settings
    from django.db import connection, transaction

    from bench.bulk_load import Writer
    from complaintsdesk.cases.models import Case, CasePerson, Child, Document
    from complaintsdesk.people import keys
    from complaintsdesk.people.models import Person

    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    cases = list(Case.objects.order_by("id").values_list("id", "complainant_name"))
    written = {"people": 0, "children": 0, "documents": 0}
    with transaction.atomic():
        people, links, children, documents = [], [], [], []
        for n, (case_id, name) in enumerate(cases):
            pid = n + 1
            email = f"person{n}@example.com"
            phone = f"07700 9{n % 100000:05d}"
            people.append(
                {
                    "id": pid,
                    "name": name,
                    "email": email,
                    "phone": phone,
                    "address": f"{n} High Street, LS1 4AP",
                    "name_key": keys.name_key(name),
                    "email_key": keys.email_key(email),
                    "phone_key": keys.phone_key(phone),
                    "postcode_key": "LS14AP",
                }
            )
            links.append({"case_id": case_id, "person_id": pid, "role": "complainant"})
            if n % 10 == 0:
                children.append({"case_id": case_id, "name": f"Child {n}", "in_care": n % 3 == 0})
            if n % n_documents_every == 0:
                storage = f"bench-{n}.txt"
                (media / storage).write_bytes(b"A letter\n")
                documents.append(
                    {
                        "case_id": case_id,
                        "title": "Letter",
                        "content_type": "text/plain",
                        "size": 9,
                        "storage_name": storage,
                    }
                )
        written["people"] = Writer(connection, Person, with_ids=True).write(people)
        Writer(connection, CasePerson).write(links)
        written["children"] = Writer(connection, Child).write(children)
        written["documents"] = Writer(connection, Document).write(documents)
    if connection.vendor == "postgresql":
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Person]):
                cursor.execute(sql)
    return written


def today_with_a_tenth_expired() -> tuple[date, int]:
    """The day on which about a tenth of the cases are past the default schedule."""
    from complaintsdesk.cases.models import Case
    from complaintsdesk.deadlines.calendar import add_months
    from complaintsdesk.privacy.retention import DEFAULT_MONTHS

    received = sorted(Case.objects.values_list("received", flat=True))
    tenth = received[len(received) // 10]
    return add_months(tenth, DEFAULT_MONTHS) + timedelta(days=7), len(received)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--database", default=None, help="DATABASE_URL (default: a new SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        configure(Path(tmp), args.database)
        from django.contrib.auth import get_user_model
        from django.db import connection

        from bench.bulk_load import load
        from complaintsdesk.accounts import roles
        from complaintsdesk.cases.models import Case
        from complaintsdesk.people.models import Person
        from complaintsdesk.people.selectors import person_duplicates, person_search
        from complaintsdesk.privacy.sar import person_holdings
        from complaintsdesk.privacy.services import retention_run

        began = time.perf_counter()
        load(connection, args.cases, last_year=LAST_YEAR, owner_id=None)
        extra = people_load()
        print(
            f"{connection.vendor}: loaded {args.cases:,} cases, {extra['people']:,} people, "
            f"{extra['children']:,} children, {extra['documents']:,} documents "
            f"in {time.perf_counter() - began:.1f} s",
            flush=True,
        )
        today, total = today_with_a_tenth_expired()

        began = time.perf_counter()
        dry = retention_run(today=today, dry_run=True)
        planned = time.perf_counter() - began
        began = time.perf_counter()
        first = retention_run(today=today)
        first_s = time.perf_counter() - began
        began = time.perf_counter()
        second = retention_run(today=today)
        second_s = time.perf_counter() - began
        anonymised = Case.objects.filter(anonymised_at__isnull=False).count()
        print(
            f"retention on {today}: {len(dry.plan.cases):,} of {total:,} cases expired "
            f"({len(dry.plan.cases) / total:.1%}); dry run {planned:.1f} s"
        )
        print(
            f"  first run  {first_s:6.1f} s: anonymised {len(first.anonymised):,} cases, "
            f"{first.people_anonymised:,} people, deleted {first.documents_deleted:,} documents"
            f"  (goal < 60 s: {'met' if first_s < 60 else 'NOT met'})"
        )
        print(
            f"  second run {second_s:6.1f} s: anonymised {len(second.anonymised):,} "
            f"(idempotent: {'yes' if not second.anonymised else 'NO'}); "
            f"{anonymised:,} cases anonymised in all"
        )

        roles.ensure_roles()
        manager = get_user_model().objects.create_user("bench-manager", "m@example.gov.uk", "x")
        manager.groups.set(roles.role_groups([roles.MANAGER]))
        live = list(
            Person.objects.filter(anonymised_at__isnull=True)
            .order_by("id")
            .values_list("name", "email", "phone")[:: max(1, args.cases // 20)]
        )
        searches = {"name": [], "email": [], "phone": [], "holdings": [], "duplicates": []}
        for name, email, phone in live:
            for key, terms in (
                ("name", {"name": name}),
                ("email", {"email": email}),
                ("phone", {"phone": phone}),
            ):
                began = time.perf_counter()
                found = person_search(user=manager, **terms)
                searches[key].append(time.perf_counter() - began)
                assert found, (key, terms)
            person = found[0]
            began = time.perf_counter()
            person_holdings(user=manager, person=person)
            searches["holdings"].append(time.perf_counter() - began)
            began = time.perf_counter()
            person_duplicates(user=manager, person=person)
            searches["duplicates"].append(time.perf_counter() - began)
        print(
            f"subject access search over {Person.objects.count():,} people "
            f"({len(live)} people, median / worst):"
        )
        for key, times in searches.items():
            worst = max(times)
            print(
                f"  {key:<10} {statistics.median(times) * 1000:7.1f} ms / {worst * 1000:7.1f} ms"
                f"  (goal < 1 s: {'met' if worst < 1 else 'NOT met'})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
