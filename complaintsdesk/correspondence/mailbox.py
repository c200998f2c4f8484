"""The shared mailbox job: read new mail over IMAP and keep each message on a case.

Thin and idempotent (conventions.md): a database lock keeps two runs apart; every message
handled is recorded by its Message-ID, so a second run reads only headers and skips it; the
mailbox itself is left as the team sees it (BODY.PEEK: nothing is marked read, moved or
deleted). An automatic message (out-of-office, bounce, list mail: `automatic.py`) is set
aside before it is read further: recorded, counted, on no case. `dry_run` reports what would
happen and writes nothing.
"""

import imaplib
import logging
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from email import policy
from email.parser import BytesHeaderParser
from typing import Any

from django.conf import settings
from django.db import transaction

from complaintsdesk.core.errors import ServiceError
from complaintsdesk.correspondence.automatic import is_automatic
from complaintsdesk.correspondence.mail import (
    MAIL_MAX_BYTES,
    MailUnreadable,
    eml_parse,
    message_id_or_hash,
)
from complaintsdesk.correspondence.models import MailboxMessage
from complaintsdesk.correspondence.services_mail import (
    case_for_mail,
    mail_receive,
    mail_set_aside,
)
from complaintsdesk.reminders.locks import JobLocked, job_lock

logger = logging.getLogger(__name__)
LOCK = "mailbox"
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")
_UID = re.compile(rb"UID (\d+)")


@dataclass
class Handled:
    uid: str
    # "new_case", "attached", "refused", "automatic" (set aside; `note` the reason code);
    # with dry_run, what would happen
    outcome: str
    case_reference: str = ""
    note: str = ""


@dataclass
class MailboxReport:
    today: date
    dry_run: bool
    locked_out: bool = False
    seen_before: int = 0
    handled: list[Handled] = field(default_factory=list)

    @property
    def set_aside(self) -> int:
        return sum(1 for h in self.handled if h.outcome == "automatic")


def _connect(config: dict[str, Any]) -> imaplib.IMAP4:
    host, port = config["HOST"], int(config["PORT"])
    if not host:
        raise ServiceError("No mailbox is set up: set COMPLAINTSDESK_MAILBOX_HOST and the rest.")
    client = imaplib.IMAP4_SSL(host, port) if config["SSL"] else imaplib.IMAP4(host, port)
    try:
        client.login(config["USER"], config["PASSWORD"])
    except imaplib.IMAP4.error:
        client.shutdown()
        raise ServiceError(
            "The mailbox refused the sign-in: check COMPLAINTSDESK_MAILBOX_USER and _PASSWORD."
        ) from None
    return client


def _message_ids(client: imaplib.IMAP4, uids: list[bytes]) -> dict[bytes, tuple[str, int]]:
    """UID -> (Message-ID, size), from the headers alone."""
    found: dict[bytes, tuple[str, int]] = {}
    if not uids:
        return found
    status, data = client.uid(
        "FETCH", b",".join(uids).decode(), "(RFC822.SIZE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])"
    )
    if status != "OK":
        raise ServiceError("The mailbox would not list its messages.")
    for item in data:
        if not isinstance(item, tuple):
            continue
        meta, header = item
        uid, size = _UID.search(meta), _SIZE.search(meta)
        if uid is None:
            continue
        message_id = str(BytesHeaderParser().parsebytes(header).get("Message-ID", "")).strip()
        found[uid.group(1)] = (message_id, int(size.group(1)) if size else 0)
    return found


def _fetch(client: imaplib.IMAP4, uid: bytes) -> bytes:
    status, data = client.uid("FETCH", uid.decode(), "(BODY.PEEK[])")
    for item in data if status == "OK" else []:
        if isinstance(item, tuple):
            return bytes(item[1])
    raise MailUnreadable("The mailbox did not return the message.")


def mailbox_poll(
    *, today: date, dry_run: bool = False, config: dict[str, Any] | None = None
) -> MailboxReport:
    report = MailboxReport(today=today, dry_run=dry_run)
    config = {**settings.MAILBOX, **(config or {})}
    try:
        with job_lock(name=LOCK, stale_after=timedelta(minutes=30)):
            _poll(report, config)
    except JobLocked:
        report.locked_out = True
    return report


def _poll(report: MailboxReport, config: dict[str, Any]) -> None:
    client = _connect(config)
    try:
        status, _ = client.select(config["FOLDER"], readonly=True)
        if status != "OK":
            raise ServiceError(f"The mailbox has no folder {config['FOLDER']!r}.")
        status, data = client.uid("SEARCH", "ALL")
        uids = data[0].split() if status == "OK" and data and data[0] else []
        headers = _message_ids(client, uids)
        known = set(
            MailboxMessage.objects.filter(
                message_id__in=[m for m, _ in headers.values() if m]
            ).values_list("message_id", flat=True)
        )
        budget = int(config["MAX_MESSAGES"])
        for uid in uids:
            message_id, size = headers.get(uid, ("", 0))
            if message_id and message_id in known:
                report.seen_before += 1
                continue
            if len(report.handled) >= budget:
                break  # the rest next run
            handled = _handle(client, uid, message_id, size, report)
            if handled is not None:
                report.handled.append(handled)
    finally:
        try:
            client.logout()
        except (imaplib.IMAP4.error, OSError):
            pass


def _handle(
    client: imaplib.IMAP4, uid: bytes, message_id: str, size: int, report: MailboxReport
) -> Handled | None:
    """Keep one message on a case; None when it turns out to be handled already (known by the
    id the message itself gives, or by its content's hash when it has none)."""
    handled = Handled(uid=uid.decode(), outcome="refused")
    try:
        if size > MAIL_MAX_BYTES:
            raise MailUnreadable("larger than the mailbox limit")
        raw = _fetch(client, uid)
        reason = is_automatic(BytesHeaderParser(policy=policy.default).parsebytes(raw))
        if reason is not None:
            return _set_aside(handled, message_id_or_hash(message_id, raw), reason, report)
        mail = eml_parse(raw)
    except MailUnreadable as error:
        handled.note = str(error)
        if not report.dry_run and message_id:
            MailboxMessage.objects.get_or_create(
                message_id=message_id, defaults={"outcome": "refused", "note": handled.note[:300]}
            )
        logger.warning("Mailbox message UID %s not read: %s", handled.uid, error)
        return handled
    if report.dry_run:
        case = case_for_mail(mail)
        handled.outcome = "attached" if case else "new_case"
        handled.case_reference = case.reference if case else ""
        return handled
    with transaction.atomic():
        if MailboxMessage.objects.filter(message_id=mail.message_id).exists():
            report.seen_before += 1
            return None
        received = mail_receive(mail=mail, via="mailbox", today=report.today)
        handled.outcome = "new_case" if received.new_case else "attached"
        handled.case_reference = received.case.reference
        MailboxMessage.objects.create(
            message_id=mail.message_id,
            outcome=handled.outcome,
            case_reference=handled.case_reference,
        )
    return handled


def _set_aside(handled: Handled, message_id: str, reason: str, report: MailboxReport) -> Handled:
    """An automatic message: on no case, no triage, no reply; recorded so it is not read again."""
    handled.outcome, handled.note = "automatic", reason
    if not report.dry_run:
        mail_set_aside(message_id=message_id, reason=reason)
    logger.info("Mailbox message UID %s set aside: %s", handled.uid, reason)
    return handled
