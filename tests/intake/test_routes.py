"""Each public route creates the right record through the one intake path."""

from datetime import date

import pytest
from django.core import mail

from complaintsdesk.cases.models import Case, Compliment, Document, Note
from complaintsdesk.core.models import AuditEvent
from tests.intake.support import PDF, advocate_answers, answer, complaint_for_child

pytestmark = pytest.mark.django_db


def test_start_page_lists_every_route(client, org):
    page = client.get("/public/").content.decode()
    for name in (
        "Make a complaint",
        "Tell us you are not happy",
        "as an advocate",
        "Give a compliment",
    ):
        assert name in page


def test_complaint_for_a_child_creates_a_case_awaiting_triage(client, org, now):
    response = complaint_for_child(client, org["children"])
    assert response.status_code == 302 and response["Location"] == "/public/complaint/sent/"

    case = Case.objects.get()
    assert case.status == "awaiting_triage" and case.current_stage == ""
    assert (case.channel, case.complainant_type, case.via_advocate) == ("web", "grandparent", False)
    assert case.procedure == "children_statutory"
    assert case.received == date(2025, 3, 3)
    assert (case.relationship_to_child, case.consent_to_act) == ("Grandparent", True)
    assert case.events_date == date(2025, 2, 24)
    assert case.complainant_email == "sam@example.org"
    child = case.children.get()
    assert (child.name, child.date_of_birth) == ("Alex Example", date(2015, 5, 4))
    assert AuditEvent.objects.filter(kind="case.created", case_reference=case.reference).exists()

    done = client.get("/public/complaint/sent/").content.decode()
    assert case.reference in done
    # Children's statutory stage 1: 10 working days after Monday 3 March 2025.
    assert "We will respond by 17 March 2025" in done


def test_complaint_about_myself_to_a_corporate_service(client, org, now):
    for step, data in [
        ("service", {"service_area": org["highways"].pk}),
        ("about", {"about": "me"}),
        ("details", {"summary": "Pothole reported three times."}),
        ("when", {}),  # not sure
        ("outcome", {"desired_outcome": "Fix it."}),
        ("documents", {"action": "continue"}),
        ("contact", {"name": "Jo Bloggs", "email": "", "phone": "01632 960 001"}),
    ]:
        assert answer(client, "complaint", step, data).status_code == 302, step
    assert client.post("/public/complaint/check/", {}).status_code == 302
    case = Case.objects.get()
    assert (case.procedure, case.complainant_type, case.children.count()) == (
        "corporate",
        "individual",
        0,
    )
    assert case.events_date is None  # "not sure" is a blank date, not a guess
    assert (
        "We will respond by 17 March 2025" in client.get("/public/complaint/sent/").content.decode()
    )
    # No email address: the team hears of it, nobody is acknowledged by email.
    assert [m.to for m in mail.outbox] == [["complaints-team@example.gov.uk"]]


def test_young_persons_own_words_are_kept_verbatim(client, org, now):
    words = "  they never listen to me!!\r\nand i dont get to see my brother  "
    for step, data in [
        ("what", {"summary": words}),
        ("better", {"desired_outcome": ""}),
        ("service", {"service_area": "not_sure"}),
        ("advocate", {"wants_advocate": "yes"}),
        ("contact", {"name": "Kai", "email": "kai@example.org"}),
    ]:
        assert answer(client, "young-person", step, data).status_code == 302, step
    assert client.post("/public/young-person/check/", {}).status_code == 302
    case = Case.objects.get()
    assert case.summary == words
    assert (case.complainant_type, case.procedure) == ("young_person", "children_statutory")
    assert case.service_area == org["children"]
    assert Note.objects.get(case=case).text.startswith("The young person asked for an advocate")


def test_advocate_route_records_the_service_and_the_child(client, org, now):
    for step, data in advocate_answers(org["fostering"]):
        assert answer(client, "advocate", step, data).status_code == 302, step
    assert client.post("/public/advocate/check/", {}).status_code == 302
    case = Case.objects.get()
    assert (case.complainant_type, case.via_advocate, case.advocacy_service) == (
        "advocate",
        True,
        "Voice for Children",
    )
    assert case.consent_to_act is True
    assert case.children.get().name == "Robin Young"
    assert case.events_date == date(2025, 3, 1)


def test_compliment_creates_a_compliment(client, org, now):
    answer(client, "compliment", "service", {"service_area": org["fostering"].pk})
    answer(client, "compliment", "compliment", {"summary": "Our social worker was brilliant."})
    assert client.post("/public/compliment/check/", {}).status_code == 302
    compliment = Compliment.objects.get()
    assert (compliment.service_area, compliment.received) == (org["fostering"], date(2025, 3, 3))
    assert compliment.summary == "Our social worker was brilliant."
    assert not Case.objects.exists()
    assert "Compliment sent" in client.get("/public/compliment/sent/").content.decode()


def test_check_answers_shows_answers_and_change_returns_there(client, org, now):
    complaint_steps = [
        ("service", {"service_area": org["highways"].pk}),
        ("about", {"about": "me"}),
        ("details", {"summary": "Bins missed."}),
        ("when", {}),
        ("outcome", {"desired_outcome": "Collect them."}),
        ("documents", {"action": "continue"}),
        ("contact", {"name": "Jo", "email": "jo@example.org"}),
    ]
    for step, data in complaint_steps:
        answer(client, "complaint", step, data)
    page = client.get("/public/complaint/check/").content.decode()
    assert "Bins missed." in page and "Highways" in page and "jo@example.org" in page
    # Changing an answer goes back to the check page...
    response = answer(client, "complaint", "details", {"summary": "Bins missed twice."})
    assert response["Location"] == "/public/complaint/check/"
    # ...unless it opens new questions, which are asked first.
    response = answer(client, "complaint", "about", {"about": "child"})
    assert response["Location"] == "/public/complaint/relationship/"


def test_pages_cannot_be_skipped(client, org):
    response = client.get("/public/complaint/details/")
    assert response["Location"] == "/public/complaint/service/"
    assert client.get("/public/complaint/check/")["Location"] == "/public/complaint/service/"


def test_attachment_becomes_a_case_document(client, org, now, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    for step, data in [
        ("service", {"service_area": org["highways"].pk}),
        ("about", {"about": "me"}),
        ("details", {"summary": "x"}),
        ("when", {}),
        ("outcome", {"desired_outcome": "y"}),
    ]:
        answer(client, "complaint", step, data)
    upload = SimpleUploadedFile("../../etc/letter.txt", PDF, content_type="text/plain")
    response = answer(client, "complaint", "documents", {"action": "upload", "document": upload})
    assert response["Location"] == "/public/complaint/documents/"
    answer(client, "complaint", "documents", {"action": "continue"})
    answer(client, "complaint", "contact", {"name": "Jo", "email": "jo@example.org"})
    client.post("/public/complaint/check/", {})
    document = Document.objects.get()
    # The type comes from the content; the stored name is generated, never the person's.
    assert (document.title, document.content_type, document.size) == (
        "letter.txt",
        "application/pdf",
        len(PDF),
    )
    stored = settings.MEDIA_ROOT / document.storage_name
    assert stored.read_bytes() == PDF and "letter" not in document.storage_name
    assert AuditEvent.objects.filter(
        kind="document.uploaded", case_reference=document.case.reference
    ).exists()
    assert not any((settings.MEDIA_ROOT / "pending").iterdir())
