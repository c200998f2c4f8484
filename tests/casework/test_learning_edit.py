"""Updating a learning action: the page saves it (every save was a 500 until the URL sweep
found that the service's row argument shared its name with the `learning` text field)."""

from datetime import date

import pytest

from complaintsdesk.cases.models import Learning
from complaintsdesk.cases.services_learning import learning_update
from complaintsdesk.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_page_saves_the_action_and_records_it(world, client_for):
    response = client_for("manager").post(
        f"/learning/{world.learning.pk}/",
        {
            "learning": "Plans slipped twice",
            "action": "Weekly plan review",
            "owner": "Team A manager",
            "due-day": "30",
            "due-month": "6",
            "due-year": "2025",
            "status": "implemented",
            "evidence": "Review notes",
        },
    )
    assert response.status_code == 302
    saved = Learning.objects.get(pk=world.learning.pk)
    assert (saved.learning, saved.status, saved.due) == (
        "Plans slipped twice",
        "implemented",
        date(2025, 6, 30),
    )
    assert saved.completed is not None
    event = AuditEvent.objects.filter(kind="learning.updated").get()
    assert event.case_reference == world.case_a.reference
    assert "learning" in event.payload["fields"]


def test_the_service_takes_the_learning_text_among_the_changes(world):
    record = learning_update(
        actor=world.users["officer"],
        record=world.learning,
        today=date(2025, 6, 10),
        learning="  Plans slipped again  ",
        status="in_progress",
    )
    assert record.learning == "Plans slipped again"
    assert AuditEvent.objects.filter(kind="learning.updated").get().payload == {
        "fields": ["learning"],
        "status": "in_progress",
    }


def test_a_bad_status_is_a_message_and_changes_nothing(world, client_for):
    response = client_for("manager").post(
        f"/learning/{world.learning.pk}/", {"learning": "x", "status": "no-such"}
    )
    assert response.status_code == 400
    assert Learning.objects.get(pk=world.learning.pk).learning == "Plans slipped"
    assert not AuditEvent.objects.filter(kind="learning.updated").exists()
