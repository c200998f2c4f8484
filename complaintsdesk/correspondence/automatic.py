"""PURE: is an email an automatic one (an out-of-office, a bounce, a list's mail)?

The shared mailbox must not turn these into cases: nobody wrote them, and answering them
could start a mail loop between two robots. Read from the headers alone, by the signs the
standards and the big mail systems give:

- `Auto-Submitted` other than `no` (RFC 3834: auto-replied, auto-generated, ...);
- `X-Autoreply` / `X-Autorespond` (vacation programs that predate RFC 3834);
- `Precedence: bulk | junk | list | auto_reply` (lists, newsletters, old responders);
- `X-Auto-Response-Suppress` naming `All` or `OOF` (Exchange and Outlook set it on their
  out-of-office replies and other automatic mail, asking not to be answered);
- a delivery status notification (`multipart/report; report-type=delivery-status`, RFC 3464)
  or a read receipt (`report-type=disposition-notification`, RFC 8098);
- a null return path (`Return-Path: <>`, which RFC 5321 gives to bounces and RFC 3834 asks
  of automatic replies) or a sender called MAILER-DAEMON or postmaster.

Only standard-library types: it takes any mapping of header names to values.
"""

from collections.abc import Mapping
from email.message import Message
from email.utils import parseaddr
from typing import Any

Headers = Mapping[str, Any] | Message

# Each reason's code (kept on the mailbox record and in the audit) and its words.
AUTOMATIC_REASONS: dict[str, str] = {
    "delivery_status": "Delivery status notification (bounce)",
    "read_receipt": "Read receipt",
    "auto_submitted": "Marked Auto-Submitted (automatic reply or notification)",
    "x_autoreply": "Marked as an automatic reply (X-Autoreply)",
    "precedence": "Bulk, list or junk mail (Precedence)",
    "auto_response_suppress": "Out-of-office or automatic mail from Exchange",
    "null_sender": "Sent with no return address (Return-Path <>)",
    "mailer_daemon": "Sent by a mail server (MAILER-DAEMON or postmaster)",
}
_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
_SUPPRESS = {"all", "oof"}
_SYSTEM_SENDERS = {"mailer-daemon", "postmaster"}


class _Headers:
    """Case-insensitive reading of a header mapping; a repeated header is read as its first."""

    def __init__(self, headers: Headers) -> None:
        self._headers = headers

    def get(self, name: str) -> str | None:
        value = self._headers.get(name)
        if value is None:
            value = next((v for k, v in self._headers.items() if k.lower() == name.lower()), None)
        return None if value is None else str(value).strip()


def _first_token(value: str) -> str:
    """`auto-replied; owner-email=...` -> `auto-replied`."""
    return value.split(";", 1)[0].strip().lower()


def _report_type(content_type: str) -> str | None:
    kind, _, params = content_type.partition(";")
    if kind.strip().lower() != "multipart/report":
        return None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "report-type":
            return value.strip().strip('"').lower()
    return None


def is_automatic(message: Headers) -> str | None:
    """The reason code (AUTOMATIC_REASONS) when `message`'s headers mark it automatic, else None.

    `message` is an `email.message.Message` or any mapping of header names to values.
    """
    headers = _Headers(message)
    report = _report_type(headers.get("Content-Type") or "")
    if report == "delivery-status":
        return "delivery_status"
    if report == "disposition-notification":
        return "read_receipt"
    submitted = headers.get("Auto-Submitted")
    if submitted and _first_token(submitted) != "no":
        return "auto_submitted"
    for name in ("X-Autoreply", "X-Autorespond"):
        value = headers.get(name)
        if value is not None and value.lower() not in {"no", "false", "0"}:
            return "x_autoreply"
    if _first_token(headers.get("Precedence") or "") in _PRECEDENCE:
        return "precedence"
    suppress = headers.get("X-Auto-Response-Suppress") or ""
    if {token.strip().lower() for token in suppress.split(",")} & _SUPPRESS:
        return "auto_response_suppress"
    if (headers.get("Return-Path") or "").replace(" ", "") == "<>":
        return "null_sender"
    sender = parseaddr(headers.get("From") or "")[1]
    if sender.partition("@")[0].lower() in _SYSTEM_SENDERS:
        return "mailer_daemon"
    return None
