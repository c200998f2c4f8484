"""Turn a public submission into records, through the same services staff use.

A complaint goes through `cases.services.case_create` (awaiting triage, channel `web`);
its documents are stored as staff uploads are; the team and the complainant are emailed
once the transaction commits.

Compliments and the anonymous responses have no service in `cases` yet, so their small
create functions live here. TODO(lead): move them to `cases.services` when it grows them.
"""

import uuid
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from django.db import transaction

from complaintsdesk.cases.models import (
    Case,
    Compliment,
    Directorate,
    EqualityResponse,
    FeedbackResponse,
    ServiceArea,
)
from complaintsdesk.cases.services import case_create, note_add
from complaintsdesk.cases.services_documents import document_upload
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.intake.timescales import Timescales, complaint_timescales, likely_procedure
from complaintsdesk.intake.uploads import (
    PendingUpload,
    pending_discard,
    pending_exists,
    pending_open,
)
from complaintsdesk.notifications.services import (
    acknowledgement_send,
    team_notify_case_received,
    team_notify_compliment_received,
)
from complaintsdesk.workflow import rules


@dataclass(frozen=True)
class ComplaintReceived:
    case: Case
    timescales: Timescales


def _documents_add(*, case: Case, uploads: list[PendingUpload]) -> None:
    for pending in uploads:
        if not pending_exists(pending):
            raise ServiceError(f"The file {pending.title} is no longer available. Upload it again.")
        with pending_open(pending) as file:
            document_upload(
                actor=None, case=case, title=pending.title, file=file, size=pending.size
            )
        # Kept until commit, so a failed submission can be sent again with its files.
        transaction.on_commit(partial(pending_discard, pending))


@transaction.atomic
def public_complaint_submit(
    *,
    route: str,
    service_area: ServiceArea,
    received: date,
    details: dict[str, Any],
    children: list[dict[str, Any]],
    uploads: list[PendingUpload],
    note: str = "",
) -> ComplaintReceived:
    """Create the case (awaiting triage), attach documents, tell the team, acknowledge."""
    procedure = likely_procedure(service_area)
    case = case_create(
        actor=None,
        procedure=procedure,
        service_area=service_area,
        received=received,
        channel="web",
        received_via="web_form",
        children=children,
        **details,
    )
    _documents_add(case=case, uploads=uploads)
    if note:
        note_add(actor=None, case=case, text=note)
    timescales = complaint_timescales(procedure=procedure, received=received)
    team_notify_case_received(case=case, route=route)
    acknowledgement_send(case=case, timescales=timescales, today=received)
    return ComplaintReceived(case=case, timescales=timescales)


def default_children_service_area() -> ServiceArea:
    """Where a young person's complaint goes when they are not sure which team."""
    areas = list(ServiceArea.objects.select_related("directorate").order_by("name"))
    if not areas:
        raise ServiceError("The council has not set up its services yet.")
    children = [a for a in areas if likely_procedure(a) == rules.CHILDREN]
    return (children or areas)[0]


@transaction.atomic
def compliment_create(*, service_area: ServiceArea, received: date, summary: str) -> Compliment:
    compliment = Compliment.objects.create(
        key=f"web-{uuid.uuid4().hex}", received=received, service_area=service_area, summary=summary
    )
    audit_record(actor=None, kind="compliment.created", obj=compliment, payload={"channel": "web"})
    team_notify_compliment_received(compliment=compliment)
    return compliment


# Anonymous responses: a random key, the date and the directorate only. No audit row is
# written for them: its time and object id would be one more thing to match against a case.


def equality_response_create(
    *, received: date, directorate: Directorate | None, answers: dict[str, Any]
) -> EqualityResponse:
    return EqualityResponse.objects.create(
        key=uuid.uuid4().hex,
        received=received,
        directorate=directorate,
        gender=answers.get("gender") or "",
        sexuality=answers.get("sexuality") or "",
        age_band=answers.get("age_band") or "",
        religion=answers.get("religion") or "",
        ethnicity=answers.get("ethnicity") or "",
        disability=";".join(answers.get("disability") or []),
    )


def feedback_response_create(
    *, received: date, directorate: Directorate | None, answers: dict[str, Any]
) -> FeedbackResponse:
    return FeedbackResponse.objects.create(
        received=received, directorate=directorate, answers={k: v for k, v in answers.items() if v}
    )
