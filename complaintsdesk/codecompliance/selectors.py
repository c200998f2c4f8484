"""Reads: the year's self-assessment, with the evidence the records give and the flags."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q

from complaintsdesk.cases.models import Learning, LgscoCase, LgscoRecommendation, Stage
from complaintsdesk.codecompliance.evidence import (
    Figure,
    RemedyFacts,
    StageFacts,
    contradictions,
    evidence_count,
)
from complaintsdesk.codecompliance.models import OmbudsmanAnnualFigures, SelfAssessmentAnswer
from complaintsdesk.codecompliance.provisions import PROVISIONS, SECTIONS, Provision
from complaintsdesk.deadlines.selectors import calendar_current
from complaintsdesk.reporting.figures import FinancialYear
from complaintsdesk.workflow import rules


@dataclass(frozen=True)
class ProvisionView:
    provision: Provision
    answer: SelfAssessmentAnswer | None  # the latest saved
    history: list[SelfAssessmentAnswer]  # every saved answer, newest first
    figures: list[Figure]
    flags: list[str]  # where the figures contradict the answer


@dataclass(frozen=True)
class SelfAssessment:
    year: FinancialYear
    provisions: list[ProvisionView]
    figures: dict[str, Figure]
    threshold_pct: float

    @property
    def unanswered(self) -> list[str]:
        return [p.provision.ref for p in self.provisions if p.answer is None]

    @property
    def flagged(self) -> list[ProvisionView]:
        return [p for p in self.provisions if p.flags]

    @property
    def sections(self) -> list[tuple[str, str, list[ProvisionView]]]:
        grouped: dict[str, list[ProvisionView]] = defaultdict(list)
        for p in self.provisions:
            grouped[p.provision.section].append(p)
        return [(number, title, grouped[number]) for number, title in SECTIONS.items()]

    def provision(self, ref: str) -> ProvisionView | None:
        return next((p for p in self.provisions if p.provision.ref == ref), None)


def code_evidence(
    *, year: FinancialYear, today: date, service_areas: Collection[str] | None = None
) -> dict[str, Figure]:
    """The evidence figures of the year: five queries, whatever the number of records.
    `service_areas`: only these (by name), for a report scoped to a directorate or area."""
    calendar = calendar_current()  # closure days: one query
    corporate = Stage.objects.filter(
        case__procedure=rules.CORPORATE, kind__in=(rules.STAGE1, rules.STAGE2)
    )
    recommendations = LgscoRecommendation.objects.all()
    learnings = Learning.objects.all()
    if service_areas is not None:
        corporate = corporate.filter(case__service_area__name__in=service_areas)
        recommendations = recommendations.filter(lgsco_case__service_area__name__in=service_areas)
        learnings = learnings.filter(service_area__name__in=service_areas)
    stages = [
        StageFacts(**row)
        for row in corporate.filter(started__range=(year.start, year.end))
        .annotate(
            has_reason=ExpressionWrapper(~Q(extension_reason=""), output_field=BooleanField())
        )
        .values("kind", "started", "acknowledged", "responded", "extended_to", "has_reason")
    ]
    stage1_answered = corporate.filter(
        kind=rules.STAGE1, responded__range=(year.start, year.end)
    ).count()
    remedies = [
        RemedyFacts(**row)
        for row in recommendations.filter(due__range=(year.start, year.end)).values(
            "kind", "due", "complied", "amount"
        )
    ]
    learning = learnings.filter(recorded__range=(year.start, year.end)).aggregate(
        recorded=Count("id"), implemented=Count("id", filter=Q(status="implemented"))
    )
    return evidence_count(
        stages=stages,
        stage1_answered=stage1_answered,
        remedies=remedies,
        learning_recorded=learning["recorded"],
        learning_implemented=learning["implemented"],
        calendar=calendar,
        today=today,
    )


def self_assessment_get(
    *,
    year: str | FinancialYear,
    today: date,
    service_areas: Collection[str] | None = None,
) -> SelfAssessment:
    """Every provision with its latest answer, history, evidence and flags (six queries).
    The answers are the council's; `service_areas` narrows only the evidence.

    Raises ValueError for a year that is not a financial year ("2026-27")."""
    fy = year if isinstance(year, FinancialYear) else FinancialYear.parse(year)
    figures = code_evidence(year=fy, today=today, service_areas=service_areas)
    threshold = float(settings.CODE_ON_TIME_THRESHOLD_PCT)
    history: dict[str, list[SelfAssessmentAnswer]] = defaultdict(list)
    for answer in SelfAssessmentAnswer.objects.filter(year=fy.label).select_related("saved_by"):
        history[answer.provision].append(answer)  # newest first: the model's ordering
    views = []
    for p in PROVISIONS:
        answers = history.get(p.ref, [])
        latest = answers[0] if answers else None
        flags = []
        if latest is not None and latest.compliance == "yes":
            flags = contradictions(p.evidence, figures, threshold_pct=threshold)
        views.append(ProvisionView(p, latest, answers, [figures[k] for k in p.evidence], flags))
    return SelfAssessment(fy, views, figures, threshold)


@dataclass(frozen=True)
class ReconciliationLine:
    measure: str
    ombudsman: str
    council: str
    differs: bool | None  # None: one side has no figure
    note: str = ""


@dataclass(frozen=True)
class Reconciliation:
    year: FinancialYear
    imported: OmbudsmanAnnualFigures | None
    lines: list[ReconciliationLine]

    @property
    def differences(self) -> list[ReconciliationLine]:
        return [line for line in self.lines if line.differs]


def _pct(count: int, of: int) -> Decimal | None:
    return (Decimal(100 * count) / of).quantize(Decimal("0.1")) if of else None


def _shown(value: object) -> str:
    if value is None:
        return "Not known"
    return f"{value}%" if isinstance(value, Decimal) else f"{value:,}"


def council_ombudsman_figures(*, year: FinancialYear) -> dict[str, Any]:
    """The council's own records counted as the Ombudsman counts (one query): decisions made
    in the year; upheld as a share of upheld and not upheld (its investigations); compliance
    as the share of its cases with recommendations where every one was met by its due date."""
    cases = list(
        LgscoCase.objects.filter(decided__range=(year.start, year.end))
        .exclude(decision="")
        .annotate(
            records=Count("recommendation_records"),
            met=Count(
                "recommendation_records",
                filter=Q(recommendation_records__complied__lte=F("recommendation_records__due")),
            ),
        )
        .values("decision", "recommendations", "compliance_due", "complied", "records", "met")
    )
    upheld = sum(1 for c in cases if c["decision"] == "upheld")
    investigated = sum(1 for c in cases if c["decision"] in ("upheld", "not_upheld"))
    with_recs = [c for c in cases if c["records"] or c["recommendations"]]
    complied = sum(
        1
        for c in with_recs
        if (c["records"] and c["met"] == c["records"])
        or (
            not c["records"]
            and c["complied"] is not None
            and (c["compliance_due"] is None or c["complied"] <= c["compliance_due"])
        )
    )
    return {
        "decisions": len(cases),
        "upheld_rate": _pct(upheld, investigated),
        "compliance_rate": _pct(complied, len(with_recs)),
        "remedies_satisfactory": None,  # the council's records do not say
        "counts": {
            "upheld": upheld,
            "investigated": investigated,
            "with_recs": len(with_recs),
            "complied": complied,
        },
    }


def ombudsman_reconciliation(*, year: str | FinancialYear) -> Reconciliation:
    """Where the council's own records differ from the Ombudsman's published figures."""
    fy = year if isinstance(year, FinancialYear) else FinancialYear.parse(year)
    imported = OmbudsmanAnnualFigures.objects.filter(year=fy.label).first()
    ours = council_ombudsman_figures(year=fy)
    n = ours["counts"]
    measures = (
        ("decisions", "Decisions", f"decided in {fy.label}"),
        ("upheld_rate", "Upheld rate", f"{n['upheld']} upheld of {n['investigated']} investigated"),
        (
            "compliance_rate",
            "Compliance with recommendations",
            f"{n['complied']} of {n['with_recs']} cases met every recommendation on time",
        ),
        (
            "remedies_satisfactory",
            "Satisfactory remedy already offered by the council",
            "The council's records do not hold this: the Ombudsman's figure stands.",
        ),
    )
    lines = []
    for key, label, note in measures:
        theirs = getattr(imported, key) if imported else None
        mine = ours[key]
        differs = None if theirs is None or mine is None else Decimal(theirs) != Decimal(mine)
        lines.append(ReconciliationLine(label, _shown(theirs), _shown(mine), differs, note))
    return Reconciliation(fy, imported, lines)


def provisions_unanswered(*, year: str) -> list[str]:
    """The refs of the provisions with no answer saved for `year` (one query): what the
    Code report's completeness check names."""
    answered = set(
        SelfAssessmentAnswer.objects.filter(year=year).values_list("provision", flat=True)
    )
    return [p.ref for p in PROVISIONS if p.ref not in answered]
