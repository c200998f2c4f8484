"""Map each route's answers onto the services' arguments: the only place routes differ."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from complaintsdesk.cases.models import ServiceArea
from complaintsdesk.core import vocabulary as v
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.intake.journeys import Answers, Journey
from complaintsdesk.intake.models import Submission
from complaintsdesk.intake.services import (
    compliment_create,
    default_children_service_area,
    public_complaint_submit,
)
from complaintsdesk.intake.uploads import PendingUpload
from complaintsdesk.workflow.rules import format_date

CONSENT = {"yes": True, "no": False, "unable": None}


@dataclass(frozen=True)
class Outcome:
    kind: str
    reference: str = ""
    respond_by: date | None = None
    emailed: bool = False


def _flat(answers: Answers) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for step_answers in answers.values():
        out.update(step_answers)
    return out


def _service_area(value: str | None) -> ServiceArea:
    if not value or value == "not_sure":
        return default_children_service_area()
    area = ServiceArea.objects.select_related("directorate").filter(pk=value).first()
    if area is None:
        raise ServiceError(
            "Select the service again: the one chosen is no longer available.", field="service_area"
        )
    return area


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _child(a: dict[str, Any]) -> dict[str, Any]:
    return {"name": a["child_name"], "date_of_birth": _date(a.get("child_date_of_birth"))}


def _contact(a: dict[str, Any]) -> dict[str, Any]:
    return {
        "complainant_name": a.get("name", ""),
        "complainant_email": a.get("email", ""),
        "complainant_phone": a.get("phone", ""),
    }


def journey_submit(
    *, journey: Journey, answers: Answers, uploads: list[PendingUpload], today: date
) -> Outcome:
    a = _flat(answers)
    if journey.kind == "compliment":
        compliment_create(
            service_area=_service_area(a.get("service_area")), received=today, summary=a["summary"]
        )
        return Outcome(kind="compliment")

    children: list[dict[str, Any]] = []
    note = ""
    details: dict[str, Any] = {
        "summary": a["summary"],
        "desired_outcome": a.get("desired_outcome", ""),
        # Asked on the complaint and advocate routes; blank when the person is not sure.
        "events_date": _date(a.get("events_date")),
    }
    if journey.slug == "complaint":
        details.update(_contact(a), via_advocate=False)
        if a.get("about") == "child":
            details.update(
                complainant_type=a["relationship"],
                relationship_to_child=v.COMPLAINANT_TYPE[a["relationship"]],
                consent_to_act=CONSENT[a["consent"]],
            )
            children.append(_child(a))
        else:
            details["complainant_type"] = "individual"
    elif journey.slug == "young-person":
        details.update(_contact(a), complainant_type="young_person", via_advocate=False)
        if a.get("wants_advocate") == "yes":
            note = "The young person asked for an advocate to help them (public form)."
    elif journey.slug == "advocate":
        details.update(
            _contact(a),
            complainant_type="advocate",
            via_advocate=True,
            advocacy_service=a["advocacy_service"],
            relationship_to_child="Advocate",
            consent_to_act=True,
        )
        children.append(_child(a))
    else:
        raise ValueError(f"Unknown journey {journey.slug}")

    received = public_complaint_submit(
        route="complaint from a young person"
        if journey.slug == "young-person"
        else "complaint from an advocate"
        if journey.slug == "advocate"
        else "complaint",
        service_area=_service_area(a.get("service_area")),
        received=today,
        details=details,
        children=children,
        uploads=uploads,
        note=note,
    )
    return Outcome(
        kind="complaint",
        reference=received.case.reference,
        respond_by=received.timescales.respond_by,
        emailed=bool(received.case.complainant_email),
    )


def journey_submit_once(
    *, token: str, journey: Journey, answers: Answers, uploads: list[PendingUpload], today: date
) -> dict[str, Any]:
    """Send the journey unless its token was sent already; either way, its confirmation.

    The token is claimed first, inside the transaction that makes the case: a second request
    with the same token waits for the first (PostgreSQL: the unique index; SQLite: the one
    writer) and then fails to claim it, makes nothing, and reads the first one's confirmation.
    """
    sent = Submission.objects.filter(token=token).first()
    if sent is None:
        try:
            with transaction.atomic():
                sent = Submission.objects.create(token=token, journey=journey.slug)
                outcome = journey_submit(
                    journey=journey, answers=answers, uploads=uploads, today=today
                )
                sent.confirmation = {
                    "journey": journey.slug,
                    "reference": outcome.reference,
                    "respond_by": format_date(outcome.respond_by) if outcome.respond_by else "",
                    "emailed": outcome.emailed,
                }
                sent.save(update_fields=["confirmation"])
        except IntegrityError:
            sent = Submission.objects.filter(token=token).first()
            if sent is None:  # a clash on something other than the token
                raise
    return dict(sent.confirmation)
