"""A case as the generator plans it, and the one place that writes a plan through the services.

The generator decides every date first (so the figures can be checked on plain data).
The history's plans are written in bulk through the exchange importer (`bulk.py`); the
live cases' plans go through `case_plan_write`, which replays the case's life through
`cases.services`, in order, so due dates, working days taken, the case summary and the
audit trail come out as they do from the staff pages. tests/demo replays a sample of the
history this way too, and checks it comes out as the bulk write left it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User

from complaintsdesk.cases import services
from complaintsdesk.cases.models import Case, Stage
from complaintsdesk.cases.services_pause import stage_pause
from complaintsdesk.demo.letters import email_keep, letter_keep
from complaintsdesk.demo.organisation import Organisation


@dataclass
class StagePlan:
    kind: str
    started: date
    acknowledged: date | None = None
    extended_to: date | None = None
    extension_reason: str = ""
    panel_held: date | None = None
    responded: date | None = None
    outcome: str = ""
    costs: tuple[Decimal | None, Decimal | None, Decimal | None] | None = None
    appoint: tuple[tuple[str, str, date], ...] = ()  # (role, username, on)
    paused: tuple[date, date, str] | None = None  # (first day, last day, reason)
    # Letters kept just after the step of that name: (acknowledgement | extension |
    # response, on). The response letter is the one for the stage's outcome.
    letters: tuple[tuple[str, date], ...] = ()


@dataclass
class CasePlan:
    area: str
    procedure: str
    team: str
    stages: list[StagePlan]
    reference: str = ""
    complainant_type: str = ""
    theme: str = ""
    child_in_care: bool | None = None
    via_advocate: bool | None = None
    care_leaver: bool | None = None
    channel: str = "email"
    summary: str = ""
    desired_outcome: str = ""
    restricted: bool = False
    equality_form_sent: date | None = None
    children: int = 0
    awaiting_triage_on: date | None = None  # live cases not yet triaged: no stages
    emails: tuple[tuple[str, date], ...] = ()  # from the complainant: (letters.EMAILS key, on)
    details: dict[str, Any] = field(default_factory=dict)  # the complainant's personal fields

    @property
    def received(self) -> date:
        if self.awaiting_triage_on is not None:
            return self.awaiting_triage_on
        return self.stages[0].started

    def stage(self, kind: str) -> StagePlan | None:
        return next((s for s in self.stages if s.kind == kind), None)


def case_plan_write(
    plan: CasePlan,
    *,
    org: Organisation,
    users: dict[str, User],
    children: list[dict[str, Any]],
) -> Case:
    officer, responder, manager = users["officer"], users["responder"], users["manager"]
    # A case awaiting triage came in as the public do: the web form or the team mailbox
    # (nobody logged it), or by phone or letter, logged by the officer.
    via = "staff"
    if not plan.stages:
        via = {"web": "web_form", "email": "mailbox"}.get(plan.channel, "staff")
    case = services.case_create(
        actor=officer if via == "staff" else None,
        received_via=via,
        procedure=plan.procedure,
        service_area=org.areas[plan.area],
        team=org.teams[(plan.area, plan.team)] if plan.team else None,
        received=plan.received,
        reference=plan.reference or None,
        first_stage=plan.stages[0].kind if plan.stages else None,
        children=children,
        channel=plan.channel,
        complainant_type=plan.complainant_type,
        theme=plan.theme,
        child_in_care=plan.child_in_care,
        via_advocate=plan.via_advocate,
        care_leaver=plan.care_leaver,
        summary=plan.summary,
        desired_outcome=plan.desired_outcome,
        restricted=plan.restricted,
        equality_form_sent=plan.equality_form_sent,
        **plan.details,
    )
    if plan.restricted:
        case.restricted_to.add(officer, manager)
    for i, sp in enumerate(plan.stages):
        if i == 0:
            stage = case.stages.get(kind=sp.kind)
        else:
            stage = services.stage_start(actor=officer, case=case, kind=sp.kind, started=sp.started)
        if sp.acknowledged is not None:
            services.stage_acknowledge(actor=officer, stage=stage, on=sp.acknowledged)
            _letters(sp, "acknowledgement", actor=officer, stage=stage)
        for role, username, on in sp.appoint:
            services.stage_appoint(
                actor=manager, stage=stage, role=role, on=on, user=users[username]
            )
        if sp.paused is not None:
            first, last, reason = sp.paused
            stage_pause(
                actor=officer, stage=stage, paused_from=first, paused_to=last, reason=reason
            )
        if sp.panel_held is not None:
            services.stage_record_panel(actor=officer, stage=stage, held=sp.panel_held)
        if sp.extended_to is not None:
            services.stage_extend(
                actor=officer, stage=stage, extended_to=sp.extended_to, reason=sp.extension_reason
            )
            _letters(sp, "extension", actor=officer, stage=stage)
        if sp.responded is not None:
            actor = responder if sp.kind in ("informal", "stage1") else manager
            services.stage_respond(actor=actor, stage=stage, on=sp.responded, outcome=sp.outcome)
            _letters(sp, "response", actor=actor, stage=stage)
        if sp.costs is not None:
            io, ip, extra = sp.costs
            services.stage_record_costs(
                actor=manager,
                stage=stage,
                investigating_officer=io,
                independent_person=ip,
                additional=extra,
            )
    for about, on in plan.emails:
        email_keep(case=case, about=about, on=on)
    return case


def _letters(sp: StagePlan, step: str, *, actor: User, stage: Stage) -> None:
    for name, on in sp.letters:
        if name == step:
            kind = f"response_{sp.outcome}" if step == "response" else step
            letter_keep(actor=actor, case=stage.case, kind=kind, on=on)
