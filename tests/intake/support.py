"""Shared setup for the intake, notifications and reminders tests."""

import io
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

from django.test import Client

from complaintsdesk.cases.models import Directorate, ServiceArea

LONDON = ZoneInfo("Europe/London")
# Monday 3 March 2025: stage 1 (10 working days) is due Monday 17 March, acknowledgement
# (children's, 3 working days) Thursday 6 March.
NOW = datetime(2025, 3, 3, 10, 0, tzinfo=LONDON)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def make_org() -> dict[str, ServiceArea]:
    children = Directorate.objects.create(name="Children's Services")
    place = Directorate.objects.create(name="Place")
    return {
        "children": ServiceArea.objects.create(name="Children's Social Care", directorate=children),
        "fostering": ServiceArea.objects.create(name="Fostering", directorate=children),
        "highways": ServiceArea.objects.create(name="Highways", directorate=place),
    }


def answer(client: Client, journey: str, step: str, data: dict, **extra):
    return client.post(f"/public/{journey}/{step}/", data, **extra)


def complaint_for_child(
    client: Client, area: ServiceArea, *, email: str = "sam@example.org", send: bool = True
):
    """Walk the general complaint form for a child; return the response to 'Send'."""
    steps = [
        ("service", {"service_area": area.pk}),
        ("about", {"about": "child"}),
        ("relationship", {"relationship": "grandparent"}),
        (
            "child",
            {
                "child_name": "Alex Example",
                "child_date_of_birth_0": "4",
                "child_date_of_birth_1": "5",
                "child_date_of_birth_2": "2015",
            },
        ),
        ("consent", {"consent": "yes"}),
        ("details", {"summary": "Nobody came to the review meeting."}),
        ("when", {"events_date_0": "24", "events_date_1": "2", "events_date_2": "2025"}),
        ("outcome", {"desired_outcome": "An apology and a new date."}),
        ("documents", {"action": "continue"}),
        ("contact", {"name": "Sam Example", "email": email, "phone": ""}),
    ]
    for step, data in steps:
        response = answer(client, "complaint", step, data)
        assert response.status_code == 302, (step, response.content[:2000])
    return client.post("/public/complaint/check/", {}) if send else None


def advocate_answers(area: ServiceArea) -> list[tuple[str, dict]]:
    """An advocate's complaint for Robin, page by page."""
    return [
        (
            "advocate",
            {
                "advocacy_service": "Voice for Children",
                "name": "Ash Advocate",
                "email": "ash@voice.example",
            },
        ),
        ("child", {"child_name": "Robin Young"}),
        ("consent", {"confirm": "on"}),
        ("service", {"service_area": area.pk}),
        ("details", {"summary": "Robin wants to stay with the same foster carer."}),
        ("when", {"events_date_0": "1", "events_date_1": "3", "events_date_2": "2025"}),
        ("outcome", {"desired_outcome": "To stay."}),
        ("documents", {"action": "continue"}),
    ]
