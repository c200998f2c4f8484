"""Import 1,500 cases in the exchange format into a fresh SQLite database; print the seconds.

    .venv/bin/python -m bench.import_bench [--cases 1500] [--keep DIR]

The folder is generated deterministically (fixed seed): stages through every procedure's
route, extensions within the maximum, costs, Ombudsman cases, learnings, compliments and
equality responses. The target (the brief): under 10 seconds on SQLite.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ORGANISATION = {
    "Children's Services": {
        "Children's Social Care": ("children_statutory", ["CWAD", "North", "South", "Chesil"]),
        "Children's Non-Social Care": ("corporate", ["SEN", "Early Years"]),
    },
    "Adults": {"Adult Social Care": ("adults_statutory", ["East", "West"])},
    "Place": {
        "Highways": ("corporate", ["Roads"]),
        "Waste": ("corporate", ["Collections", "Recycling"]),
    },
    "Corporate Services": {"Revenues": ("corporate", ["Council Tax", "Benefits"])},
}
FORMAL_OUTCOMES = ["upheld", "partly_upheld", "not_upheld", "withdrawn"]
FIRST_DAY = date(2022, 4, 1)
DAYS = 3 * 365


def generate(folder: Path, cases: int = 1500, seed: int = 2024) -> dict[str, int]:
    """Write a valid exchange folder; return the number of rows per file."""
    rng = random.Random(seed)
    areas = [
        (directorate, area, procedure, teams)
        for directorate, by_area in ORGANISATION.items()
        for area, (procedure, teams) in by_area.items()
    ]
    files: dict[str, list[dict[str, Any]]] = {
        name: [] for name in ("cases", "stages", "lgsco", "learnings", "compliments", "equality")
    }
    references = []
    for n in range(1, cases + 1):
        directorate, area, procedure, teams = rng.choice(areas)
        reference = f"COM/{1000 + n}"
        references.append(reference)
        received = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        files["cases"].append(
            {
                "reference": reference,
                "procedure": procedure,
                "directorate": directorate,
                "service_area": area,
                "team": rng.choice(teams),
                "received": received.isoformat(),
                "channel": rng.choice(["email", "phone", "web", "letter", "advocate"]),
                "complainant_type": rng.choice(
                    ["parent", "young_person", "individual", "customer", ""]
                ),
                "via_advocate": rng.choice(["true", "false", ""]),
                "child_in_care": rng.choice(["true", "false", ""])
                if procedure != "corporate"
                else "",
                "care_leaver": rng.choice(["false", ""]),
                "theme": rng.choice(
                    ["communication", "service_delay", "professional_practice", ""]
                ),
                "summary": f'Complaint {n} about the service, with a comma, and "quotes".',
                "restricted": "true" if n % 97 == 0 else "false",
                "linked": f"COM/{1000 + n - 1}" if n % 50 == 0 else "",
                "equality_form_sent": (received + timedelta(days=3)).isoformat() if n % 3 else "",
            }
        )
        files["stages"] += _stages(rng, reference, procedure, received)
    for n in range(1, cases // 20 + 1):
        directorate, area, _, _ = rng.choice(areas)
        received = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        decided = received + timedelta(days=rng.randrange(30, 200))
        files["lgsco"].append(
            {
                "lgsco_reference": f"{22000000 + n * 37}",
                "reference": rng.choice(references) if n % 2 else "",
                "directorate": directorate,
                "service_area": area,
                "received": received.isoformat(),
                "decided": decided.isoformat() if n % 4 else "",
                "decision": rng.choice(["upheld", "not_upheld", "closed_after_initial_enquiries"])
                if n % 4
                else "",
                "remedy_amount": f"{rng.randrange(0, 200000) / 100:.2f}" if n % 3 == 0 else "",
                "remedy_ongoing": "true" if n % 11 == 0 else "false",
                "summary": "Delay in assessment",
                "recommendations": "Review the process",
                "compliance_due": (decided + timedelta(days=60)).isoformat() if n % 4 else "",
                "complied": "",
            }
        )
    for n in range(1, cases // 5 + 1):
        _, area, _, teams = rng.choice(areas)
        recorded = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        files["learnings"].append(
            {
                "id": f"L{n}",
                "reference": rng.choice(references) if n % 3 else "",
                "service_area": area,
                "team": rng.choice(teams),
                "recorded": recorded.isoformat(),
                "learning": f"Learning point {n}",
                "action": "Training for the team",
                "status": rng.choice(["implemented", "in_progress", "not_implemented"]),
                "owner": "Service manager",
                "due": (recorded + timedelta(days=90)).isoformat(),
                "completed": "",
            }
        )
    for n in range(1, cases // 4 + 1):
        directorate, area, _, teams = rng.choice(areas)
        files["compliments"].append(
            {
                "id": f"C{n}",
                "received": (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat(),
                "directorate": directorate,
                "service_area": area,
                "team": rng.choice(teams),
                "summary": "Thank you for your help",
            }
        )
    for n in range(1, cases // 3 + 1):
        files["equality"].append(
            {
                "id": f"E{n}",
                "received": (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat(),
                "directorate": rng.choice(list(ORGANISATION) + [""]),
                "gender": rng.choice(["female", "male", "prefer_not_to_say", ""]),
                "sexuality": rng.choice(["heterosexual", "bisexual", ""]),
                "age_band": rng.choice(["25_34", "35_44", "45_54", ""]),
                "religion": rng.choice(["none", "christian", "muslim", ""]),
                "ethnicity": rng.choice(["white_british", "asian_indian", "black_african", ""]),
                "disability": rng.choice(["none", "physical;mental_health", ""]),
            }
        )
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in files.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return {name: len(rows) for name, rows in files.items()}


def _stages(rng: random.Random, reference: str, procedure: str, received: date) -> list[dict]:
    route = {
        "children_statutory": ["stage1", "stage2", "stage3"],
        "corporate": ["stage1", "stage2"],
        "adults_statutory": ["stage1"],
    }[procedure]
    rows = []
    started = received
    if rng.random() < 0.7:
        responded = started + timedelta(days=rng.randrange(2, 12))
        outcome = rng.choice(["resolved", "escalated", "escalated", "withdrawn"])
        rows.append(_stage(reference, "informal", started, responded, outcome))
        if outcome != "escalated":
            return rows
        started = responded + timedelta(days=rng.randrange(0, 5))
    for i, kind in enumerate(route):
        last = i == len(route) - 1 or rng.random() > 0.4
        still_open = last and started > date(2025, 2, 1)
        responded = None if still_open else started + timedelta(days=rng.randrange(5, 30))
        row = _stage(reference, kind, started, responded, rng.choice(FORMAL_OUTCOMES))
        if kind == "stage1" and rng.random() < 0.15:
            row["extended_to"] = (started + timedelta(days=14)).isoformat()
        if kind in ("stage2", "stage3"):
            row["investigating_officer_cost"] = f"{rng.randrange(50000, 400000) / 100:.2f}"
            row["independent_person_cost"] = f"{rng.randrange(20000, 150000) / 100:.2f}"
        if kind == "stage3" and responded is not None:
            row["panel_held"] = (started + timedelta(days=3)).isoformat()
        rows.append(row)
        if last or responded is None:
            break
        started = responded + timedelta(days=rng.randrange(1, 15))
    return rows


def _stage(reference: str, kind: str, started: date, responded: date | None, outcome: str) -> dict:
    return {
        "reference": reference,
        "stage": kind,
        "started": started.isoformat(),
        "acknowledged": (started + timedelta(days=2)).isoformat(),
        "extended_to": "",
        "panel_held": "",
        "responded": responded.isoformat() if responded else "",
        "outcome": outcome if responded else "",
        "investigating_officer_cost": "",
        "independent_person_cost": "",
        "additional_cost": "",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1500)
    parser.add_argument("--keep", help="generate the folder here (and keep it) instead")
    options, _ = parser.parse_known_args(argv)
    with tempfile.TemporaryDirectory(prefix="import-bench-") as temp:
        folder = Path(options.keep) if options.keep else Path(temp) / "exchange"
        counts = generate(folder, cases=options.cases)
        # A fresh database of its own, whatever DATABASE_URL the shell has.
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(temp) / 'bench.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
        import django

        django.setup()
        from django.core.management import call_command

        from complaintsdesk.exchange.importer import exchange_import

        call_command("migrate", verbosity=0)
        began = time.perf_counter()
        result = exchange_import(path=folder)
        seconds = time.perf_counter() - began
        began = time.perf_counter()
        exchange_import(path=folder)  # idempotent: every record unchanged
        again = time.perf_counter() - began
    print(", ".join(f"{n} {name}" for name, n in counts.items()))
    print("\n".join(result.lines()))
    print(f"import of {options.cases} cases: {seconds:.2f} s (target: under 10 s)")
    print(f"re-import of the same files (nothing changes): {again:.2f} s")
    return 0 if seconds < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
