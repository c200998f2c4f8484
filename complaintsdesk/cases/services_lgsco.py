"""Ombudsman (LGSCO) cases: created when an enquiry arrives, then a decision, then compliance."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from complaintsdesk.cases.models import Case, LgscoCase, LgscoRecommendation, ServiceArea
from complaintsdesk.cases.writable import case_write
from complaintsdesk.core import vocabulary as v
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError


def _reference(lgsco: LgscoCase) -> str:
    if not lgsco.case_id:
        return ""
    case = lgsco.case
    assert case is not None  # case_id is set
    return case.reference


@transaction.atomic
@case_write
def lgsco_case_create(
    *,
    actor: Any,
    lgsco_reference: str,
    service_area: ServiceArea,
    received: date,
    case: Case | None = None,
    summary: str = "",
) -> LgscoCase:
    lgsco_reference = lgsco_reference.strip()
    if not lgsco_reference:
        raise ServiceError("Enter the Ombudsman's reference.", field="lgsco_reference")
    if LgscoCase.objects.filter(lgsco_reference=lgsco_reference).exists():
        raise ServiceError(
            f"Ombudsman case {lgsco_reference} already exists.", field="lgsco_reference"
        )
    lgsco = LgscoCase.objects.create(
        lgsco_reference=lgsco_reference,
        case=case,
        service_area=service_area,
        received=received,
        summary=summary.strip(),
    )
    audit_record(
        actor=actor,
        kind="lgsco.created",
        case_reference=_reference(lgsco),
        obj=lgsco,
        payload={"lgsco_reference": lgsco_reference},
    )
    return lgsco


@transaction.atomic
@case_write
def lgsco_decision_record(
    *,
    actor: Any,
    lgsco: LgscoCase,
    decision: str,
    decided: date,
    remedy_amount: Decimal | None = None,
    remedy_ongoing: bool = False,
    recommendations: str = "",
    compliance_due: date | None = None,
) -> LgscoCase:
    if decision not in v.LGSCO_DECISION:
        raise ServiceError("Choose the Ombudsman's decision.", field="decision")
    if decided < lgsco.received:
        raise ServiceError(
            "The decision cannot be before the enquiry was received.", field="decided"
        )
    if remedy_amount is not None and remedy_amount < 0:
        raise ServiceError("The remedy amount cannot be negative.", field="remedy_amount")
    if recommendations.strip() and compliance_due is None:
        raise ServiceError("Give the date the recommendations are due.", field="compliance_due")
    lgsco.decision, lgsco.decided = decision, decided
    lgsco.remedy_amount, lgsco.remedy_ongoing = remedy_amount, remedy_ongoing
    lgsco.recommendations, lgsco.compliance_due = recommendations.strip(), compliance_due
    lgsco.save()
    audit_record(
        actor=actor,
        kind="lgsco.decided",
        case_reference=_reference(lgsco),
        obj=lgsco,
        payload={"decision": decision, "decided": decided.isoformat()},
    )
    return lgsco


@transaction.atomic
@case_write
def lgsco_compliance_record(*, actor: Any, lgsco: LgscoCase, complied: date) -> LgscoCase:
    if not lgsco.recommendations:
        raise ServiceError(
            "This Ombudsman case has no recommendations to comply with.", field="complied"
        )
    if lgsco.decided and complied < lgsco.decided:
        raise ServiceError("Compliance cannot be before the decision.", field="complied")
    lgsco.complied = complied
    lgsco.save(update_fields=["complied"])
    on_time = lgsco.compliance_due is None or complied <= lgsco.compliance_due
    audit_record(
        actor=actor,
        kind="lgsco.complied",
        case_reference=_reference(lgsco),
        obj=lgsco,
        payload={"complied": complied.isoformat(), "on_time": on_time},
    )
    return lgsco


@transaction.atomic
@case_write
def lgsco_recommendation_add(
    *,
    actor: Any,
    lgsco: LgscoCase,
    kind: str,
    due: date,
    description: str = "",
    amount: Decimal | None = None,
) -> LgscoRecommendation:
    """One recommendation of a decided Ombudsman case, to be tracked to compliance."""
    if kind not in v.LGSCO_RECOMMENDATION:
        raise ServiceError("Choose the type of recommendation.", field="kind")
    if lgsco.decided is None:
        raise ServiceError(
            "Record the Ombudsman's decision before its recommendations.", field="kind"
        )
    if due < lgsco.decided:
        raise ServiceError("The due date cannot be before the decision.", field="due")
    if amount is not None and amount < 0:
        raise ServiceError("The amount cannot be negative.", field="amount")
    if kind == "financial_remedy" and amount is None:
        raise ServiceError("Give the amount of the financial remedy.", field="amount")
    if kind != "financial_remedy" and amount is not None:
        raise ServiceError("Only a financial remedy has an amount.", field="amount")
    recommendation = LgscoRecommendation.objects.create(
        lgsco_case=lgsco, kind=kind, due=due, description=description.strip(), amount=amount
    )
    audit_record(
        actor=actor,
        kind="lgsco.recommendation_added",
        case_reference=_reference(lgsco),
        obj=recommendation,
        payload={"lgsco_reference": lgsco.lgsco_reference, "kind": kind, "due": due.isoformat()},
    )
    return recommendation


@transaction.atomic
@case_write
def lgsco_recommendation_comply(
    *,
    actor: Any,
    recommendation: LgscoRecommendation,
    complied: date,
    evidence: str,
    remedy_paid: date | None = None,
) -> LgscoRecommendation:
    """The council complied, with the evidence it sent the Ombudsman; a financial remedy
    needs the date it was paid."""
    lgsco = recommendation.lgsco_case
    if recommendation.complied is not None:
        raise ServiceError("This recommendation is already complied with.", field="complied")
    if lgsco.decided and complied < lgsco.decided:
        raise ServiceError("Compliance cannot be before the decision.", field="complied")
    if not evidence.strip():
        raise ServiceError("Give the evidence sent to the Ombudsman.", field="evidence")
    if recommendation.kind == "financial_remedy" and remedy_paid is None:
        raise ServiceError("Give the date the remedy was paid.", field="remedy_paid")
    if recommendation.kind != "financial_remedy" and remedy_paid is not None:
        raise ServiceError("Only a financial remedy is paid.", field="remedy_paid")
    if remedy_paid is not None and lgsco.decided and remedy_paid < lgsco.decided:
        raise ServiceError("The payment cannot be before the decision.", field="remedy_paid")
    recommendation.complied, recommendation.evidence = complied, evidence.strip()
    recommendation.remedy_paid = remedy_paid
    recommendation.save(update_fields=["complied", "evidence", "remedy_paid"])
    audit_record(
        actor=actor,
        kind="lgsco.recommendation_complied",
        case_reference=_reference(lgsco),
        obj=recommendation,
        payload={
            "lgsco_reference": lgsco.lgsco_reference,
            "complied": complied.isoformat(),
            "on_time": complied <= recommendation.due,
        },
    )
    return recommendation
