"""Writes: saving a self-assessment answer (a new row each time), with its audit event."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from complaintsdesk.codecompliance.access import can_edit_self_assessment
from complaintsdesk.codecompliance.models import OmbudsmanAnnualFigures, SelfAssessmentAnswer
from complaintsdesk.codecompliance.ombudsman_csv import CsvProblems, figures_csv_read
from complaintsdesk.codecompliance.provisions import BY_REF, COMPLIANCE
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.reporting.figures import FinancialYear

MAX_TEXT = 5000


@transaction.atomic
def self_assessment_save(
    *,
    actor: Any,
    year: str,
    provision: str,
    compliance: str,
    explanation: str = "",
    evidence: str = "",
) -> SelfAssessmentAnswer:
    """Save the council's answer to one provision for one year, keeping every earlier one."""
    if not can_edit_self_assessment(actor):
        raise ServiceError("Only the complaints manager answers the self-assessment.")
    try:
        FinancialYear.parse(year)
    except ValueError as error:
        raise ServiceError(str(error), field="year") from error
    if provision not in BY_REF:
        raise ServiceError(f"The Code has no provision {provision!r}.", field="provision")
    if compliance not in COMPLIANCE:
        raise ServiceError("Choose yes, partly or no.", field="compliance")
    explanation, evidence = explanation.strip(), evidence.strip()
    if compliance != "yes" and not explanation:
        raise ServiceError(
            "Explain why the council does not fully comply, and what it will do.",
            field="explanation",
        )
    for name, value in (("explanation", explanation), ("evidence", evidence)):
        if len(value) > MAX_TEXT:
            raise ServiceError(f"Keep the {name} under {MAX_TEXT:,} characters.", field=name)
    answer = SelfAssessmentAnswer.objects.create(
        year=year,
        provision=provision,
        compliance=compliance,
        explanation=explanation,
        evidence=evidence,
        saved_by=actor,
    )
    audit_record(
        actor=actor,
        kind="code.self_assessment_saved",
        obj=answer,
        payload={"year": year, "provision": provision, "compliance": compliance},
    )
    return answer


def ombudsman_figures_import(*, actor: Any, data: bytes) -> list[OmbudsmanAnnualFigures]:
    """Store the Ombudsman's figures, one row per year (a year imported again is replaced);
    all or nothing."""
    if not can_edit_self_assessment(actor):
        raise ServiceError("Only the complaints manager imports the Ombudsman's figures.")
    try:
        rows = figures_csv_read(data)
    except CsvProblems as problems:
        raise ServiceError(" ".join(problems.problems), field="file") from problems
    stored = []
    with transaction.atomic():
        for row in rows:
            figures, _ = OmbudsmanAnnualFigures.objects.update_or_create(
                year=row.year,
                defaults={
                    "decisions": row.decisions,
                    "upheld_rate": row.upheld_rate,
                    "compliance_rate": row.compliance_rate,
                    "remedies_satisfactory": row.remedies_satisfactory,
                    "imported_by": actor,
                },
            )
            stored.append(figures)
        audit_record(
            actor=actor,
            kind="code.ombudsman_figures_imported",
            payload={"years": [r.year for r in rows]},
        )
    return stored
