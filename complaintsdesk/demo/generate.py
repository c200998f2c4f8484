"""The demo's five years of history as plain data, from the seeds alone: no database.

`history_generate` decides everything the history holds: every case plan (dates, stages,
outcomes, costs, appointments) with its reference, the complainants' and children's
personal fields, the users' names, and the Ombudsman, learning, compliment and equality
records. The same calendar and rulesets give the same history, so it can be compared
run against run in memory. `bulk.py` writes it; the live cases continue from the random
sources it hands back (`ctx`, `people`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from complaintsdesk.deadlines.calendar import WorkingCalendar
from complaintsdesk.demo.history import HistoryBuilder
from complaintsdesk.demo.people import People, faker_create
from complaintsdesk.demo.periods import Ctx
from complaintsdesk.demo.plans import CasePlan
from complaintsdesk.demo.records import RecordsBuilder
from complaintsdesk.demo.targets import NAMED_STAGE2
from complaintsdesk.demo.users import user_names
from complaintsdesk.workflow import rules

SEED = 2024
FIRST_REFERENCE = 1001


@dataclass
class History:
    ctx: Ctx  # the generator's random source, where the live cases carry on from
    people: People  # likewise for the live cases' complainants and children
    user_names: dict[str, tuple[str, str]]  # username -> (first name, last name)
    plans: list[CasePlan]  # in order of receipt: (received, reference)
    children: dict[str, list[dict[str, Any]]]  # reference -> each child's fields
    records: RecordsBuilder  # the Ombudsman, learning, compliment and equality rows


def assign_references(plans: list[CasePlan], rng: random.Random) -> None:
    """COM/ numbers in order of receipt, stepping over the report's named references."""
    fixed = {int(n.reference.split("/")[1]) for n in NAMED_STAGE2}
    number = FIRST_REFERENCE
    for plan in sorted(plans, key=lambda p: p.received):
        if plan.reference:
            continue
        number += rng.randint(1, 3)
        while number in fixed:
            number += 1
        plan.reference = f"COM/{number}"


def personal_draw(plan: CasePlan, people: People) -> list[dict[str, Any]]:
    """Give the plan its complainant's personal fields; the fields of each of its children."""
    details = people.complainant()
    plan.details = details
    return people.children(
        received=plan.received,
        surname_from=details["complainant_name"],
        n=plan.children,
        in_care=bool(plan.child_in_care),
    )


def history_generate(*, cal: WorkingCalendar, rulesets: tuple[rules.RuleSet, ...]) -> History:
    ctx = Ctx(rng=random.Random(SEED), cal=cal)
    people = People(faker_create(), random.Random(SEED + 1))
    # The users' names are Faker's first draws, before any complainant's.
    names = user_names(people)

    plans = HistoryBuilder(ctx, rulesets).build()
    assign_references(plans, ctx.rng)
    ordered = sorted(plans, key=lambda p: (p.received, p.reference))
    children = {plan.reference: personal_draw(plan, people) for plan in ordered}

    records = RecordsBuilder(ctx, plans)
    records.lgsco()
    records.learnings()
    records.compliments()
    records.equality()
    return History(
        ctx=ctx,
        people=people,
        user_names=names,
        plans=ordered,
        children=children,
        records=records,
    )
