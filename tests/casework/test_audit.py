"""Writes and reads of personal data leave an audit event naming who and what."""

import pytest
from django.urls import reverse

from complaintsdesk.core.models import AuditEvent


def events(kind: str, reference: str = ""):
    query = AuditEvent.objects.filter(kind=kind)
    return query.filter(case_reference=reference) if reference else query


@pytest.mark.django_db
def test_reading_a_case_page_records_case_viewed(world, client_for):
    ref = world.case_a.reference
    assert client_for("investigator").get(reverse("cases:case", args=[ref])).status_code == 200
    viewed = events("case.viewed", ref).get()
    assert viewed.actor == world.users["investigator"]


@pytest.mark.django_db
def test_a_refused_read_records_nothing(world, client_for):
    ref = world.case_b.reference
    assert client_for("responder").get(reverse("cases:case", args=[ref])).status_code == 404
    assert not events("case.viewed", ref).exists()


@pytest.mark.django_db
def test_document_download_is_audited(world, client_for):
    url = reverse("cases:document", args=[world.case_a.reference, world.document.pk])
    assert client_for("independent").get(url).status_code == 200
    assert (
        events("document.downloaded", world.case_a.reference).get().actor
        == world.users["independent"]
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "kind", "stage", "data"),
    [
        ("acknowledge", "stage.acknowledged", "stage1", {"on": "2025-03-04"}),
        ("respond", "stage.responded", "stage1", {"on": "2025-03-12", "outcome": "partly_upheld"}),
        ("withdraw", "stage.responded", "stage1", {"on": "2025-03-12"}),
        ("extend", "stage.extended", "stage1", {"extended_to": "2025-03-25", "reason": "Complex"}),
        ("note", "case.note_added", None, {"text": "Called the social worker"}),
        ("child", "case.child_added", None, {"name": "Jo Child"}),
    ],
)
def test_each_write_records_one_event(world, client_for, url_name, kind, stage, data):
    ref = world.front.reference
    args = [ref, stage] if stage else [ref]
    before = events(kind, ref).count()
    response = client_for("officer").post(
        reverse(f"cases:{url_name}", args=args), {"version": world.front.version, **data}
    )
    assert response.status_code == 302, response.content[:500]
    event = events(kind, ref).order_by("-id").first()
    assert events(kind, ref).count() == before + 1
    assert event.actor == world.users["officer"]


@pytest.mark.django_db
def test_log_a_case_records_creation_and_stage(world, client_for):
    response = client_for("officer").post(
        "/cases/new/",
        {
            "channel": "phone",
            "received-day": "3",
            "received-month": "3",
            "received-year": "2025",
            "procedure": "children_statutory",
            "service_area": world.area.pk,
            "team": world.team_a.pk,
            "first_stage": "stage1",
            "complainant_name": "Pat Parent",
            "summary": "Missed visits",
            "child_name": "Kim Child",
        },
    )
    assert response.status_code == 302
    reference = response.url.removeprefix("/cases/").rstrip("/")
    assert events("case.created", reference).get().payload["channel"] == "phone"
    assert events("stage.started", reference).exists()


@pytest.mark.django_db
def test_extension_beyond_the_maximum_is_refused_with_the_rules_message(world, client_for):
    ref = world.front.reference
    response = client_for("officer").post(
        reverse("cases:extend", args=[ref, "stage1"]),
        {"version": world.front.version, "extended_to": "2025-06-30", "reason": "Holiday"},
    )
    assert response.status_code == 400
    assert "can be extended to at most 20 working days" in response.content.decode()
    assert not events("stage.extended", ref).exists()


@pytest.mark.django_db
def test_audit_export_is_for_the_manager_and_audited(world, client_for):
    response = client_for("manager").get("/administration/audit.csv")
    body = b"".join(response.streaming_content).decode()
    assert "case.created" in body
    assert events("audit.exported").count() == 1


@pytest.mark.django_db
def test_case_audit_page_lists_the_views(world, client_for):
    manager = client_for("manager")
    ref = world.case_a.reference
    manager.get(reverse("cases:case", args=[ref]))
    page = manager.get(reverse("cases:audit", args=[ref])).content.decode()
    assert "case.viewed" in page and "stage.appointed" in page
