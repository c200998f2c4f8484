"""The published edition's privacy gate: findings, acceptances, redactions, the refusal.

Publication is refused while any free-text field of the report holds a finding that has
been neither redacted (the source record edited) nor accepted by a named person.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from complaintsdesk.cases.models import Case, Compliment, Learning, LgscoCase, LgscoRecommendation
from complaintsdesk.cases.services import case_update
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.reporting.annual.model import FreeText, OpenFinding, Report
from complaintsdesk.reporting.models import PrivacyAcceptance
from complaintsdesk.reporting.privacy import KINDS, text_findings

# The fields a redaction may edit, per record type: exactly the free text a report prints.
EDITABLE: dict[str, tuple[type[Any], tuple[str, ...]]] = {
    "case": (Case, ("summary",)),
    "lgsco_case": (LgscoCase, ("summary", "recommendations")),
    "learning": (Learning, ("learning", "action")),
    "lgsco_recommendation": (LgscoRecommendation, ("description",)),
    "compliment": (Compliment, ("summary",)),
}
# Self-assessment answers, like narratives, are redacted by saving a new version of them.


class PublicationBlocked(ServiceError):
    """The published edition cannot be released yet; `reasons` says what to do first."""

    findings: tuple[OpenFinding, ...] = ()
    reasons: tuple[str, ...] = ()


class PublicationRefused(PublicationBlocked):
    """The published edition cannot be released: personal data found and not dealt with."""

    def __init__(self, findings: tuple[OpenFinding, ...]) -> None:
        self.findings = findings
        records = sorted({f.source.label for f in findings})
        self.reasons = tuple(records)
        super().__init__(
            f"Publication refused: {len(findings)} possible personal data finding(s) not yet "
            f"redacted or accepted, in: " + "; ".join(records)
        )


class PublicationIncomplete(PublicationBlocked):
    """The report is not finished: sections without narrative, unanswered items."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        self.reasons = missing
        super().__init__(
            f"Publication refused: the report is not complete ({len(missing)} item(s) to "
            "finish before it can be signed off and published)"
        )


class PublicationNotSignedOff(PublicationBlocked):
    def __init__(self) -> None:
        self.reasons = ("Sign-off by a named complaints manager",)
        super().__init__(
            "Publication refused: the report is complete but not signed off (or a narrative "
            "was edited after its sign-off): a complaints manager must sign it off first"
        )


def open_findings(texts: Iterable[FreeText]) -> tuple[OpenFinding, ...]:
    """Findings in `texts` minus those accepted: one query for the acceptances."""
    texts = [t for t in texts if t.text]
    accepted = set(
        PrivacyAcceptance.objects.filter(record_id__in={t.record_id for t in texts}).values_list(
            "record_type", "record_id", "field", "finding_hash"
        )
    )
    out = []
    for t in texts:
        for f in text_findings(t.text):
            if (t.record_type, t.record_id, t.field, f.key) not in accepted:
                out.append(OpenFinding(t, f.kind, KINDS[f.kind], f.text, f.key))
    return tuple(out)


def report_publish_check(report: Report) -> None:
    """Raise PublicationRefused unless the report may be released as the published edition."""
    if report.edition != "published":
        raise ServiceError("Only the published edition is released outside the complaints team")
    if report.kind == "annual":  # an annual report is finished and signed before release
        if report.missing:
            raise PublicationIncomplete(report.missing)
        if report.signoff is None:
            raise PublicationNotSignedOff()
    if report.findings:
        raise PublicationRefused(report.findings)


def privacy_accept(*, actor: Any, finding: OpenFinding, reason: str = "") -> PrivacyAcceptance:
    """A named person accepts one finding as safe to publish (e.g. a staff role, not a person)."""
    if not getattr(actor, "is_authenticated", False):
        raise ServiceError("Only a signed-in person can accept a finding")
    s = finding.source
    with transaction.atomic():
        acceptance, _ = PrivacyAcceptance.objects.get_or_create(
            record_type=s.record_type,
            record_id=s.record_id,
            field=s.field,
            finding_hash=finding.finding_hash,
            defaults={"finding_kind": finding.kind, "accepted_by": actor, "reason": reason[:200]},
        )
        audit_record(
            actor=actor,
            kind="report.privacy_accepted",
            obj=acceptance,
            payload={
                "record_type": s.record_type,
                "record_id": s.record_id,
                "field": s.field,
                "kind": finding.kind,
            },
        )
    return acceptance


def privacy_redact(*, actor: Any, record_type: str, record_id: str, field: str, text: str) -> None:
    """Replace one free-text field of its source record (the redaction), with an audit event.

    A case's summary goes through `case_update` (its optimistic lock and audit); narratives
    are redacted by saving a new version (`narrative_save`), not here.
    """
    if record_type not in EDITABLE or field not in EDITABLE[record_type][1]:
        raise ServiceError(f"{record_type}.{field} is not a field a report prints")
    model = EDITABLE[record_type][0]
    with transaction.atomic():
        record = model.objects.select_for_update().get(pk=record_id)
        if record_type == "case":
            case_update(actor=actor, case=record, expected_version=None, **{field: text})
        else:
            # Learning and Ombudsman text are written here: `learning_update` cannot change
            # the `learning` field (its keyword clashes with the record argument) and
            # Ombudsman cases have no edit service. The audit event below records it.
            setattr(record, field, text.strip())
            record.save(update_fields=[field])
        reference = getattr(record, "reference", "") or getattr(
            getattr(record, "case", None), "reference", ""
        )
        audit_record(
            actor=actor,
            kind="report.privacy_redacted",
            case_reference=reference or "",
            obj=record,
            payload={"record_type": record_type, "field": field},
        )
