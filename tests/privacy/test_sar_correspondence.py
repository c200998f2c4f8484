"""A subject access request's bundle holds the letters and emails of the person's cases: a
letter (its text in the index, its file among the documents), an email sent to them, and
messages that came in through the shared mailbox. One from the person is theirs, unmarked;
one from someone else is marked whole for review. Nothing of another person's case is in it,
and making the bundle is audited with the counts."""

import io
import re
import zipfile
from datetime import date

import pytest
from django.db import transaction

from complaintsdesk.core.models import AuditEvent
from complaintsdesk.correspondence.mail import Attachment, ParsedMail
from complaintsdesk.correspondence.models import Correspondence
from complaintsdesk.correspondence.services import letter_send
from complaintsdesk.correspondence.services_mail import mail_receive
from complaintsdesk.privacy.sar_correspondence import messages_held
from complaintsdesk.privacy.services_sar import sar_create
from tests.casework.conftest import PDF
from tests.privacy.test_subject_access import TODAY, subject  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
HER_EMAIL = "Your complaint: we will write again by Friday."
HER_LETTER = "We are sorry the visits were missed."
HER_MESSAGE = "I still have not had a visit this week."
NEIGHBOUR = "I live next door and saw the social worker leave after five minutes."
ZED = "Zed's own letter text"


def _mail(sender: str, title: str, body: str, message_id: str, **extra) -> ParsedMail:
    name, _, address = sender.rpartition(" ")
    return ParsedMail(
        message_id=message_id, subject=title, sender_name=name,
        sender_address=address.strip("<>"), recipients="complaints@council.example",
        sent_at=None, body=body, **extra,
    )  # fmt: skip


@pytest.fixture
def letters(world, subject, monkeypatch):  # noqa: F811
    """On Priya's first case: a PDF letter, an email sent to her, a message from her with an
    attachment, and one from her neighbour. On Zed's case: a letter and a message of his."""
    monkeypatch.setattr(transaction, "on_commit", lambda *a, **k: None)  # no real email
    officer, first, zed = world.users["officer"], subject["cases"][0], subject["other"]

    def send(case, via: str, body: str):
        return letter_send(
            actor=officer, case=case, kind="holding", subject="Your complaint", body=body,
            via=via, today=date(2025, 9, 1),
        )  # fmt: skip

    letter = send(first, "pdf", HER_LETTER)
    email = send(first, "email", HER_EMAIL)
    ref = first.reference
    hers = mail_receive(
        mail=_mail(
            "Priya Shah <PRIYA@example.com>", f"Re: {ref}", HER_MESSAGE, "<p1@example.com>",
            attachments=[Attachment("visit-diary.pdf", PDF + b"diary")],
        ),
        via="mailbox", today=date(2025, 9, 2),
    ).correspondence  # fmt: skip
    neighbours = mail_receive(
        mail=_mail("Tom Baker <tom@example.org>", f"About {ref}", NEIGHBOUR, "<t1@example.org>"),
        via="mailbox",
        today=date(2025, 9, 3),
    ).correspondence
    send(zed, "pdf", ZED)
    mail_receive(
        mail=_mail("Zed Other <zed@example.com>", f"Re: {zed.reference}", ZED, "<z1@example.com>"),
        via="mailbox",
        today=date(2025, 9, 3),
    )
    assert {hers.case_id, neighbours.case_id} == {first.pk}
    return {"letter": letter, "email": email, "hers": hers, "neighbours": neighbours}


def _unmarked(html: str) -> str:
    return re.sub(r"<mark[^>]*>.*?</mark>", "", html, flags=re.S)


def test_the_bundle_holds_her_letters_and_emails_and_marks_the_neighbours(
    world,
    subject,  # noqa: F811
    letters,
    client_for,
):
    sar = sar_create(
        actor=world.users["officer"], person=subject["person"], received=TODAY, today=TODAY
    )
    response = client_for("officer").get(f"/data-protection/subject-access/{sar.pk}/bundle.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    html = archive.read("index.html").decode()
    released = _unmarked(html)

    # Hers, as they are: the letter, the email sent to her, her own message.
    for text in (HER_LETTER, HER_EMAIL, HER_MESSAGE, "PRIYA@example.com"):
        assert text in released, text
    # Her attachment is named in the index and is a file of the bundle; so is the letter's PDF.
    assert "visit-diary.pdf" in html
    names = archive.namelist()
    for item in (letters["hers"], letters["letter"]):
        (document,) = item.documents.all()
        assert any(f"/{document.pk}-" in n for n in names if n.startswith("documents/"))
    # The neighbour's message: in the index for review, marked whole, sender too.
    assert NEIGHBOUR in html and NEIGHBOUR not in released
    assert "tom@example.org" in html and "tom@example.org" not in released
    neighbour_row = re.search(
        rf'<tr data-correspondence="{letters["neighbours"].pk}">.*?</tr>', html, re.S
    )
    assert neighbour_row and "review before disclosure" in neighbour_row.group(0)
    own_row = re.search(rf'<tr data-correspondence="{letters["hers"].pk}">.*?</tr>', html, re.S)
    assert own_row and "review before disclosure" not in own_row.group(0)
    marks = archive.read("redactions.csv").decode()
    assert "correspondence of a third party" in marks and "tom@example.org" in marks
    # Nothing of Zed's case.
    assert ZED not in html and "zed@example.com" not in html
    assert subject["other"].reference not in html

    event = AuditEvent.objects.get(kind="sar.bundle_made")
    assert event.actor == world.users["officer"]
    assert event.payload == {
        "cases": [c.reference for c in subject["cases"]],
        "documents": 5,  # three case documents, the letter's PDF, her attachment
        "correspondence": 4,
    }


def _item(direction: str, sender: str = "", recipient: str = "") -> Correspondence:
    return Correspondence(direction=direction, sender=sender, recipient=recipient)


@pytest.mark.parametrize(
    ("item", "complainant", "theirs"),
    [
        (_item("in", sender="Priya <priya@example.com>"), True, True),
        (_item("in", sender="PRIYA@EXAMPLE.COM"), False, True),  # their address, any part
        (_item("in", sender="Tom <tom@example.org>"), True, False),
        (_item("in", sender=""), True, False),  # no sender: someone to check
        (_item("in", sender="priya@example.com.evil.org"), True, False),
        (_item("out", recipient=""), True, True),  # a PDF letter to the complainant: her
        (_item("out", recipient="dad@example.org"), True, True),  # sent to the complainant
        (_item("out", recipient=""), False, False),  # to the complainant, who is not her
        (_item("out", recipient="priya@example.com"), False, True),
    ],
)
def test_whose_message_it_is(item, complainant, theirs):
    (held,) = messages_held([item], own_emails={"priya@example.com"}, complainant=complainant)
    assert held.theirs is theirs
