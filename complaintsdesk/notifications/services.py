"""The messages the system sends. Each renders one template and is delivered in the background."""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from complaintsdesk.cases.models import Case, Compliment
from complaintsdesk.cases.services import case_update
from complaintsdesk.core.audit import audit_record
from complaintsdesk.correspondence.services import correspondence_record_sent
from complaintsdesk.intake.timescales import Timescales
from complaintsdesk.notifications.email import RenderedEmail, email_send
from complaintsdesk.notifications.links import equality_form_url, feedback_form_url, public_url
from complaintsdesk.workflow.rules import format_date


def _council() -> str:
    return str(settings.COMPLAINTSDESK.get("COUNCIL_NAME", "The council"))


def team_notify_case_received(*, case: Case, route: str) -> RenderedEmail:
    """Tell the complaints team a case arrived online. No personal data: they sign in to read it."""
    return email_send(
        template="case_received_team",
        to=[settings.COMPLAINTS_TEAM_EMAIL],
        context={
            "case": case,
            "route": route,
            "received": format_date(case.received),
            "documents": case.documents.count(),
            "sign_in_url": public_url("/"),
        },
    )


def team_notify_compliment_received(*, compliment: Compliment) -> RenderedEmail:
    return email_send(
        template="compliment_received_team",
        to=[settings.COMPLAINTS_TEAM_EMAIL],
        context={"compliment": compliment, "received": format_date(compliment.received)},
    )


@transaction.atomic
def acknowledgement_send(
    *, case: Case, timescales: Timescales, today: date
) -> RenderedEmail | None:
    """Acknowledge receipt to the complainant, with the anonymous equality form's link.

    Records `equality_form_sent` on the case (the uptake denominator of figures.md); the link
    itself is the same for everyone in the directorate, so a response cannot be traced back.
    """
    if not case.complainant_email:
        return None
    rendered = email_send(
        template="acknowledgement",
        to=[case.complainant_email],
        context={
            "council": _council(),
            "case": case,
            "name": case.complainant_name,
            "acknowledge_by": format_date(timescales.acknowledge_by)
            if timescales.acknowledge_by
            else "",
            "respond_by": format_date(timescales.respond_by),
            "equality_url": equality_form_url(case.service_area.directorate),
        },
    )
    case_update(actor=None, case=case, expected_version=None, equality_form_sent=today)
    # What was sent, for the case's timeline: the kind only, never the address or the words.
    audit_record(
        actor=None, kind="case.acknowledgement_emailed", case_reference=case.reference, obj=case
    )
    # Kept on the case with the letters the team writes (issue 14: everything sent).
    correspondence_record_sent(
        case=case,
        kind="acknowledgement",
        subject=rendered.subject,
        body=rendered.body,
        recipient=case.complainant_email,
    )
    return rendered


@transaction.atomic
def feedback_invite_send(case: Case) -> RenderedEmail | None:
    """Invite the complainant to the anonymous feedback survey after their case closed."""
    if not case.complainant_email:
        return None
    rendered = email_send(
        template="feedback_invite",
        to=[case.complainant_email],
        context={
            "council": _council(),
            "case": case,
            "name": case.complainant_name,
            "feedback_url": feedback_form_url(case.service_area.directorate),
        },
    )
    # The invitation is recorded against the case; the survey answers never are.
    audit_record(actor=None, kind="case.feedback_invited", case_reference=case.reference, obj=case)
    return rendered


def reminder_send(
    *, to: list[str], kind: str, subject_line: str, lines: list[str]
) -> RenderedEmail:
    return email_send(
        template="reminder",
        to=to,
        context={
            "kind": kind,
            "subject_line": subject_line,
            "lines": lines,
            "sign_in_url": public_url("/"),
        },
    )


def owner_notify_assigned(*, owner: Any, actor: Any, references: list[str]) -> RenderedEmail:
    """Tell someone they now own cases: references and a sign-in link, no personal data."""
    by = ""
    if getattr(actor, "is_authenticated", False):
        by = actor.get_full_name() or actor.get_username()
    return email_send(
        template="case_assigned",
        to=[owner.email],
        context={
            "references": references,
            "by": by,
            "sign_in_url": public_url("/"),
            "case_urls": [public_url(reverse("cases:case", args=[r])) for r in references[:20]],
        },
    )
