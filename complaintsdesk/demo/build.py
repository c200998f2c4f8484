"""The demo build, start to finish, in one transaction: organisation, users, five years of
history, the Ombudsman, learning, compliments and equality records, then live casework."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from unittest import mock

from django.contrib.auth.models import User
from django.db import transaction

from complaintsdesk.cases import deadlines as stage_deadlines
from complaintsdesk.cases import services
from complaintsdesk.cases.models import (
    Case,
    Compliment,
    DataBreach,
    Directorate,
    EqualityResponse,
    FeedbackResponse,
    Learning,
    LgscoCase,
    ReferenceSequence,
    ServiceArea,
    Team,
)
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.deadlines.selectors import calendar_current, rulesets_current
from complaintsdesk.demo.history import HistoryBuilder
from complaintsdesk.demo.live import REACH_WORKING_DAYS, live_plans, live_records
from complaintsdesk.demo.organisation import Organisation, organisation_create
from complaintsdesk.demo.people import People, faker_create
from complaintsdesk.demo.periods import HISTORY_END, Ctx
from complaintsdesk.demo.plans import CasePlan, case_plan_write
from complaintsdesk.demo.records import RecordsBuilder
from complaintsdesk.demo.targets import NAMED_STAGE2
from complaintsdesk.demo.users import DEMO_PASSWORD, ROLES, users_create
from complaintsdesk.workflow import rules

SEED = 2024
FIRST_REFERENCE = 1001


class DemoRefused(Exception):
    """The database already holds records and no reset was asked for."""


@dataclass(frozen=True)
class DemoResult:
    cases: int
    live_cases: int
    users: dict[str, str]  # username -> role
    password: str


def demo_present() -> bool:
    return Directorate.objects.exists() or Case.objects.exists()


def demo_reset() -> None:
    """Empty the case tables (and the organisation the demo built) for a fresh build."""
    with transaction.atomic():
        # Audit events are append-only in the product; a reset of the demo starts the trail again.
        AuditEvent.objects.all().delete()
        for model in (
            Learning,
            LgscoCase,
            DataBreach,
            Case,
            Compliment,
            EqualityResponse,
            FeedbackResponse,
            ReferenceSequence,
            Team,
            ServiceArea,
            Directorate,
        ):
            model.objects.all().delete()


def _assign_references(plans: list[CasePlan], rng: random.Random) -> None:
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


@contextmanager
def _deadline_engine_read_once(ctx: Ctx, rulesets: tuple[rules.RuleSet, ...]) -> Iterator[None]:
    """Lend the services the calendar and rulesets read at the start of the build.

    The services read both from the database on every call (a query each, twice per stage
    change); inside the build's one transaction nothing else can change them, so reading
    them once cuts a fifth of the build's queries without changing any date.
    """
    with ExitStack() as stack:
        for module in (services, stage_deadlines):
            stack.enter_context(mock.patch.object(module, "calendar_current", lambda: ctx.cal))
            stack.enter_context(mock.patch.object(module, "rulesets_current", lambda: rulesets))
        yield


def demo_build(*, today: date, reset: bool = False) -> DemoResult:
    if today <= date.fromordinal(HISTORY_END.toordinal() + REACH_WORKING_DAYS * 7 // 5 + 14):
        raise ValueError(
            "--today must be well after 31 March 2024, so live cases leave the history alone"
        )
    if demo_present():
        if not reset:
            raise DemoRefused("The database already has records. Run with --reset to replace them.")
        demo_reset()
    with transaction.atomic():
        rng = random.Random(SEED)
        ctx = Ctx(rng=rng, cal=calendar_current())
        rulesets = rulesets_current()
        with _deadline_engine_read_once(ctx, rulesets):
            result = _build(ctx, rulesets, today)
    return result


def _build(ctx: Ctx, rulesets: tuple[rules.RuleSet, ...], today: date) -> DemoResult:
    rng = ctx.rng
    people = People(faker_create(), random.Random(SEED + 1))
    org = organisation_create()
    users = users_create(org=org, people=people)

    plans = HistoryBuilder(ctx, rulesets).build()
    _assign_references(plans, rng)
    cases: dict[str, Case] = {}
    for plan in sorted(plans, key=lambda p: (p.received, p.reference)):
        cases[plan.reference] = _write(plan, org=org, users=users, people=people)

    records = RecordsBuilder(ctx, org, users, plans, cases)
    records.lgsco()
    records.learnings()
    records.compliments()
    records.equality()

    # New cases continue the numbering after the history.
    top = max(int(re.sub(r"\D", "", ref)) for ref in cases)
    ReferenceSequence.objects.update_or_create(prefix="COM/", defaults={"next_value": top + 1})
    live = [
        _write(plan, org=org, users=users, people=people)
        for plan in sorted(live_plans(ctx, today), key=lambda p: p.received)
    ]
    live_records(ctx, today, org, users, live)
    return DemoResult(
        cases=len(cases) + len(live),
        live_cases=len(live),
        users=dict(ROLES),
        password=DEMO_PASSWORD,
    )


def _write(plan: CasePlan, *, org: Organisation, users: dict[str, User], people: People) -> Case:
    details = people.complainant()
    plan.details = details
    children = people.children(
        received=plan.received,
        surname_from=details["complainant_name"],
        n=plan.children,
        in_care=bool(plan.child_in_care),
    )
    return case_plan_write(plan, org=org, users=users, children=children)
