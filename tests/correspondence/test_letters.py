"""Letters from templates: merge fields from the case and the deadline engine, Word and PDF
kept on the case, email sent, Notify posting, templates edited by the manager; audited."""

import io
import subprocess
import zipfile
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from complaintsdesk.cases import services
from complaintsdesk.cases.models import Case, Document
from complaintsdesk.core.errors import ServiceError, StaleEditError
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.correspondence import services as letters
from complaintsdesk.correspondence.merge import merge_render, merge_unknown
from complaintsdesk.correspondence.models import Correspondence, LetterTemplate
from complaintsdesk.correspondence.selectors import correspondence_timeline_entries

pytestmark = pytest.mark.django_db
TODAY = date(2025, 3, 4)


@pytest.mark.parametrize(
    "text,values,expected",
    [
        ("Dear {{ complainant_name }}", {"complainant_name": "Alex"}, "Dear Alex"),
        ("Due {{due_date}}.", {"due_date": "17 March 2025"}, "Due 17 March 2025."),
        ("{{ reference }} {{ reference }}", {"reference": "COM/1"}, "COM/1 COM/1"),
        ("No value: {{ outcome }}", {}, "No value: "),
        ("Not a field: { reference }", {"reference": "COM/1"}, "Not a field: { reference }"),
    ],
)
def test_merge_render(text, values, expected):
    assert merge_render(text, values) == expected


def test_merge_unknown_names_each_unknown_field_once():
    assert merge_unknown("{{ case.secret }} {{ nope }} {{ reference }} {{ nope }}") == ["nope"]
    # Dotted lookups are not fields at all: left as written, never resolved.
    assert merge_render("{{ case.secret }}", {"reference": "x"}) == "{{ case.secret }}"


def front(world) -> Case:
    return Case.objects.get(pk=world.front.pk)


def test_acknowledgement_merges_the_engines_due_date(world):
    composed = letters.letter_compose(
        case=front(world), kind="acknowledgement", actor=world.users["officer"], today=TODAY
    )
    assert composed.subject == f"We have received your complaint ({world.front.reference})"
    assert "Dear Alex Example" in composed.body
    assert "by 17 March 2025" in composed.body  # 10 working days after Mon 3 March


def test_extension_letter_says_the_old_and_new_dates(world):
    case = front(world)
    stage = case.stages.get(kind="stage1")
    services.stage_extend(
        actor=world.users["officer"],
        stage=stage,
        extended_to=date(2025, 3, 28),
        reason="The social worker is on leave",
    )
    composed = letters.letter_compose(
        case=case, kind="extension", actor=world.users["officer"], today=TODAY
    )
    assert "respond to your complaint by 17 March 2025" in composed.body
    assert "now respond by 28 March 2025" in composed.body
    assert "The social worker is on leave" in composed.body


def _send(world, via: str, **overrides):
    composed = letters.letter_compose(
        case=front(world), kind="acknowledgement", actor=world.users["officer"], today=TODAY
    )
    return letters.letter_send(
        actor=world.users["officer"],
        case=front(world),
        kind="acknowledgement",
        subject=overrides.get("subject", composed.subject),
        body=overrides.get("body", composed.body),
        via=via,
        today=TODAY,
    )


def test_a_pdf_letter_is_kept_on_the_case_and_reads_as_written(world, tmp_path):
    item = _send(world, "pdf")
    document = item.documents.get()
    assert document.content_type == "application/pdf" and document.case_id == world.front.pk
    pdf = tmp_path / "letter.pdf"
    from complaintsdesk.cases.services_documents import document_path

    pdf.write_bytes(document_path(document).read_bytes())
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "17 March 2025" in text and world.front.reference in text
    event = AuditEvent.objects.get(kind="correspondence.letter_produced")
    assert event.payload == {"kind": "acknowledgement", "via": "pdf"}
    assert event.case_reference == world.front.reference
    assert AuditEvent.objects.filter(kind="document.uploaded", object_id=str(document.pk)).exists()


