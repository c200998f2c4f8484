"""is_automatic over real-looking header sets: what the big mail systems put on their
out-of-office replies, bounces and list mail, and ordinary human replies that must pass."""

from email import policy
from email.parser import BytesHeaderParser

import pytest

from complaintsdesk.correspondence.automatic import AUTOMATIC_REASONS, is_automatic

OUTLOOK_OOF = """\
From: Sam Smith <sam.smith@example.org>
To: complaints-team@example.gov.uk
Subject: Automatic reply: We have received your complaint (COM/4822)
Thread-Topic: We have received your complaint (COM/4822)
In-Reply-To: <ack-4822@example.gov.uk>
X-MS-Exchange-Organization-AutoResponseSuppress: All
X-Auto-Response-Suppress: All
X-MS-Exchange-Inbox-Rules-Loop: sam.smith@example.org
Content-Type: text/plain; charset="us-ascii"
"""
# Exchange Online adds Auto-Submitted to its out-of-office replies too.
EXCHANGE_ONLINE_OOF = OUTLOOK_OOF.replace(
    "X-Auto-Response-Suppress: All\n",
    "X-Auto-Response-Suppress: All\nAuto-Submitted: auto-generated\n",
)
GMAIL_VACATION = """\
From: Jo Bloggs <jo.bloggs@gmail.com>
To: complaints-team@example.gov.uk
Subject: Re: Your complaint COM/4822
In-Reply-To: <ack-4822@example.gov.uk>
References: <ack-4822@example.gov.uk>
Auto-Submitted: auto-replied
Content-Type: multipart/alternative; boundary="000000000000a1b2c3"
"""
POSTFIX_BOUNCE = """\
Return-Path: <>
From: MAILER-DAEMON@mail.example.gov.uk (Mail Delivery System)
To: complaints-team@example.gov.uk
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="6A1B21C0123.1733390000/mail.example.gov.uk"
"""
# Some relays send a bounce without the report structure or Auto-Submitted.
PLAIN_BOUNCE = """\
Return-Path: <>
From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>
Subject: Returned mail: see transcript for details
Content-Type: text/plain
"""
POSTMASTER_NOTICE = """\
From: postmaster@example.net
Subject: Delivery delayed
Content-Type: text/plain
"""
MAILING_LIST = """\
From: Local Government Digest <digest@lists.example.org>
To: complaints-team@example.gov.uk
Subject: [lgdigest] This week in complaints handling
List-Id: <lgdigest.lists.example.org>
List-Unsubscribe: <mailto:leave-lgdigest@lists.example.org>
Precedence: list
"""
NEWSLETTER = """\
From: News <news@example.com>
Subject: Our autumn offers
Precedence: Bulk
"""
VACATION_PROGRAM = """\
From: A Person <a.person@example.net>
Subject: Away: Re: COM/4822
X-Autoreply: yes
"""
X_AUTORESPOND = """\
From: helpdesk@example.net
Subject: Ticket received
X-Autorespond: Ticket received
"""
READ_RECEIPT = """\
From: Jo Bloggs <jo@example.com>
Subject: Read: We have received your complaint
Content-Type: multipart/report; report-type="disposition-notification"; boundary="b1"
"""
OLD_RESPONDER = """\
From: someone@example.net
Subject: Out of office
Precedence: auto_reply
"""
HUMAN_REPLY = """\
Return-Path: <jo.bloggs@gmail.com>
From: Jo Bloggs <jo.bloggs@gmail.com>
To: complaints-team@example.gov.uk
Subject: Re: Your complaint COM/4822
In-Reply-To: <ack-4822@example.gov.uk>
References: <ack-4822@example.gov.uk>
Content-Type: text/plain; charset="UTF-8"
"""
# Outlook asks for no delivery or read receipts on ordinary mail: not an automatic message.
HUMAN_FROM_OUTLOOK = """\
From: Sam Smith <sam.smith@example.org>
Subject: RE: COM/4822
X-Auto-Response-Suppress: DR, RN, NRN
Auto-Submitted: no
Precedence: normal
Content-Type: multipart/mixed; boundary="_004_"
"""
# A complaint about a returned letter, by a person: words alone decide nothing.
HUMAN_ABOUT_A_BOUNCE = """\
From: Alex Example <alex@example.com>
Subject: Undelivered mail: your letter never reached me
Content-Type: multipart/mixed; boundary="x"
"""


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        (OUTLOOK_OOF, "auto_response_suppress"),
        (EXCHANGE_ONLINE_OOF, "auto_submitted"),
        (GMAIL_VACATION, "auto_submitted"),
        (POSTFIX_BOUNCE, "delivery_status"),
        (PLAIN_BOUNCE, "null_sender"),
        (POSTMASTER_NOTICE, "mailer_daemon"),
        (MAILING_LIST, "precedence"),
        (NEWSLETTER, "precedence"),
        (VACATION_PROGRAM, "x_autoreply"),
        (X_AUTORESPOND, "x_autoreply"),
        (READ_RECEIPT, "read_receipt"),
        (OLD_RESPONDER, "precedence"),
        ("Subject: x\nAuto-Submitted: auto-replied; owner-email=x@example.net\n", "auto_submitted"),
        ("Subject: x\nAUTO-SUBMITTED: Auto-Generated\n", "auto_submitted"),
        ("Subject: x\nX-Auto-Response-Suppress: DR, OOF, AutoReply\n", "auto_response_suppress"),
        ("Subject: x\nPrecedence: junk\n", "precedence"),
        ("Subject: x\nReturn-Path: < >\n", "null_sender"),
        (HUMAN_REPLY, None),
        (HUMAN_FROM_OUTLOOK, None),
        (HUMAN_ABOUT_A_BOUNCE, None),
        ("Subject: x\nPrecedence: first-class\n", None),
        ("Subject: x\nX-Autoreply: no\n", None),
        ("From: postmaster-of-fun@example.net\n", None),
    ],
)
def test_is_automatic(headers: str, reason: str | None) -> None:
    message = BytesHeaderParser(policy=policy.default).parsebytes(headers.encode())
    assert is_automatic(message) == reason
    if reason is not None:
        assert reason in AUTOMATIC_REASONS


def test_a_plain_mapping_is_read_without_regard_to_case() -> None:
    assert is_automatic({"auto-submitted": "auto-replied"}) == "auto_submitted"
    assert is_automatic({"From": "Jo <jo@example.com>"}) is None
