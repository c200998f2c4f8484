"""Bad input: a clear message next to the field and in the summary, and nothing stored."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from complaintsdesk.cases.models import Case, Compliment, Document
from complaintsdesk.core.models import AuditEvent
from tests.bombs import MIB, docx_bomb
from tests.intake.support import PDF, answer, complaint_for_child, docx_bytes

pytestmark = pytest.mark.django_db


def _nothing_stored() -> None:
    assert not Case.objects.exists()
    assert not Compliment.objects.exists()
    assert not Document.objects.exists()
    assert not AuditEvent.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("journey", "step", "data", "field_id", "message"),
    [
        (
            "complaint",
            "service",
            {},
            "id_service_area_0",
            "Select the service your complaint is about",
        ),
        (
            "complaint",
            "about",
            {"about": "someone"},
            "id_about_0",
            "Select who the complaint is about",
        ),
        ("complaint", "details", {"summary": ""}, "id_summary", "Enter your complaint"),
        (
            "complaint",
            "details",
            {"summary": "x" * 20_001},
            "id_summary",
            "What is your complaint must be 20,000 characters or fewer",
        ),
        (
            "complaint",
            "contact",
            {"name": "Jo", "email": "", "phone": ""},
            "id_email",
            "Enter an email address or a phone number so we can contact you",
        ),
        (
            "complaint",
            "contact",
            {"name": "Jo", "email": "not-an-email"},
            "id_email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        (
            "complaint",
            "contact",
            {"name": "", "email": "jo@example.org"},
            "id_name",
            "Enter your full name",
        ),
        (
            "complaint",
            "contact",
            {"name": "Jo", "phone": "call me"},
            "id_phone",
            "Enter a phone number, like 01632 960 001 or 07700 900 982",
        ),
        (
            "complaint",
            "child",
            {
                "child_name": "A",
                "child_date_of_birth_0": "31",
                "child_date_of_birth_1": "2",
                "child_date_of_birth_2": "2015",
            },
            "id_child_date_of_birth_0",
            "Date of birth must be a real date",
        ),
        (
            "complaint",
            "child",
            {"child_name": "A", "child_date_of_birth_0": "3", "child_date_of_birth_2": "2015"},
            "id_child_date_of_birth_0",
            "Date of birth must include a month",
        ),
        (
            "complaint",
            "child",
            {
                "child_name": "A",
                "child_date_of_birth_0": "3",
                "child_date_of_birth_1": "3",
                "child_date_of_birth_2": "2031",
            },
            "id_child_date_of_birth_0",
            "Date of birth must be in the past",
        ),
        (
            "complaint",
            "when",
            {"events_date_0": "30", "events_date_1": "2", "events_date_2": "2025"},
            "id_events_date_0",
            "The date it happened must be a real date",
        ),
        (
            "complaint",
            "when",
            {"events_date_0": "13", "events_date_1": "13", "events_date_2": "2024"},
            "id_events_date_0",
            "The date it happened must be a real date",
        ),
        (
            "complaint",
            "when",
            {"events_date_1": "2", "events_date_2": "2025"},
            "id_events_date_0",
            "The date it happened must include a day",
        ),
        (
            "complaint",
            "when",
            # The day after "now" (Monday 3 March 2025): the events cannot have happened yet.
            {"events_date_0": "4", "events_date_1": "3", "events_date_2": "2025"},
            "id_events_date_0",
            "The date it happened must be today or in the past",
        ),
        (
            "advocate",
            "when",
            {"events_date_0": "1", "events_date_1": "1", "events_date_2": "2031"},
            "id_events_date_0",
            "The date it happened must be today or in the past",
        ),
        (
            "advocate",
            "consent",
            {},
            "id_confirm",
            "Confirm the child or young person has asked you to complain for them",
        ),
        (
            "young-person",
            "what",
            {"summary": ""},
            "id_summary",
            "Tell us what you are not happy about",
        ),
        ("compliment", "compliment", {"summary": ""}, "id_summary", "Enter your compliment"),
    ],
)
def test_each_bad_answer_gets_its_message_by_its_field(
    client, org, now, journey, step, data, field_id, message
):
    session = client.session
    # Answer everything before this page so it can be shown.
    from complaintsdesk.intake.journeys import JOURNEYS

    j = JOURNEYS[journey]
    answers = {}
    for s in j.steps:
        if s.slug == step:
            break
        answers[s.slug] = {"service_area": str(org["children"].pk), "about": "child"}
    session["intake"] = {journey: {"answers": answers, "uploads": []}}
    session.save()

    response = answer(client, journey, step, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert f'<a href="#{field_id}">{message}</a>' in page  # the error summary links to the field
    assert f"</span> {message}</p>" in page  # the inline message
    assert page.count("govuk-form-group--error") >= 1
    assert "<title>Error:" in page
    _nothing_stored()


def _to_documents(client, org):
    for step, data in [
        ("service", {"service_area": org["highways"].pk}),
        ("about", {"about": "me"}),
        ("details", {"summary": "x"}),
        ("when", {}),
        ("outcome", {"desired_outcome": "y"}),
    ]:
        answer(client, "complaint", step, data)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "photo.png",
            b"MZ\x90\x00 this is really a program",
            "The selected file must be a PDF or JPG, PNG",
        ),
        ("report.pdf", b"<html>not a pdf</html>", "The selected file must be a PDF or JPG, PNG"),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_attachments_are_checked_by_content(client, org, now, settings, name, content, message):
    _to_documents(client, org)
    upload = SimpleUploadedFile(name, content)
    response = answer(client, "complaint", "documents", {"action": "upload", "document": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not (settings.MEDIA_ROOT / "pending").exists() or not any(
        (settings.MEDIA_ROOT / "pending").iterdir()
    )


def test_an_inflated_word_document_is_refused_with_a_clear_message(
    client, org, now, settings, tmp_path
):
    _to_documents(client, org)
    bomb = docx_bomb(tmp_path / "letter.docx", 8 * MIB).read_bytes()
    upload = SimpleUploadedFile("letter.docx", bomb)
    response = answer(client, "complaint", "documents", {"action": "upload", "document": upload})
    assert response.status_code == 400
    assert (
        "The selected file cannot be opened safely. Save it again as a new document, "
        "or send it as a PDF" in response.content.decode()
    )
    pending = settings.MEDIA_ROOT / "pending"
    assert not pending.exists() or not any(pending.iterdir())


def test_attachment_size_and_count_limits(client, org, now, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    settings.INTAKE = {**settings.INTAKE, "MAX_FILES": 1}
    _to_documents(client, org)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 2048)
    response = answer(client, "complaint", "documents", {"action": "upload", "document": big})
    assert "The selected file must be smaller than" in response.content.decode()
    ok = SimpleUploadedFile("letter.docx", docx_bytes())
    assert (
        answer(client, "complaint", "documents", {"action": "upload", "document": ok}).status_code
        == 302
    )
    another = SimpleUploadedFile("two.pdf", PDF)
    response = answer(client, "complaint", "documents", {"action": "upload", "document": another})
    assert "You can upload up to 1 files" in response.content.decode()
    assert len(list((settings.MEDIA_ROOT / "pending").iterdir())) == 1


def test_uploaded_file_can_be_removed(client, org, now, settings):
    _to_documents(client, org)
    answer(
        client,
        "complaint",
        "documents",
        {"action": "upload", "document": SimpleUploadedFile("a.pdf", PDF)},
    )
    token = client.session["intake"]["complaint"]["uploads"][0]["token"]
    assert answer(client, "complaint", "documents", {"remove": token}).status_code == 302
    assert client.session["intake"]["complaint"]["uploads"] == []
    assert not any((settings.MEDIA_ROOT / "pending").iterdir())


def test_honeypot_filled_in_stores_nothing(client, org, now):
    response = answer(
        client, "complaint", "service", {"service_area": org["children"].pk, "website": "spam"}
    )
    assert response.status_code == 400
    assert "There was a problem sending the form" in response.content.decode()
    assert client.session.get("intake", {}).get("complaint", {}).get("answers", {}) == {}
    _nothing_stored()


def test_honeypot_on_the_final_send_stores_nothing(client, org, now):
    complaint_for_child(client, org["children"], send=False)
    response = client.post("/public/complaint/check/", {"website": "http://spam.example"})
    assert response.status_code == 400
    assert "There was a problem sending the form" in response.content.decode()
    _nothing_stored()


def test_csrf_is_enforced(org, now):
    strict = Client(enforce_csrf_checks=True)
    assert (
        answer(strict, "complaint", "service", {"service_area": org["children"].pk}).status_code
        == 403
    )
    _nothing_stored()


def test_rate_limit_per_address_stops_submissions(client, org, now, settings):
    settings.INTAKE = {**settings.INTAKE, "RATE_LIMIT_SUBMISSIONS": 1}
    assert complaint_for_child(client, org["children"]).status_code == 302
    response = complaint_for_child(client, org["children"])
    assert response.status_code == 429
    assert "too many attempts" in response.content.decode()
    assert Case.objects.count() == 1
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert complaint_for_child(other, org["children"]).status_code == 302
    assert Case.objects.count() == 2


def test_rate_limit_on_form_posts(client, org, now, settings):
    settings.INTAKE = {**settings.INTAKE, "RATE_LIMIT_POSTS": 3}
    for _ in range(3):
        assert (
            answer(client, "complaint", "service", {"service_area": org["children"].pk}).status_code
            == 302
        )
    assert (
        answer(client, "complaint", "service", {"service_area": org["children"].pk}).status_code
        == 429
    )


def test_no_personal_data_in_logs(client, org, now, caplog):
    caplog.set_level("DEBUG")
    complaint_for_child(client, org["children"], email="private.person@example.org")
    text = caplog.text
    for secret in ("private.person@example.org", "Sam Example", "Alex Example", "Nobody came"):
        assert secret not in text