def test_a_word_letter_is_a_docx_with_the_edited_wording(world):
    item = _send(world, "docx", body="Dear Alex\n\nWe will reply by 17 March 2025.")
    document = item.documents.get()
    assert document.content_type.endswith("wordprocessingml.document")
    from complaintsdesk.cases.services_documents import document_path

    with zipfile.ZipFile(io.BytesIO(document_path(document).read_bytes())) as docx:
        xml = docx.read("word/document.xml").decode()
    assert "We will reply by 17 March 2025." in xml


def test_an_email_goes_to_the_complainant_and_is_kept(world, on_commit_now):
    case = front(world)
    case.complainant_email = "alex@example.com"
    case.save(update_fields=["complainant_email"])
    item = _send(world, "email")
    assert [m.to for m in mail.outbox] == [["alex@example.com"]]
    assert mail.outbox[0].subject == item.subject and "17 March 2025" in mail.outbox[0].body
    assert (item.direction, item.via, item.recipient) == ("out", "email", "alex@example.com")
    event = AuditEvent.objects.get(kind="correspondence.letter_sent")
    assert event.payload == {"kind": "acknowledgement", "via": "email"}  # no address in it


def test_email_without_an_address_is_refused_and_writes_nothing(world):
    with pytest.raises(ServiceError, match="no email address"):
        _send(world, "email")
    assert not Correspondence.objects.exists()
    assert not AuditEvent.objects.filter(kind__startswith="correspondence.").exists()


def test_notify_letter_posts_the_address_lines_and_keeps_a_pdf_copy(
    world, settings, monkeypatch, on_commit_now
):
    settings.NOTIFY_API_KEY = "test-key"
    settings.NOTIFY_LETTER_TEMPLATE_ID = "letter-template"
    sent = []

    class FakeNotify:  # GOV.UK Notify's client: the network call is the one thing replaced
        def send_letter_notification(self, **kwargs):
            sent.append(kwargs)
            return {"id": "notify-1"}

    monkeypatch.setattr(
        "complaintsdesk.notifications.letters.notify_letter_client", lambda: FakeNotify()
    )
    case = front(world)
    case.complainant_address = "1 High Street\nTown\nAB1 2CD"
    case.save(update_fields=["complainant_address"])
    item = _send(world, "notify_letter")
    assert len(sent) == 1
    personalisation = sent[0]["personalisation"]
    assert [personalisation[f"address_line_{i}"] for i in range(1, 5)] == [
        "Alex Example",
        "1 High Street",
        "Town",
        "AB1 2CD",
    ]
    assert sent[0]["reference"] == case.reference and "17 March 2025" in personalisation["body"]
    assert item.documents.get().content_type == "application/pdf"


def test_notify_letter_needs_an_address(world, settings):
    settings.NOTIFY_API_KEY, settings.NOTIFY_LETTER_TEMPLATE_ID = "k", "t"
    with pytest.raises(ServiceError, match="postal address"):
        _send(world, "notify_letter")
    assert not Document.objects.filter(case=world.front).exclude(pk=world.document.pk).exists()


def test_a_letter_with_an_unknown_field_left_is_refused(world):
    with pytest.raises(ServiceError, match=r"\{\{ nonsense \}\}"):
        _send(world, "pdf", body="Dear {{ nonsense }}")
    assert not Correspondence.objects.exists()


def test_template_save_checks_fields_and_versions_and_is_audited(world):
    manager = world.users["manager"]
    with pytest.raises(ServiceError, match=r"\{\{ due \}\} is not a merge field"):
        letters.letter_template_save(
            actor=manager, kind="holding", subject="Update", body="By {{ due }}", expected_version=0
        )
    saved = letters.letter_template_save(
        actor=manager,
        kind="holding",
        subject="Update on {{ reference }}",
        body="We expect to reply by {{ due_date }}.",
        expected_version=0,
    )
    assert saved.version == 1
    event = AuditEvent.objects.get(kind="letter_template.saved")
    assert event.payload == {"kind": "holding", "version": 1}
    with pytest.raises(StaleEditError):
        letters.letter_template_save(
            actor=manager, kind="holding", subject="X", body="Y", expected_version=0
        )
    composed = letters.letter_compose(case=front(world), kind="holding", actor=manager, today=TODAY)
    assert composed.subject == f"Update on {world.front.reference}"
    assert composed.body == "We expect to reply by 17 March 2025."
    assert LetterTemplate.objects.get().body == "We expect to reply by {{ due_date }}."


