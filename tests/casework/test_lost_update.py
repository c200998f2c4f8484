"""Two people edit the same case: the second save is refused, told what changed, and keeps
everything they typed; nothing of the first save is lost."""

import pytest
from django.urls import reverse

from complaintsdesk.cases.models import Case
from complaintsdesk.core.models import AuditEvent


def edit_data(world, version: int, summary: str) -> dict:
    return {
        "version": version,
        "service_area": world.area.pk,
        "team": world.team_a.pk,
        "complainant_name": "Alex Example",
        "summary": summary,
    }


@pytest.mark.django_db
def test_second_edit_of_the_same_version_is_refused_and_keeps_its_input(world, client_for):
    url = reverse("cases:edit", args=[world.case_a.reference])
    first, second = client_for("officer"), client_for("manager")
    loaded = Case.objects.get(pk=world.case_a.pk).version  # both opened the form at this version

    assert first.post(url, edit_data(world, loaded, "First person's summary")).status_code == 302
    response = second.post(url, edit_data(world, loaded, "Second person's careful wording"))

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this case after you opened it" in page
    assert "case.updated by officer" in page  # the list of what changed
    assert "Second person&#x27;s careful wording" in page  # their input is shown back
    case = Case.objects.get(pk=world.case_a.pk)
    assert case.summary == "First person's summary"
    assert case.version == loaded + 1
    assert (
        AuditEvent.objects.filter(kind="case.updated", case_reference=case.reference).count() == 1
    )


@pytest.mark.django_db
def test_stale_stage_action_is_refused(world, client_for):
    """A response recorded on a page loaded before someone else's extension is refused."""
    front = world.front
    loaded = front.version
    extend = reverse("cases:extend", args=[front.reference, "stage1"])
    respond = reverse("cases:respond", args=[front.reference, "stage1"])
    ok = client_for("officer").post(
        extend, {"version": loaded, "extended_to": "2025-03-28", "reason": "Agreed"}
    )
    assert ok.status_code == 302
    stale = client_for("responder").post(
        respond, {"version": loaded, "on": "2025-03-20", "outcome": "upheld"}
    )
    assert stale.status_code == 409
    assert "stage.extended by officer" in stale.content.decode()
    assert front.stages.get(kind="stage1").responded is None


@pytest.mark.django_db
def test_fresh_version_saves(world, client_for):
    url = reverse("cases:edit", args=[world.case_a.reference])
    client = client_for("officer")
    v1 = Case.objects.get(pk=world.case_a.pk).version
    assert client.post(url, edit_data(world, v1, "One")).status_code == 302
    assert client.post(url, edit_data(world, v1 + 1, "Two")).status_code == 302
    assert Case.objects.get(pk=world.case_a.pk).summary == "Two"
