"""Documents: type by content, size limit, generated storage names, served only to allowed users."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaintsdesk.cases.models import Document
from complaintsdesk.cases.services_documents import DocumentRefused, document_sniff
from complaintsdesk.core.models import AuditEvent
from tests.bombs import MIB, docx_bomb

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.exe", "MZ")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7 ...", "application/pdf"),
        (PNG, "image/png"),
        (b"\xff\xd8\xff\xe0JFIF", "image/jpeg"),
        (b"GIF89a....", "image/gif"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "application/msword"),
        ("Dear Sir, café".encode(), "text/plain"),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),  # a Windows program
        (b"\x7fELF\x02\x01\x01\x00", None),
        (b"PK\x03\x04broken", None),
    ],
)
def test_type_comes_from_the_content(content, expected):
    sniffed = document_sniff(content)
    assert (sniffed[0] if sniffed else None) == expected


def test_docx_needs_a_word_document_inside():
    assert document_sniff(docx())[1] == "docx"
    assert document_sniff(plain_zip()) is None


def test_a_word_document_must_inflate_within_the_limits(settings):
    assert document_sniff(docx())  # 13 bytes of document, 0 of anything else
    settings.INPUT_LIMITS = {**settings.INPUT_LIMITS, "DOCUMENT_MAX_INFLATED_BYTES": 12}
    with pytest.raises(
        DocumentRefused,
        match="^The file cannot be accepted: it would expand "
        "to 13 bytes, more than the 12 bytes allowed.$",
    ):
        document_sniff(docx())  # fmt: skip
    settings.INPUT_LIMITS = {**settings.INPUT_LIMITS, "ZIP_MAX_ENTRIES": 0}
    with pytest.raises(DocumentRefused, match="it holds 1 files, more than the 0 allowed"):
        document_sniff(plain_zip())  # any zip, Word or not


def upload(client, reference, name, content, title="Evidence"):
    return client.post(
        reverse("cases:document_upload", args=[reference]),
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.django_db
def test_a_program_named_pdf_is_refused(world, client_for):
    response = upload(
        client_for("officer"), world.front.reference, "letter.pdf", b"MZ\x90\x00" + b"\x00" * 50
    )
    assert response.status_code == 400
    assert "The file must be a PDF" in response.content.decode()
    assert not Document.objects.filter(case=world.front).exists()


@pytest.mark.django_db
def test_a_pdf_named_exe_is_accepted_and_stored_under_a_generated_name(world, client_for, settings):
    response = upload(
        client_for("officer"), world.front.reference, "../../etc/passwd.exe", b"%PDF-1.4 hello"
    )
    assert response.status_code == 302
    document = Document.objects.get(case=world.front)
    assert document.content_type == "application/pdf"
    assert document.storage_name.endswith(".pdf") and "passwd" not in document.storage_name
    assert (Path(settings.MEDIA_ROOT) / document.storage_name).read_bytes() == b"%PDF-1.4 hello"


@pytest.mark.django_db
def test_an_inflated_word_document_is_refused_with_a_clear_message(world, client_for, tmp_path):
    bomb = docx_bomb(tmp_path / "letter.docx", 8 * MIB).read_bytes()  # 8 KB, 8 MB inflated
    response = upload(client_for("officer"), world.front.reference, "letter.docx", bomb)
    assert response.status_code == 400
    assert (
        "The file cannot be accepted: it has a part (word/document.xml) compressed 1,0"
        in response.content.decode()
    )
    assert not Document.objects.filter(case=world.front).exists()


@pytest.mark.django_db
def test_too_large_is_refused(world, client_for, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    response = upload(client_for("officer"), world.front.reference, "big.txt", b"a" * 1025)
    assert response.status_code == 400
    assert "smaller than" in response.content.decode()
    assert not Document.objects.filter(case=world.front).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("officer", 200),
        ("manager", 200),
        ("responder", 200),
        ("investigator", 200),
        ("independent", 200),
        ("panel", 404),
        ("leader", 404),
    ],
)
def test_download_only_for_those_who_see_the_case(world, client_for, role, status):
    url = reverse("cases:document", args=[world.case_a.reference, world.document.pk])
    response = client_for(role).get(url)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment;")
        assert 'filename="Letter.pdf"' in response["Content-Disposition"]
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_a_document_cannot_be_fetched_through_another_case(world, client_for):
    # The officer sees both cases, but the document belongs to case_a only.
    url = reverse("cases:document", args=[world.front.reference, world.document.pk])
    assert client_for("officer").get(url).status_code == 404


@pytest.mark.django_db
def test_title_never_becomes_a_path_or_header_injection(world, client_for):
    upload(
        client_for("officer"),
        world.front.reference,
        "x.txt",
        b"hello",
        title='a"b\r\nSet-Cookie: x=1/../..',
    )
    document = Document.objects.get(case=world.front)
    response = client_for("officer").get(
        reverse("cases:document", args=[world.front.reference, document.pk])
    )
    disposition = response["Content-Disposition"]
    assert "\n" not in disposition and "Set-Cookie" not in disposition.split(";")[0]
    assert "/" not in disposition.split("filename=")[1]


@pytest.mark.django_db
def test_removing_a_document_says_why_and_deletes_the_file_once_committed(
    world, client_for, django_capture_on_commit_callbacks
):
    document = world.document
    path = Path(settings.MEDIA_ROOT) / document.storage_name
    assert path.is_file()
    url = reverse("cases:document_remove", args=[world.case_a.reference, document.pk])
    client = client_for("officer")

    # No reason: refused with a message, nothing removed.
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert "Enter why the document is being removed" in response.content.decode()
    assert Document.objects.filter(pk=document.pk).exists() and path.is_file()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Uploaded to the wrong case"})
    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not path.exists()
    event = AuditEvent.objects.get(kind="document.removed")
    assert event.case_reference == world.case_a.reference
    assert event.actor == world.users["officer"]
    assert event.payload["reason"] == "Uploaded to the wrong case"
    assert "Letter" not in str(event.payload)  # the title may name people: not kept
    # The case page says so and no longer lists it; its download is gone.
    download = reverse("cases:document", args=[world.case_a.reference, document.pk])
    page = client.get(reverse("cases:case", args=[world.case_a.reference])).content.decode()
    assert "Document removed: Letter" in page and download not in page
    assert client.get(download).status_code == 404


@pytest.mark.django_db
def test_a_rolled_back_removal_keeps_the_file(world):
    from django.db import transaction

    from complaintsdesk.cases.services_documents import document_remove

    path = Path(settings.MEDIA_ROOT) / world.document.storage_name
    pk = world.document.pk
    with transaction.atomic():
        document_remove(actor=world.users["officer"], document=world.document, reason="Test")
        transaction.set_rollback(True)
    assert path.is_file()
    assert Document.objects.filter(pk=pk).exists()


@pytest.mark.django_db
def test_only_the_complaints_team_is_offered_remove(world, client_for):
    url = reverse("cases:case", args=[world.case_a.reference])
    remove = reverse("cases:document_remove", args=[world.case_a.reference, world.document.pk])
    assert remove in client_for("officer").get(url).content.decode()
    assert remove not in client_for("responder").get(url).content.decode()
