"""Ombudsman (LGSCO) cases: created when an enquiry arrives, then a decision, then compliance."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from complaintsdesk.cases.models import Case, LgscoCase, ServiceArea
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