def test_timeline_entries_list_letters_in_order(world, on_commit_now):
    _send(world, "pdf")
    entries = correspondence_timeline_entries(front(world))
    assert len(entries) == 1
    when, kind, summary, link = entries[0]
    assert kind == "letter.sent" and summary == "Acknowledgement (PDF)"
    assert link.startswith(f"/cases/{world.front.reference}/-/correspondence/")


# --- the pages -------------------------------------------------------------------------------


def test_writing_a_letter_through_the_pages(world, client_for):
    client = client_for("officer")
    url = reverse("correspondence:letter_new", args=[world.front.reference])
    page = client.get(url, {"kind": "acknowledgement"}).content.decode()
    assert "17 March 2025" in page and 'value="pdf"' in page
    response = client.post(
        url,
        {"kind": "acknowledgement", "subject": "Received", "body": "Dear Alex", "via": "pdf"},
    )
    assert response.status_code == 302
    item = Correspondence.objects.get()
    assert response.url == reverse("correspondence:detail", args=[world.front.reference, item.pk])
    listing = client.get(reverse("correspondence:list", args=[world.front.reference]))
    assert "Received" in listing.content.decode()


@pytest.mark.parametrize(
    "query,post",
    [
        ({"kind": "nonsense"}, None),
        (None, {"kind": "acknowledgement", "subject": "", "body": "x", "via": "pdf"}),
        (None, {"kind": "acknowledgement", "subject": "S", "body": "x", "via": "fax"}),
        (None, {"kind": "bogus", "subject": "S", "body": "x", "via": "pdf"}),
    ],
)
def test_bad_letter_input_is_a_message_not_a_500(world, client_for, query, post):
    client = client_for("officer")
    url = reverse("correspondence:letter_new", args=[world.front.reference])
    response = client.post(url, post) if post else client.get(url, query)
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not Correspondence.objects.exists()


def test_manager_edits_a_template_through_the_pages(world, client_for):
    client = client_for("manager")
    url = reverse("correspondence:template", args=["holding"])
    assert "{{ due_date }}" in client.get(url).content.decode()
    bad = client.post(url, {"version": 0, "subject": "S", "body": "{{ oops }}"})
    assert bad.status_code == 400 and "is not a merge field" in bad.content.decode()
    good = client.post(url, {"version": 0, "subject": "S", "body": "By {{ due_date }}"})
    assert good.status_code == 302
    assert LetterTemplate.objects.get(kind="holding").body == "By {{ due_date }}"
    assert client.get(reverse("correspondence:template", args=["nope"])).status_code == 404


def test_kept_correspondence_shows_on_the_case_timeline_once(world, client_for):
    """Letters and emails kept on the case are on its timeline, each linked to itself; the
    acknowledgement shows once (as correspondence), not again from the audit trail."""
    from complaintsdesk.correspondence.services import correspondence_record_sent

    case = world.case_a
    kept = correspondence_record_sent(
        case=case, kind="acknowledgement", subject="We have your complaint", body="Thanks.",
        recipient="someone@example.org",
    )  # fmt: skip
    response = client_for("manager").get(f"/cases/{case.reference}/")
    entries = [e for e in response.context["timeline"] if e.category == "correspondence"]
    assert [e.url for e in entries] == [f"/cases/{case.reference}/-/correspondence/{kept.pk}/"]
    assert "Acknowledgement" in entries[0].title
