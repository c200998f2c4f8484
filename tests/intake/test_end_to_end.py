"""One complaint from the public form to the staff list, the acknowledgement and a reminder."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail

from complaintsdesk.accounts.roles import OFFICER
from complaintsdesk.cases.access import cases_visible_to
from complaintsdesk.cases.services import case_triage
from complaintsdesk.reminders.services import reminders_send
from tests.intake.support import complaint_for_child

pytestmark = pytest.mark.django_db


def test_public_complaint_to_staff_list_to_acknowledgement_to_reminder(client, org, now):
    officer = User.objects.create(username="officer", email="officer@example.gov.uk")
    officer.groups.add(Group.objects.get_or_create(name=OFFICER)[0])

    complaint_for_child(client, org["children"])
    reference = client.session["intake_done"]["reference"]

    # The complaints officer sees it in their list, awaiting triage.
    case = cases_visible_to(officer).get(reference=reference)
    assert case.status == "awaiting_triage"

    # The complainant was acknowledged with the reference and the date.
    ack = next(m for m in mail.outbox if m.to == ["sam@example.org"])
    assert reference in ack.subject and "We will respond by 17 March 2025" in ack.body

    # Not triaged by Thursday 6 March: the team is reminded the acknowledgement is due.
    mail.outbox.clear()
    report = reminders_send(today=date(2025, 3, 5))
    assert [(r.kind, r.object_id) for r in report.sent] == [
        ("acknowledgement_due", f"case:{case.pk}")
    ]
    assert (
        mail.outbox[0].to == ["complaints-team@example.gov.uk"]
        and reference in mail.outbox[0].subject
    )

    # Triaged to stage 1 and owned by the officer: reminded as the response falls due.
    case_triage(
        actor=officer,
        case=case,
        expected_version=None,
        procedure="children_statutory",
        service_area=org["children"],
        team=None,
        first_stage="stage1",
    )
    case.owner = officer
    case.save(update_fields=["owner"])
    mail.outbox.clear()
    report = reminders_send(today=date(2025, 3, 13))
    assert ("response_due_soon", f"stage:{case.stages.get().pk}") in [
        (r.kind, r.object_id) for r in report.sent
    ]
    assert any(m.to == ["officer@example.gov.uk"] and reference in m.subject for m in mail.outbox)
