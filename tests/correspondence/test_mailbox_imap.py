"""The shared mailbox against a real IMAP server (Dovecot, started here): a new complaint,
a reply quoting a case reference, and a message with attachments each land where they
should; a second run does nothing; the team's mailbox is left unread."""

from datetime import date, timedelta
from email.message import EmailMessage
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from complaintsdesk.cases.models import Case
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.correspondence.mailbox import mailbox_poll
from complaintsdesk.correspondence.models import Correspondence, MailboxMessage
from complaintsdesk.reminders.locks import job_lock
from tests.casework.conftest import PDF
from tests.correspondence.imap_server import dovecot_missing_reason, dovecot_running

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(dovecot_missing_reason() is not None, reason=str(dovecot_missing_reason())),
]
TODAY = date(2025, 4, 1)


def message(subject: str, body: str, *, sender: str, message_id: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "complaints-team@example.gov.uk"
    mail["Subject"] = subject
    mail["Message-ID"] = message_id
    mail["Date"] = "Tue, 01 Apr 2025 09:30:00 +0100"
    mail.set_content(body)
    return mail


@pytest.fixture
def imap():
    with dovecot_running() as server:
        yield server


@pytest.fixture
def three_messages(imap, world):
    complaint = message(
        "Complaint about my son's care plan",
        "Nobody has reviewed Sam's plan since January.",
        sender="Jo Bloggs <jo@example.com>",
        message_id="<new-complaint@example.com>",
    )
    reply = message(
        f"Re: We have received your complaint ({world.front.reference})",
        "Thank you. I can do a call on Thursday.",
        sender="Alex Example <alex@example.com>",
        message_id="<reply@example.com>",
    )
    evidence = message(
        f"Evidence for {world.case_a.reference}",
        "Attached are the letters I mentioned.",
        sender="Alex Example <alex@example.com>",
        message_id="<evidence@example.com>",
    )
    evidence.add_attachment(PDF, maintype="application", subtype="pdf", filename="letter.pdf")
    evidence.add_attachment(
        b"MZ\x90\x00\x03\x00\x00\x00\x04", maintype="application", subtype="octet-stream",
        filename="setup.exe",
    )  # fmt: skip
    for mail in (complaint, reply, evidence):
        imap.deliver(mail.as_bytes())
    return imap


def test_three_messages_land_where_they_should(three_messages, world, settings):
    settings.MAILBOX = {**settings.MAILBOX, **three_messages.config()}
    cases_before = Case.objects.count()
    report = mailbox_poll(today=TODAY)
    assert [h.outcome for h in report.handled] == ["new_case", "attached", "attached"]

    # 1. A new complaint: a new case awaiting triage, by email, with the sender's details.
    new = Case.objects.get(reference=report.handled[0].case_reference)
    assert Case.objects.count() == cases_before + 1
    assert (new.status, new.channel, new.received) == ("awaiting_triage", "email", TODAY)
    assert (new.complainant_name, new.complainant_email) == ("Jo Bloggs", "jo@example.com")
    assert "Nobody has reviewed Sam's plan" in new.summary
    assert new.correspondence.get().subject == "Complaint about my son's care plan"

    # 2. A reply quoting a reference: kept on that case.
    reply = Correspondence.objects.get(message_id="<reply@example.com>")
    assert reply.case_id == world.front.pk and reply.direction == "in"
    assert "Thursday" in reply.body and reply.via == "mailbox"

    # 3. Attachments checked like uploads: the PDF kept, the program refused and named.
    evidence = Correspondence.objects.get(message_id="<evidence@example.com>")
    assert evidence.case_id == world.case_a.pk
    assert [(d.title, d.content_type) for d in evidence.documents.all()] == [
        ("letter.pdf", "application/pdf")
    ]
    assert evidence.attachments_refused.startswith("setup.exe: The file must be")

    events = AuditEvent.objects.filter(kind="correspondence.email_received").order_by("id")
    assert [e.payload["new_case"] for e in events] == [True, False, False]
    assert events[2].payload == {
        "via": "mailbox",
        "new_case": False,
        "attachments_kept": 1,
        "attachments_refused": 1,
    }
    assert "alex@example.com" not in str([e.payload for e in events])

    # Again: nothing new, nothing twice; and the team still sees the mail as unread.
    again = mailbox_poll(today=TODAY)
    assert (again.handled, again.seen_before) == ([], 3)
    assert Correspondence.objects.filter(direction="in").count() == 3
    assert MailboxMessage.objects.count() == 3
    assert three_messages.unseen() == 3


def test_dry_run_says_what_would_happen_and_writes_nothing(three_messages, world, settings):
    settings.MAILBOX = {**settings.MAILBOX, **three_messages.config()}
    out = StringIO()
    call_command("mailbox", "--dry-run", "--today", "2025-04-01", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].endswith(": new_case")
    assert lines[1].endswith(f": attached {world.front.reference}")
    assert lines[-1] == (
        "3 new message(s) would be handled; 0 automatic replies would be set aside; 0 seen before."
    )
    assert not Correspondence.objects.exists() and not MailboxMessage.objects.exists()
    assert "jo@example.com" not in out.getvalue()  # no personal data in the job's output


def test_a_run_already_in_progress_reads_nothing(three_messages, settings):
    settings.MAILBOX = {**settings.MAILBOX, **three_messages.config()}
    with job_lock(name="mailbox", stale_after=timedelta(minutes=30)):
        report = mailbox_poll(today=TODAY)
    assert report.locked_out and not Correspondence.objects.exists()


def test_wrong_password_is_a_clear_error(imap, settings, db):
    settings.MAILBOX = {**settings.MAILBOX, **imap.config(), "PASSWORD": "wrong"}
    with pytest.raises(CommandError, match="The mailbox refused the sign-in"):
        call_command("mailbox", stdout=StringIO())


def test_a_message_without_a_message_id_is_kept_once(imap, world, settings):
    settings.MAILBOX = {**settings.MAILBOX, **imap.config()}
    imap.deliver(
        f"From: alex@example.com\r\nSubject: About {world.front.reference}\r\n\r\nHi\r\n".encode()
    )
    first = mailbox_poll(today=TODAY)
    second = mailbox_poll(today=TODAY)
    assert [h.outcome for h in first.handled] == ["attached"]
    assert (second.handled, second.seen_before) == ([], 1)
    kept = Correspondence.objects.get()
    assert kept.case_id == world.front.pk and kept.message_id.startswith("sha256:")


def _raw(headers: str, body: str) -> bytes:
    return (headers.replace("\n", "\r\n") + "\r\n" + body.replace("\n", "\r\n")).encode()


OUT_OF_OFFICE = """\
From: Sam Smith <sam.smith@example.org>
To: complaints-team@example.gov.uk
Subject: Automatic reply: We have received your complaint ({reference})
Message-ID: <oof-1@example.org>
In-Reply-To: <ack@example.gov.uk>
X-Auto-Response-Suppress: All
Content-Type: text/plain; charset="us-ascii"
"""
VACATION = """\
From: Jo Bloggs <jo.bloggs@gmail.com>
To: complaints-team@example.gov.uk
Subject: Re: Your complaint
Message-ID: <vacation-1@mail.gmail.com>
Auto-Submitted: auto-replied
Content-Type: text/plain; charset="UTF-8"
"""
BOUNCE = """\
Return-Path: <>
From: MAILER-DAEMON@mail.example.gov.uk (Mail Delivery System)
To: complaints-team@example.gov.uk
Subject: Undelivered Mail Returned to Sender
Message-ID: <bounce-1@mail.example.gov.uk>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"
"""
BOUNCE_BODY = """\
--B
Content-Type: text/plain

I'm sorry to have to inform you that your message could not be delivered to jo@example.com.
--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.gov.uk
Final-Recipient: rfc822; jo@example.com
Action: failed
Status: 5.1.1
--B--
"""


def test_automatic_replies_are_set_aside_counted_and_start_nothing(
    imap, world, settings, django_capture_on_commit_callbacks
):
    from django.core import mail as outbox

    settings.MAILBOX = {**settings.MAILBOX, **imap.config()}
    imap.deliver(_raw(OUT_OF_OFFICE.format(reference=world.front.reference), "I am away.\n"))
    imap.deliver(_raw(VACATION, "On holiday until Monday.\n"))
    imap.deliver(_raw(BOUNCE, BOUNCE_BODY))
    complaint = message(
        "Complaint about the bins",
        "Missed three weeks running.",
        sender="Jo Bloggs <jo@example.com>",
        message_id="<bins@example.com>",
    )
    imap.deliver(complaint.as_bytes())
    cases_before, kept_before = Case.objects.count(), Correspondence.objects.count()
    dry = StringIO()
    call_command("mailbox", "--dry-run", "--today", "2025-04-01", stdout=dry)
    assert "3 automatic replies would be set aside" in dry.getvalue()
    assert not MailboxMessage.objects.exists() and Case.objects.count() == cases_before
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("mailbox", "--today", "2025-04-01", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[:3] == [
        "UID 1: automatic (auto_response_suppress)",
        "UID 2: automatic (auto_submitted)",
        "UID 3: automatic (delivery_status)",
    ]
    assert lines[-1] == (
        "4 new message(s) were handled; 3 automatic replies were set aside; 0 seen before."
    )
    # Only the person's complaint became a case; the out-of-office quoting a reference was
    # not kept on that case; nobody was emailed.
    assert Case.objects.count() == cases_before + 1
    assert Correspondence.objects.count() == kept_before + 1
    assert not world.front.correspondence.exists()
    assert outbox.outbox == []
    # Recorded, so the next run skips them; audited by reason only.
    assert dict(
        MailboxMessage.objects.filter(outcome="automatic").values_list("message_id", "note")
    ) == {
        "<oof-1@example.org>": "auto_response_suppress",
        "<vacation-1@mail.gmail.com>": "auto_submitted",
        "<bounce-1@mail.example.gov.uk>": "delivery_status",
    }
    events = AuditEvent.objects.filter(kind="correspondence.automatic_set_aside")
    assert sorted(e.payload["reason"] for e in events) == [
        "auto_response_suppress",
        "auto_submitted",
        "delivery_status",
    ]
    assert all(set(e.payload) == {"reason"} and not e.case_reference for e in events)
    assert "example.org" not in out.getvalue() and "gmail" not in out.getvalue()
    again = mailbox_poll(today=TODAY)
    assert (again.handled, again.seen_before) == ([], 4)
    assert imap.unseen() == 4  # the team still sees them, as with all mail
