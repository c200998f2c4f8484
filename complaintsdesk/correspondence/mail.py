"""Read an email, from the mailbox (RFC 822 bytes, as `.eml`) or an Outlook `.msg` file.

Bounded: a message larger than MAIL_MAX_BYTES is refused before parsing, and only the first
MAIL_MAX_ATTACHMENTS attachments are read. The attachments are returned as bytes for the
documents service to check like any upload; nothing here decides whether one is safe.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import html
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

# extract-msg warns about odd files naming their attachments and senders: personal data,
# which the logs never hold. Its errors still show; ours say what was refused.
logging.getLogger("extract_msg").setLevel(logging.ERROR)

MAIL_MAX_BYTES = 30 * 1024 * 1024
MAIL_MAX_ATTACHMENTS = 20
BODY_MAX_CHARS = 100_000
# An Outlook .msg is an OLE2 compound file.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class MailUnreadable(ValueError):
    """Not an email we can read; the message says why, for the person who gave it."""


@dataclass
class Attachment:
    name: str
    content: bytes


@dataclass
class ParsedMail:
    message_id: str
    subject: str
    sender_name: str
    sender_address: str
    recipients: str
    sent_at: datetime | None
    body: str
    attachments: list[Attachment] = field(default_factory=list)
    attachments_left_out: int = 0


def message_id_or_hash(value: str | None, raw: bytes) -> str:
    # A message without a Message-ID is known by its content instead, so it is still
    # recognised when it is read again.
    found = (value or "").strip()
    return found[:300] if found else "sha256:" + hashlib.sha256(raw).hexdigest()


_TAG = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"\n{3,}")


def html_to_text(markup: str) -> str:
    """Good enough to read an HTML-only email's words; the original is not kept as HTML."""
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>|</tr>", "\n", markup)
    text = html.unescape(_TAG.sub("", markup)).replace("\xa0", " ")
    return _BLANKS.sub("\n\n", text).strip()


def eml_parse(raw: bytes) -> ParsedMail:
    if len(raw) > MAIL_MAX_BYTES:
        raise MailUnreadable(f"The email is larger than {MAIL_MAX_BYTES // (1024 * 1024)} MB.")
    if not raw.strip():
        raise MailUnreadable("The file is empty.")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    if not (message["From"] or message["Subject"] or message["Message-ID"]):
        raise MailUnreadable("This is not an email: it has no sender, subject or message id.")
    body_part = message.get_body(preferencelist=("plain", "html"))
    body = ""
    if body_part is not None:
        try:
            text = body_part.get_content()
        except (LookupError, ValueError):  # an unknown charset or a broken encoding
            text = body_part.get_payload(decode=True).decode("utf-8", "replace")  # type: ignore[union-attr]
        body = html_to_text(text) if body_part.get_content_type() == "text/html" else text
    name, address = parseaddr(str(message["From"] or ""))
    sent_at = None
    if message["Date"]:
        try:
            sent_at = parsedate_to_datetime(str(message["Date"]))
        except (TypeError, ValueError):
            sent_at = None
    attachments: list[Attachment] = []
    left_out = 0
    for part in message.iter_attachments():
        if len(attachments) >= MAIL_MAX_ATTACHMENTS:
            left_out += 1
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            attachments.append(Attachment(part.get_filename() or "attachment", payload))
    recipients = ", ".join(a for _, a in getaddresses([str(message["To"] or "")]) if a)
    return ParsedMail(
        message_id=message_id_or_hash(str(message["Message-ID"] or ""), raw),
        subject=str(message["Subject"] or "").strip()[:300],
        sender_name=name.strip(),
        sender_address=address.strip(),
        recipients=recipients[:320],
        sent_at=sent_at,
        body=body.strip()[:BODY_MAX_CHARS],
        attachments=attachments,
        attachments_left_out=left_out,
    )


def msg_parse(raw: bytes) -> ParsedMail:
    """An Outlook .msg file, read with extract-msg (kept on PyPI, reads OLE2 .msg files)."""
    if len(raw) > MAIL_MAX_BYTES:
        raise MailUnreadable(f"The file is larger than {MAIL_MAX_BYTES // (1024 * 1024)} MB.")
    if not raw.startswith(OLE_MAGIC):
        raise MailUnreadable("This is not an Outlook message (.msg) file.")
    import extract_msg  # imported here: only this reader needs it

    try:
        message = extract_msg.openMsg(io.BytesIO(raw))
    except Exception as error:  # the library raises many kinds for a damaged file
        raise MailUnreadable("The Outlook file is damaged or is not an email.") from error
    try:
        name, address = parseaddr(str(getattr(message, "sender", "") or ""))
        body = str(getattr(message, "body", "") or "")
        html_body = getattr(message, "htmlBody", None)
        if not body.strip() and isinstance(html_body, bytes):
            body = html_to_text(html_body.decode("utf-8", "replace"))
        attachments: list[Attachment] = []
        left_out = 0
        for item in getattr(message, "attachments", []):
            data = getattr(item, "data", None)
            if not isinstance(data, bytes):
                continue  # an embedded message or a link, not a file
            if len(attachments) >= MAIL_MAX_ATTACHMENTS:
                left_out += 1
                continue
            filename = getattr(item, "longFilename", None) or getattr(item, "shortFilename", None)
            attachments.append(Attachment(str(filename or "attachment"), data))
        sent_at = getattr(message, "date", None)
        return ParsedMail(
            message_id=message_id_or_hash(str(getattr(message, "messageId", "") or ""), raw),
            subject=str(getattr(message, "subject", "") or "").strip()[:300],
            sender_name=name.strip(),
            sender_address=address.strip(),
            recipients=str(getattr(message, "to", "") or "")[:320],
            sent_at=sent_at if isinstance(sent_at, datetime) else None,
            body=body.strip()[:BODY_MAX_CHARS],
            attachments=attachments,
            attachments_left_out=left_out,
        )
    finally:
        message.close()


def mail_parse_file(name: str, raw: bytes) -> tuple[str, ParsedMail]:
    """("eml" or "msg", the mail) for a file dropped onto a case, judged by its content."""
    if raw.startswith(OLE_MAGIC):
        return "msg", msg_parse(raw)
    if name.lower().endswith(".msg"):
        raise MailUnreadable("This is not an Outlook message (.msg) file.")
    return "eml", eml_parse(raw)


# Case references as the system writes them (COM/4822) and as councils' imported ones look:
# letters, a slash, digits. Only a reference that names an existing case counts.
REFERENCE = re.compile(r"\b([A-Z]{2,10}/\d{1,9})\b")


def references_quoted(mail: ParsedMail) -> list[str]:
    """Candidate case references, the subject's first, in order of appearance."""
    found = REFERENCE.findall(mail.subject) + REFERENCE.findall(mail.body[:20_000])
    return list(dict.fromkeys(found))
