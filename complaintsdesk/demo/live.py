"""Casework in progress around `today`: what the officer's and manager's pages show.

Everything here is dated after 31 March 2024, so no 2019-20..2023-24 figure moves: the
build refuses a `today` too early for that.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User

from complaintsdesk.cases.models import Case, Compliment, Learning, LgscoCase, LgscoRecommendation
from complaintsdesk.core.audit import audit_record
from complaintsdesk.demo import text
from complaintsdesk.demo.letters import PAUSE_REASONS
from complaintsdesk.demo.organisation import Organisation
from complaintsdesk.demo.periods import HISTORY_END, Ctx
from complaintsdesk.demo.plans import CasePlan, StagePlan
from complaintsdesk.demo.targets import ADULTS, CNSC, CSC, PLACE

# The live cases reach back this many working days before `today`.
REACH_WORKING_DAYS = 130


def live_plans(ctx: Ctx, today: date) -> list[CasePlan]:
    """The live cases, each built so its place on the deadline pages is the one named."""
    rng = ctx.rng

    def ago(n: int) -> date:
        return ctx.before(today, n)

    def case(
        area: str, procedure: str, team: str, stages: list[StagePlan], **kw: object
    ) -> CasePlan:
        summary = {
            CSC: text.CSC_SUMMARIES["professional_practice"],
            CNSC: text.CNSC_SUMMARIES,
            ADULTS: text.ADULTS_SUMMARIES,
            PLACE: text.PLACE_SUMMARIES,
        }[area]
        plan = CasePlan(
            area=area,
            procedure=procedure,
            team=team,
            stages=stages,
            summary=rng.choice(summary),
            desired_outcome=rng.choice(text.DESIRED_OUTCOMES),
            complainant_type=rng.choice(["parent", "parent", "customer", ""]),
            theme=rng.choice(["professional_practice", "communication", "service_delay"]),
            channel=rng.choice(["email", "web", "phone"]),
        )
        for key, value in kw.items():
            setattr(plan, key, value)
        if area == CSC:
            plan.children = rng.choice([1, 2])
        return plan

    plans: list[CasePlan] = []
    # Awaiting triage: logged in the last two working days, no procedure decision yet.
    for area, procedure in (
        (CSC, "children_statutory"),
        (CNSC, "corporate"),
        (PLACE, "corporate"),
        (ADULTS, "adults_statutory"),
    ):
        plans.append(case(area, procedure, "", [], awaiting_triage_on=ago(rng.randint(0, 2))))
    # Stage 1 just started: acknowledgement due.
    for area, procedure, team in (
        (CSC, "children_statutory", "North"),
        (CSC, "children_statutory", "Chesil"),
        (CNSC, "corporate", "SEN"),
        (PLACE, "corporate", "Highways"),
    ):
        plans.append(case(area, procedure, team, [StagePlan("stage1", ago(rng.randint(0, 1)))]))
    # Acknowledged, due within five working days (children: 10 after the start; corporate:
    # 10 after the acknowledgement), but for two whose clock is paused until an advocate is
    # arranged: their due dates move on by the working days paused.
    for team, n, paused in (
        ("CWAD", 6, (ago(3), ctx.cal.add_working_days(today, 2), PAUSE_REASONS[1])),
        ("North", 8, None),
        ("Purbeck", 9, (ago(6), ctx.cal.add_working_days(today, 4), PAUSE_REASONS[0])),
    ):
        s1 = StagePlan("stage1", ago(n), acknowledged=ago(n - 1), paused=paused)
        s1.letters = (("acknowledgement", ago(n - 1)),)
        plans.append(case(CSC, "children_statutory", team, [s1]))
        if team == "Purbeck":
            plans[-1].emails = (("advocate", ago(7)),)
    for team, n in (("SEN", 7), ("SEN", 9)):
        start = ago(n + 2)
        plans.append(
            case(CNSC, "corporate", team, [StagePlan("stage1", start, acknowledged=ago(n))])
        )
    # Overdue: past ten working days, no response and no extension. North's clock paused
    # for four working days while an advocate was arranged; it is overdue all the same.
    for team, n in (("Chesil", 14), ("North", 17), ("East", 19)):
        s1 = StagePlan("stage1", ago(n), acknowledged=ago(n - 2))
        plans.append(case(CSC, "children_statutory", team, [s1]))
        if team == "North":
            s1.paused = (ago(14), ago(11), PAUSE_REASONS[2])
            s1.letters = (("acknowledgement", ago(n - 2)),)
            plans[-1].emails = (("advocate_found", ago(11)),)
    plans.append(
        case(CNSC, "corporate", "SEN", [StagePlan("stage1", ago(18), acknowledged=ago(16))])
    )
    # Extended with the complainant's agreement, still in time.
    s1 = StagePlan(
        "stage1",
        ago(13),
        acknowledged=ago(12),
        extended_to=ctx.cal.add_working_days(ago(13), 20),
        extension_reason=text.EXTENSION_REASONS[1],
        letters=(("acknowledgement", ago(12)), ("extension", ago(4))),
    )
    plans.append(
        case(CSC, "children_statutory", "CWAD", [s1], emails=(("extension_agreed", ago(5)),))
    )
    # Informal stages in hand.
    for area, procedure, team in (
        (CSC, "children_statutory", "East"),
        (CNSC, "corporate", "School Admissions"),
        (PLACE, "corporate", "Waste Services"),
    ):
        plans.append(case(area, procedure, team, [StagePlan("informal", ago(rng.randint(1, 6)))]))
    # Stage 2 under way: investigating officer and independent person appointed.
    s1 = StagePlan("stage1", ago(70), acknowledged=ago(69), responded=ago(61), outcome="not_upheld")
    s1.letters = (("response", ago(61)),)
    s2 = StagePlan(
        "stage2",
        ago(16),
        acknowledged=ago(14),
        letters=(("acknowledgement", ago(14)),),
        appoint=(
            ("investigating_officer", "investigator", ago(12)),
            ("independent_person", "independent", ago(12)),
        ),
    )
    plans.append(case(CSC, "children_statutory", "CWAD", [s1, s2], emails=(("escalate", ago(18)),)))
    # Stage 3: stage 2 answered, the review panel being arranged.
    s1 = StagePlan(
        "stage1", ago(125), acknowledged=ago(124), responded=ago(116), outcome="partly_upheld"
    )
    s2 = StagePlan(
        "stage2",
        ago(108),
        acknowledged=ago(106),
        responded=ago(50),
        outcome="not_upheld",
        extended_to=ago(48),
        extension_reason=text.EXTENSION_REASONS[2],
        appoint=(
            ("investigating_officer", "investigator", ago(104)),
            ("independent_person", "independent", ago(104)),
        ),
        costs=(Decimal("2940.00"), Decimal("1105.50"), Decimal("0.00")),
    )
    s3 = StagePlan(
        "stage3", ago(22), acknowledged=ago(20), appoint=(("panel_member", "panel", ago(15)),)
    )
    plans.append(case(CSC, "children_statutory", "North", [s1, s2, s3]))
    # Restricted: the complaint concerns a member of staff's conduct.
    plans.append(
        case(
            CSC,
            "children_statutory",
            "Fostering",
            [StagePlan("stage1", ago(4), acknowledged=ago(3))],
            restricted=True,
            theme="misconduct",
            summary=text.CSC_SUMMARIES["misconduct"][0],
        )
    )
    # Answered in the last few weeks; the first three with their letters kept.
    for i, (area, procedure, team, outcome) in enumerate(
        (
            (CSC, "children_statutory", "Dorchester and West", "not_upheld"),
            (CSC, "children_statutory", "Purbeck", "partly_upheld"),
            (CNSC, "corporate", "Home to School Transport", "upheld"),
            (ADULTS, "adults_statutory", "Reablement", "not_upheld"),
            (PLACE, "corporate", "Parking", "not_upheld"),
        )
    ):
        n = rng.randint(12, 30)
        plans.append(
            case(
                area,
                procedure,
                team,
                [
                    StagePlan(
                        "stage1",
                        ago(n),
                        acknowledged=ago(n - 1),
                        responded=ago(n - rng.randint(5, 9)),
                        outcome=outcome,
                    )
                ],
            )
        )
        if i < 3:
            s1 = plans[-1].stages[0]
            assert s1.acknowledged is not None and s1.responded is not None
            s1.letters = (("acknowledgement", s1.acknowledged), ("response", s1.responded))
    for p in plans:
        if p.received <= HISTORY_END:
            raise ValueError("live cases must be dated after 31 March 2024")
        if p.stage("stage1") is not None:
            p.equality_form_sent = p.stages[-1].started
    return plans


def live_records(
    ctx: Ctx, today: date, org: Organisation, users: dict[str, User], cases: list[Case]
) -> None:
    """An Ombudsman case with compliance due soon, one still with the Ombudsman, learning in
    progress and recent compliments."""
    actor = users["officer"]

    def ago(n: int) -> date:
        return ctx.before(today, n)

    closed = [c for c in cases if c.status == "closed"]
    decided = LgscoCase.objects.create(
        lgsco_reference=f"{ago(60).year % 100:02d}5{ctx.rng.randint(10000, 99999)}",
        case=closed[0] if closed else None,
        service_area=org.areas[CNSC],
        received=ago(60),
        decided=ago(15),
        decision="upheld",
        remedy_amount=Decimal("750.00"),
        summary=text.LGSCO_TEXT["default_sen"][0],
        recommendations=text.LGSCO_TEXT["default_sen"][1],
        compliance_due=ctx.cal.add_working_days(today, 3),
    )
    pending = LgscoCase.objects.create(
        lgsco_reference=f"{ago(10).year % 100:02d}6{ctx.rng.randint(10000, 99999)}",
        service_area=org.areas[CSC],
        received=ago(10),
        summary=text.LGSCO_OTHER[2],
    )
    for obj in (decided, pending):
        audit_record(
            actor=actor,
            kind="lgsco_case.recorded",
            obj=obj,
            case_reference=obj.case.reference if obj.case else "",
        )
    # The decision's recommendations as records: the payment made, the rest due soon.
    assert decided.compliance_due is not None
    for i, (kind, amount, paid) in enumerate(
        (("apology", None, None), ("financial_remedy", Decimal("750.00"), ago(5)),
         ("procedural_change", None, None))
    ):  # fmt: skip
        recommendation = LgscoRecommendation.objects.create(
            key=f"R-live-{i + 1:03d}",
            lgsco_case=decided,
            kind=kind,
            amount=amount,
            due=decided.compliance_due,
            complied=paid,
            remedy_paid=paid,
            evidence="Remittance advice sent to the Ombudsman" if paid else "",
            description=text.LGSCO_RECOMMENDATIONS[kind],
        )
        audit_record(
            actor=actor,
            kind="lgsco.recommendation_added",
            obj=recommendation,
            case_reference=decided.case.reference if decided.case else "",
            payload={"kind": kind},
        )
    for i, (area, team, (learning, action), due_in) in enumerate(
        (
            (CSC, "North", text.CSC_LEARNINGS[10], 10),
            (CSC, "CWAD", text.CSC_LEARNINGS[2], -3),
            (CNSC, "SEN", text.CNSC_LEARNINGS[1], 20),
            (CSC, "Children in Care", text.CSC_LEARNINGS[9], 5),
        )
    ):
        recorded = ago(ctx.rng.randint(5, 20))
        learning_obj = Learning.objects.create(
            key=f"L-live-{i + 1:03d}",
            service_area=org.areas[area],
            team=org.teams[(area, team)],
            recorded=recorded,
            learning=learning,
            action=action,
            status="in_progress",
            owner="Service manager",
            due=ctx.cal.add_working_days(today, due_in) if due_in >= 0 else ago(-due_in),
        )
        audit_record(actor=actor, kind="learning.recorded", obj=learning_obj)
    for i in range(6):
        area = (CSC, CNSC, ADULTS)[i % 3]
        team_name = {CSC: "Fostering", CNSC: "SEN", ADULTS: "Reablement"}[area]
        compliment = Compliment.objects.create(
            key=f"C-live-{i + 1:03d}",
            received=ago(ctx.rng.randint(1, 40)),
            service_area=org.areas[area],
            team=org.teams[(area, team_name)],
            summary=text.COMPLIMENTS[(0, 4, 8)[i % 3]],
        )
        audit_record(actor=actor, kind="compliment.recorded", obj=compliment)
