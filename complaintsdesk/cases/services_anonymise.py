"""Removing a case's personal data while keeping what the figures read (retention, erasure).

What goes: the complainant's details, the summary and desired outcome, the children's names,
birth dates and case-system ids, notes' text, the reasons for extensions, appointees' typed
names, an Ombudsman case's summary and recommendations, and every document (rows now, files
once the change commits). What stays: the reference, dates, procedure, service area, team,
codes (complainant type, theme, outcome, in care, via an advocate), stages, costs and every
audit event, so each report figure of every year is the same before and after
(tests/privacy/test_statistics_survive.py). Written in bulk, a chunk of cases per statement,
because the retention job anonymises thousands of cases at once.
"""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F

from complaintsdesk.cases.models import (
    Appointment,
    Case,
    Child,
    Document,
    LgscoCase,
    Note,
    Stage,
)
from complaintsdesk.cases.services_documents import document_path
from complaintsdesk.core.models import AuditEvent

ANONYMISED_NOTE = "[Removed when the case was anonymised]"
CASE_BLANKS: dict[str, Any] = {
    "complainant_name": "",
    "complainant_email": "",
    "complainant_phone": "",
    "complainant_address": "",
    "relationship_to_child": "",
    "advocacy_service": "",
    "summary": "",
    "desired_outcome": "",
}
CHUNK = 500


@dataclass
class Anonymised:
    references: list[str] = field(default_factory=list)
    documents_deleted: int = 0


def _actor_id(actor: Any) -> int | None:
    return actor.pk if getattr(actor, "is_authenticated", False) else None


def _documents_delete(case_ids: list[int], *, actor: Any, why: str) -> int:
    """Delete the cases' documents: rows now, files after commit. Audited per document."""
    documents = list(
        Document.objects.filter(case_id__in=case_ids).values_list(
            "pk", "storage_name", "case__reference"
        )
    )
    if not documents:
        return 0
    paths = [document_path(Document(storage_name=name)) for _, name, _ in documents]
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor_id=_actor_id(actor),
            kind="document.deleted_by_retention",
            case_reference=reference,
            object_type="document",
            object_id=str(pk),
            payload={"why": why},
        )
        for pk, _, reference in documents
    )
    Document.objects.filter(pk__in=[pk for pk, _, _ in documents]).delete()

    def unlink(files: list[Path] = paths) -> None:
        for path in files:
            path.unlink(missing_ok=True)

    transaction.on_commit(unlink)
    return len(documents)


@transaction.atomic
def cases_anonymise(*, actor: Any, case_ids: list[int], why: str, now: datetime) -> Anonymised:
    """Anonymise these cases (those not already anonymised); `why` is "retention" or
    "erasure", recorded on each case's audit trail. Returns the references done."""
    done = Anonymised()
    for start in range(0, len(case_ids), CHUNK):
        chunk = case_ids[start : start + CHUNK]
        pending = dict(
            Case.objects.filter(pk__in=chunk, anonymised_at__isnull=True).values_list(
                "pk", "reference"
            )
        )
        if not pending:
            continue
        ids = list(pending)
        # The version moves on, so an edit form opened before cannot write the data back.
        Case.objects.filter(pk__in=ids).update(
            **CASE_BLANKS, anonymised_at=now, version=F("version") + 1
        )
        Child.objects.filter(case_id__in=ids).update(name="", date_of_birth=None, case_system_id="")
        Note.objects.filter(case_id__in=ids).update(text=ANONYMISED_NOTE)
        Stage.objects.filter(case_id__in=ids).exclude(extension_reason="").update(
            extension_reason=""
        )
        Appointment.objects.filter(stage__case_id__in=ids).exclude(name="").update(name="")
        LgscoCase.objects.filter(case_id__in=ids).update(summary="", recommendations="")
        done.documents_deleted += _documents_delete(ids, actor=actor, why=why)
        AuditEvent.objects.bulk_create(
            AuditEvent(
                actor_id=_actor_id(actor),
                kind="case.anonymised",
                case_reference=reference,
                object_type="case",
                object_id=str(pk),
                payload={"why": why},
            )
            for pk, reference in pending.items()
        )
        done.references.extend(pending.values())
    return done


@transaction.atomic
def case_documents_expire(*, actor: Any, case_ids: list[int]) -> int:
    """Delete the documents of cases past the documents' retention period."""
    deleted = 0
    for start in range(0, len(case_ids), CHUNK):
        deleted += _documents_delete(case_ids[start : start + CHUNK], actor=actor, why="retention")
    return deleted
