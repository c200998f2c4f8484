"""Emails saved as .eml or Outlook .msg dropped onto a case: read, kept with their
attachments (checked like uploads), once; bad files refused with a message."""

from email.message import EmailMessage

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaintsdesk.core.models import AuditEvent
from complaintsdesk.correspondence.mail import (
    MailUnreadable,
    eml_parse,
    html_to_text,
    mail_parse_file,
    references_quoted,
)
from complaintsdesk.correspondence.models import Correspondence
from tests.casework.conftest import PDF
from tests.correspondence.msg_file import msg_bytes

pytestmark = pytest.mark.django_db


def eml(subject: str = "My complaint", *, html: bool = False) -> bytes:
    mail = EmailMessage()
    mail["From"] = "Jo Bloggs <jo@example.com>"
    mail["To"] = "complaints-team@example.gov.uk"
    mail["Subject"] = subject
    mail["Message-ID"] = "<saved@example.com>"
    if html:
        mail.set_content("<p>Hello&nbsp;there</p><script>x()</script><p>Second</p>", subtype="html")
    else:
        mail.set_content("Hello there")
    mail.add_attachment(PDF, maintype="application", subtype="pdf", filename="scan.pdf")
    return mail.as_bytes()


def url(world) -> str:
    return reverse("correspondence:email_file", args=[world.case_a.reference])


@pytest.mark.parametrize(
    "name,raw,via",
    [
        ("saved.eml", eml(), "eml"),
        (
            "saved.msg",
            msg_bytes(
                subject="My complaint",
                body="Hello there",
                sender_name="Jo Bloggs",
                sender_email="jo@example.com",
                attachments=[("scan.pdf", PDF)],
            ),
            "msg",
        ),
    ],
)
def test_an_email_file_is_kept_on_the_case_once(world, client_for, name, raw, via):
    client = client_for("officer")
    response = client.post(url(world), {"file": SimpleUploadedFile(name, raw)})
    assert response.status_code == 302, response.content.decode()[:3000]
    item = Correspondence.objects.get()
    assert (item.case_id, item.direction, item.via) == (world.case_a.pk, "in", via)
    assert (item.subject, item.body, item.sender) == (
        "My complaint",
        "Hello there",
        "Jo Bloggs <jo@example.com>",
    )
    assert [d.title for d in item.documents.all()] == ["scan.pdf"]
    assert item.by == world.users["officer"]
    event = AuditEvent.objects.get(kind="correspondence.email_received")
    assert event.payload["via"] == via and event.payload["attachments_kept"] == 1
    # The same file again: recognised, not kept twice.
    again = client.post(url(world), {"file": SimpleUploadedFile(name, raw)})
    assert again.status_code == 302 and Correspondence.objects.count() == 1
    page = client.get(again.url).content.decode()
    assert "Hello there" in page and "scan.pdf" in page


@pytest.mark.parametrize(
    "name,raw,message",
    [
        ("empty.eml", b"", "The selected file is empty"),
        ("notes.txt", b"just some words\n", "This is not an email"),
        ("broken.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "damaged"),
        ("fake.msg", b"From: x\r\n\r\nhello", "not an Outlook message"),
    ],
)
def test_a_bad_email_file_is_refused_and_writes_nothing(world, client_for, name, raw, message):
    response = client_for("officer").post(url(world), {"file": SimpleUploadedFile(name, raw)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Correspondence.objects.exists()
    assert not AuditEvent.objects.filter(kind="correspondence.email_received").exists()


def test_html_only_email_is_read_as_text():
    assert eml_parse(eml(html=True)).body == "Hello there\nSecond"
    assert html_to_text("<b>A</b> &amp; B<br>C") == "A & B\nC"


@pytest.mark.parametrize(
    "subject,body,expected",
    [
        ("Re: COM/12", "see COM/9", ["COM/12", "COM/9"]),
        ("No reference", "my ref is CSC/2024/1", ["CSC/2024"]),
        ("com/12 lower case", "", []),
        ("Re: COM/12 and COM/12", "", ["COM/12"]),
    ],
)
def test_references_quoted(subject, body, expected):
    mail = eml_parse(eml(subject))
    mail.body = body
    assert references_quoted(mail) == expected


def test_mail_parse_file_judges_by_content_not_name():
    via, mail = mail_parse_file("looks-like.msg.eml", eml())
    assert via == "eml" and mail.subject == "My complaint"
    with pytest.raises(MailUnreadable):
        mail_parse_file("x.msg", b"not ole")
