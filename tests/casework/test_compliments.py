"""Correcting a compliment: audited, checked, and never over someone else's save."""

from datetime import date

import pytest

from complaintsdesk.cases.models import Compliment, ServiceArea, Team
from complaintsdesk.cases.services_learning import compliment_create, compliment_update
from complaintsdesk.core.errors import ServiceError, StaleEditError
from complaintsdesk.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def compliment(world):
    return compliment_create(
        actor=world.users["officer"],
        received=date(2025, 4, 1),
        service_area=world.area,
        team=None,
        summary="Thank you for listening",
    )


def _edit(world, compliment, **changes):
    data = {
        "received": compliment.received,
        "service_area": world.area,
        "team": None,
        "summary": compliment.summary,
        "version": 1,
        **changes,
    }
    return compliment_update(actor=world.users["manager"], compliment=compliment, **data)


def test_a_correction_is_saved_and_audited_with_the_fields_changed(world, compliment):
    _edit(world, compliment, team=world.team_a, summary="Thank you, Team A")
    saved = Compliment.objects.get(pk=compliment.pk)
    assert (saved.team, saved.summary, saved.version) == (world.team_a, "Thank you, Team A", 2)
    event = AuditEvent.objects.get(kind="compliment.updated")
    assert event.actor == world.users["manager"]
    assert event.object_id == str(compliment.pk)
    assert event.payload == {"fields": ["summary", "team"]}


def test_a_team_from_another_service_area_is_refused_and_nothing_changes(world, compliment):
    other = ServiceArea.objects.create(name="Highways", directorate=world.directorate)
    elsewhere = Team.objects.create(name="Roads", service_area=other)
    with pytest.raises(ServiceError, match="Team Roads is not in"):
        _edit(world, compliment, team=elsewhere, summary="Changed")
    saved = Compliment.objects.get(pk=compliment.pk)
    assert (saved.team, saved.summary, saved.version) == (None, "Thank you for listening", 1)
    assert not AuditEvent.objects.filter(kind="compliment.updated").exists()


def test_two_people_correcting_the_same_compliment_cannot_overwrite_each_other(
    world, compliment, client_for
):
    url = f"/compliments/{compliment.pk}/"
    first, second = client_for("officer"), client_for("manager")
    assert 'name="version" value="1"' in first.get(url).content.decode()
    assert 'name="version" value="1"' in second.get(url).content.decode()
    form = {"service_area": world.area.pk, "received": "2025-04-01", "version": 1}
    assert first.post(url, {**form, "summary": "First correction"}).status_code == 302
    response = second.post(url, {**form, "summary": "Second correction"})
    assert response.status_code == 409
    assert "Someone else changed this compliment" in response.content.decode()
    assert Compliment.objects.get(pk=compliment.pk).summary == "First correction"
    with pytest.raises(StaleEditError):
        _edit(world, compliment, summary="Third")
