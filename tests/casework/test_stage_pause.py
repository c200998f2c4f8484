"""The children's stage 1 clock paused for advocacy: the service, the page and its refusals."""

from datetime import date

import pytest
from django.urls import reverse

from complaintsdesk.cases import services, services_pause
from complaintsdesk.cases.models import Stage
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.reminders.selectors import reminders_due
from tests.casework.conftest import pause_form

pytestmark = pytest.mark.django_db


def stage1(case) -> Stage:
    return Stage.objects.select_related("case").get(case=case, kind="stage1")


def pause(world, stage, *, paused_from=date(2025, 3, 5), paused_to=date(2025, 3, 11), **kw):
    """The officer pauses `stage`, 5 to 11 March 2025 (five working days) unless told otherwise."""
    return services_pause.stage_pause(
        actor=world.users["officer"],
        stage=stage,
        paused_from=paused_from,
        paused_to=paused_to,
        reason=kw.get("reason", "Advocate"),
    )


def test_pause_moves_the_due_date_the_case_list_and_the_audit(world):
    stage = stage1(world.front)  # children's stage 1 from Mon 3 Mar 2025: due Mon 17 Mar
    assert stage.due == date(2025, 3, 17)
    pause(world, stage, reason="Advocate being arranged by Coram Voice")
    stage.refresh_from_db()
    world.front.refresh_from_db()
    assert stage.due == date(2025, 3, 24)  # five working days later
    assert world.front.current_due == date(2025, 3, 24)  # lists, reminders and filters read it
    event = AuditEvent.objects.get(kind="stage.paused")
    assert event.payload == {
        "stage": "stage1",
        "paused_from": "2025-03-05",
        "paused_to": "2025-03-11",
        "due_was": "2025-03-17",
        "due": "2025-03-24",
    }
    assert "Coram" not in str(event.payload)  # the reason stays on the stage


# (procedure, the pause asked for, why it is refused)
CHILDREN = "children_statutory"
REFUSED = [
    pytest.param(CHILDREN, dict(paused_from=date(2025, 3, 11), paused_to=date(2025, 3, 5)),
                 "cannot end before it starts", id="ends before it starts"),
    pytest.param(CHILDREN, dict(paused_from=date(2025, 2, 28)),
                 "cannot start before the stage", id="starts before the stage"),
    pytest.param(CHILDREN, dict(reason="  "), "Give the reason", id="no reason"),
    pytest.param("corporate", {}, "only the children's stage 1", id="corporate stage 1"),
]  # fmt: skip


@pytest.mark.parametrize("procedure,asked,message", REFUSED)
def test_a_refused_pause_changes_nothing(world, procedure, asked, message):
    """Only the children's stage 1 pauses, for a real span within the stage, with a reason."""
    world.front.procedure = procedure
    world.front.save(update_fields=["procedure"])
    stage = stage1(world.front)
    with pytest.raises(ServiceError, match=message):
        pause(world, stage, **asked)
    stage.refresh_from_db()
    assert (stage.paused_from, stage.due) == (None, date(2025, 3, 17))
    assert not AuditEvent.objects.filter(kind="stage.paused").exists()


def test_the_page_pauses_and_shows_why_this_date(world, client_for):
    url = reverse("cases:pause", args=[world.front.reference, "stage1"])
    client = client_for("officer")
    response = client.post(url, pause_form(world.front.version))
    assert response.status_code == 302
    page = client.get(reverse("cases:case", args=[world.front.reference])).content.decode()
    assert "24 March 2025" in page
    assert (
        "10 working days after 3 March 2025, plus 5 working days paused for advocacy "
        "(5 March 2025 to 11 March 2025)" in page
    )
    assert "Pause the clock" in page


def test_a_bad_date_on_the_page_is_a_message_not_a_500(world, client_for):
    url = reverse("cases:pause", args=[world.front.reference, "stage1"])
    bad = {"paused_from-day": "31", "paused_from-month": "2", "paused_to-day": "x"}
    response = client_for("officer").post(url, pause_form(world.front.version, **bad))
    assert response.status_code == 400  # the form again, with its messages
    assert "govuk-error-summary" in response.content.decode()
    assert stage1(world.front).paused_from is None


def test_reminders_and_figures_count_from_the_paused_due_date(world):
    """Reminders, lists, exports and the figures all read the stored `due` and
    `working_days_taken`, which the pause moves."""

    stage = stage1(world.front)
    on = date(2025, 3, 19)  # after the unpaused due date (17 March), before the paused one

    def overdue() -> list[str]:
        return [
            r.kind
            for r in reminders_due(today=on)
            if r.object_id == f"stage:{stage.pk}" and r.kind == "stage_overdue"
        ]

    assert overdue() == ["stage_overdue"]
    pause(world, stage)
    assert overdue() == []
    # Answered on 24 March: 15 working days after the start, 5 of them paused.
    stage.refresh_from_db()
    services.stage_respond(
        actor=world.users["officer"], stage=stage, on=date(2025, 3, 24), outcome="upheld"
    )
    stage.refresh_from_db()
    assert (stage.working_days_taken, stage.responded <= stage.due) == (10, True)
