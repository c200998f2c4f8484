"""Report test data built with the ORM directly: a small council over three years.

Deterministic: figures are known by construction, e.g. in 2023-24 Children's Social Care
has `scale` stage-1 stages per quarter, one stage 2 and one stage 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from complaintsdesk.cases.models import (
    Case,
    Compliment,
    Directorate,
    EqualityResponse,
    Learning,
    LgscoCase,
    ServiceArea,
    Stage,
    Team,
)

CSC = "Children's Social Care"
NSC = "Children's Non-Social Care"
KEIRA = (
    "Although CHAD services acted to ensure Keira's immediate safety, the advice given to her "
    "to stay with her friend for the weekend should not have been issued without consent."
)
# Free text as the seed report writes it: anonymised, so the privacy check finds nothing.
LGSCO_SUMMARY = "Miss X complained that the Council failed to provide her son Y with education."
LGSCO_RECOMMENDATIONS = (
    "The Council will remind officers of its duty under Section 19 of the Education Act 1996."
)
LEARNING = "Ensure correct procedures are followed when seeking parental consent."
QUARTER_STARTS = ((4, 10), (7, 10), (10, 10), (1, 15))  # (month, day) inside each quarter


@dataclass
class World:
    csc: ServiceArea
    nsc: ServiceArea
    keira: Learning | None


def _day(fy_start: int, q: int, offset: int) -> date:
    month, day = QUARTER_STARTS[q]
    year = fy_start + 1 if month < 4 else fy_start
    return date(year, month, day) + timedelta(days=offset)


def build_world(
    *, scale: int = 3, keira: bool = False, years: tuple[int, ...] = (2021, 2022, 2023)
) -> World:
    """Cases, stages, Ombudsman cases, learning, compliments and equality forms.

    `scale` stage-1 and `scale` informal stages per quarter per service area per year.
    """
    children = Directorate.objects.create(name="Children's Services")
    csc = ServiceArea.objects.create(name=CSC, directorate=children)
    nsc = ServiceArea.objects.create(name=NSC, directorate=children)
    teams = {
        csc: Team.objects.create(name="CWAD", service_area=csc),
        nsc: Team.objects.create(name="SEN", service_area=nsc),
    }
    procedures = {csc: "children_statutory", nsc: "corporate"}
    cases: list[Case] = []
    stages: list[Stage] = []
    n = 0
    for fy in years:
        for area in (csc, nsc):
            for q in range(4):
                for i in range(2 * scale):
                    n += 1
                    started = _day(fy, q, i % 20)
                    formal = i < scale
                    case = Case(
                        reference=f"COM/{n}",
                        procedure=procedures[area],
                        service_area=area,
                        team=teams[area],
                        received=started,
                        complainant_type=("parent", "young_person", "grandparent", "")[i % 4],
                        child_in_care=(i % 3 == 0),
                        via_advocate=(i % 6 == 0),
                        theme=("communication", "professional_practice", "service_delay", "")[
                            i % 4
                        ],
                        summary=f"Summary of complaint {n}",
                        equality_form_sent=started,
                    )
                    cases.append(case)
                    late = i % 4 == 1
                    stages.append(
                        Stage(
                            case=case,
                            kind="stage1" if formal else "informal",
                            started=started,
                            due=started + timedelta(days=14),
                            responded=started + timedelta(days=21 if late else 7),
                            working_days_taken=15 if late else 5,
                            outcome=("upheld", "partly_upheld", "not_upheld", "withdrawn")[i % 4]
                            if formal
                            else "resolved",
                        )
                    )
    Case.objects.bulk_create(cases)
    for s in stages:
        s.case_id = s.case.pk
    # Each year: one stage 2 and (for the last year) one stage 3, with costs.
    for k, fy in enumerate(years):
        case = cases[k * len(cases) // len(years)]
        stages.append(
            Stage(
                case=case,
                kind="stage2",
                started=date(fy, 9, 1),
                due=date(fy, 10, 6),
                responded=date(fy, 10, 1),
                working_days_taken=22,
                outcome="partly_upheld",
                investigating_officer_cost=Decimal("3367.20"),
                independent_person_cost=Decimal("2117.74"),
            )
        )
        if fy == years[-1]:
            stages.append(
                Stage(
                    case=case,
                    kind="stage3",
                    started=date(fy, 11, 1),
                    due=date(fy, 12, 13),
                    investigating_officer_cost=Decimal("1000.00"),
                    additional_cost=Decimal("50.50"),
                )
            )
    Stage.objects.bulk_create(stages)
    lgsco, learnings, compliments, equality = [], [], [], []
    for fy in years:
        for q in range(4):
            for area in (csc, nsc):
                lgsco.append(
                    LgscoCase(
                        lgsco_reference=f"{fy % 100}{q}{area.pk:02d}{len(lgsco):04d}",
                        service_area=area,
                        case=cases[len(lgsco) % len(cases)],
                        received=_day(fy, q, 0),
                        decided=_day(fy, q, 30),
                        decision="upheld" if q % 2 else "not_upheld",
                        remedy_amount=Decimal("500.00") if q % 2 else None,
                        summary=LGSCO_SUMMARY,
                        recommendations=LGSCO_RECOMMENDATIONS,
                    )
                )
                learnings.append(
                    Learning(
                        key=f"L{len(learnings) + 1}",
                        service_area=area,
                        recorded=_day(fy, q, 5),
                        learning=LEARNING,
                        action="Staff reminded at the team meeting.",
                        status=("implemented", "in_progress")[q % 2],
                    )
                )
                compliments.append(
                    Compliment(
                        key=f"C{len(compliments) + 1}", received=_day(fy, q, 3), service_area=area
                    )
                )
            for j in range(3):
                equality.append(
                    EqualityResponse(
                        key=f"E{len(equality) + 1}",
                        received=_day(fy, q, j),
                        directorate=children,
                        gender=("female", "male", "")[j],
                        age_band=("25_34", "35_44", "45_54")[j],
                        ethnicity="white_british",
                        religion=("none", "christian", "")[j],
                        disability="none",
                    )
                )
    LgscoCase.objects.bulk_create(lgsco)
    Compliment.objects.bulk_create(compliments)
    EqualityResponse.objects.bulk_create(equality)
    keira_learning = None
    if keira:
        learnings.append(
            Learning(
                key="L-KEIRA",
                case=cases[-1],
                service_area=csc,
                recorded=date(years[-1], 12, 1),
                learning=KEIRA,
                action="Concerns shared with the service manager for CHAD.",
                status="implemented",
            )
        )
    Learning.objects.bulk_create(learnings)
    if keira:
        keira_learning = Learning.objects.get(key="L-KEIRA")
    return World(csc=csc, nsc=nsc, keira=keira_learning)


def report_finish(*, manager, year: str = "2023-24", preset: str = "children") -> None:
    """Write a narrative for every section of a preset and sign it off, as a manager would."""
    from complaintsdesk.reporting.annual.build import annual_report_build
    from complaintsdesk.reporting.annual.presets import PRESETS
    from complaintsdesk.reporting.narrative import narrative_save
    from complaintsdesk.reporting.signoff import report_sign_off

    for section in PRESETS[preset].sections:
        narrative_save(
            actor=manager, year=year, section=section, text="What the year showed.", preset=preset
        )
    if preset == "code":  # the Code report is complete only with the self-assessment answered
        from complaintsdesk.codecompliance.provisions import PROVISIONS
        from complaintsdesk.codecompliance.services import self_assessment_save

        for provision in PROVISIONS:
            self_assessment_save(
                actor=manager, year=year, provision=provision.ref, compliance="yes"
            )
    report = annual_report_build(year=year, edition="internal", preset=preset)
    report_sign_off(
        actor=manager,
        year=year,
        preset=preset,
        name="Sam Manager",
        role="Complaints manager",
        signed_on=date(2024, 6, 28),
        missing=report.missing,
    )
