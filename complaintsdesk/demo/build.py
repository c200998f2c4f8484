"""The demo build, start to finish, in one transaction: organisation, users, five years of
history (cases, the Ombudsman, learning, compliments and equality records), then live
casework.

The history is generated as plain data first (`generate.py`) and written in bulk through
the exchange importer (`bulk.py`), as a council's migrated records would be; the live
cases around `today` are worked through `cases.services`, as the staff pages work them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from complaintsdesk.cases.models import (
    Case,
    Compliment,
    DataBreach,
    Directorate,
    Document,
    EqualityResponse,
    FeedbackResponse,
    Learning,
    LgscoCase,
    ReferenceSequence,
    ServiceArea,
    Team,
)
from complaintsdesk.cases.services_documents import document_path
from complaintsdesk.cases.services_ownership import case_reassign
from complaintsdesk.cases.services_people import case_people_backfill
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.deadlines.selectors import calendar_current, rulesets_current
from complaintsdesk.demo.bulk import history_write
from complaintsdesk.demo.generate import History, history_generate, personal_draw
from complaintsdesk.demo.live import REACH_WORKING_DAYS, live_plans, live_records
from complaintsdesk.demo.organisation import Organisation, organisation_create
from complaintsdesk.demo.periods import HISTORY_END
from complaintsdesk.demo.plans import CasePlan, case_plan_write
from complaintsdesk.demo.report_words import report_words_create
from complaintsdesk.demo.users import DEMO_PASSWORD, ROLES, users_create
from complaintsdesk.people.models import Person
from complaintsdesk.privacy.models import (
    ErasureRequest,
    LegalHold,
    RetentionRun,
    SubjectAccessRequest,
)
from complaintsdesk.reminders.models import SentReminder
from complaintsdesk.reporting.models import ReportNarrative, ReportSignOff


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
        # The demo's report words and survey invitations go with the records they describe.
        ReportSignOff.objects.all().delete()
        ReportNarrative.objects.all().delete()
        SentReminder.objects.all().delete()
        # The letters the demo kept are case documents: their files go with them.
        paths = [document_path(d) for d in Document.objects.only("storage_name")]
        transaction.on_commit(lambda: _unlink(paths))
        for model in (
            SubjectAccessRequest,
            ErasureRequest,
            LegalHold,
            RetentionRun,
            Learning,
            LgscoCase,
            DataBreach,
            Case,
            Person,
            Compliment,
            EqualityResponse,
            FeedbackResponse,
            ReferenceSequence,
            Team,
            ServiceArea,
            Directorate,
        ):
            model.objects.all().delete()


def _unlink(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


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
        history = history_generate(cal=calendar_current(), rulesets=rulesets_current())
        result = _build(history, today)
    return result


def _build(history: History, today: date) -> DemoResult:
    org = organisation_create()
    users = users_create(org=org, names=history.user_names)
    history_write(history, users=users)
    case_people_backfill()  # the history is written in bulk: its people records too

    # New cases continue the numbering after the history.
    top = max(int(re.sub(r"\D", "", plan.reference)) for plan in history.plans)
    ReferenceSequence.objects.update_or_create(prefix="COM/", defaults={"next_value": top + 1})
    live = [
        _write(plan, org=org, users=users, history=history)
        for plan in sorted(live_plans(history.ctx, today), key=lambda p: p.received)
    ]
    live_records(history.ctx, today, org, users, live)
    report_words_create(users=users)
    _name_responding_manager(live, users=users)
    return DemoResult(
        cases=len(history.plans) + len(live),
        live_cases=len(live),
        users=dict(ROLES),
        password=DEMO_PASSWORD,
    )


def _name_responding_manager(cases: list[Case], *, users: dict[str, User]) -> None:
    """The demo's responding manager answers the open live cases of the teams they are in,
    so the case list, its filters and the caseload show named responding managers."""
    responder = users["responder"]
    teams = set(responder.teams.values_list("pk", flat=True))
    for case in cases:
        if case.status == "open" and case.team_id in teams:
            case_reassign(
                actor=users["manager"],
                case=case,
                responding_manager=responder,
                expected_version=None,
            )


def _write(plan: CasePlan, *, org: Organisation, users: dict[str, User], history: History) -> Case:
    children = personal_draw(plan, history.people)
    return case_plan_write(plan, org=org, users=users, children=children)
