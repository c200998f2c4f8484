"""Letter templates, every letter and email kept on a case, and the shared mailbox's cursor.

Writes go through `services.py` (letters) and `services_mail.py` (mail in); reads through
`selectors.py`. The produced files themselves are case documents (`cases.Document`), checked
and stored like any upload.
"""

from django.conf import settings
from django.db import models

from complaintsdesk.cases.models import Case, Document

# The letters a complaints team writes (issue 14); a response has one template per outcome.
LETTER_KINDS: dict[str, str] = {
    "acknowledgement": "Acknowledgement",
    "extension": "Extension",
    "holding": "Holding letter",
    "response_upheld": "Response: upheld",
    "response_partly_upheld": "Response: partly upheld",
    "response_not_upheld": "Response: not upheld",
    "escalation": "Escalation",
    "ombudsman": "Ombudsman",
}

# How a piece of correspondence was made, sent or received.
VIA: dict[str, str] = {
    "docx": "Word document",
    "pdf": "PDF",
    "email": "Email",
    "notify_letter": "Letter by GOV.UK Notify",
    "mailbox": "Shared mailbox",
    "eml": "Email file (.eml)",
    "msg": "Outlook file (.msg)",
}


class LetterTemplate(models.Model):
    """The council's own wording of one kind of letter; shipped wording is used until saved."""

    kind = models.CharField(max_length=32, unique=True, choices=list(LETTER_KINDS.items()))
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)  # compare-and-set: no lost edits

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return LETTER_KINDS.get(self.kind, self.kind)


class Correspondence(models.Model):
    """A letter or email sent from a case, or an email that arrived for it."""

    DIRECTION = {"out": "Sent", "in": "Received"}

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="correspondence")
    direction = models.CharField(max_length=3, choices=list(DIRECTION.items()))
    kind = models.CharField(max_length=32, blank=True, choices=list(LETTER_KINDS.items()))
    via = models.CharField(max_length=16, choices=list(VIA.items()))
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Personal data: shown on the case, never written to the audit.
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    sender = models.CharField(max_length=320, blank=True)
    recipient = models.CharField(max_length=320, blank=True)
    # The letter as produced, or the attachments of an email, kept as case documents.
    documents = models.ManyToManyField(Document, blank=True, related_name="correspondence")
    # Attachments not kept (refused like an upload would be), with why: shown on the page.
    attachments_refused = models.TextField(blank=True)
    # An email's Message-ID: the same message imported twice is recognised, not kept twice.
    message_id = models.CharField(max_length=300, blank=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "message_id"],
                condition=~models.Q(message_id=""),
                name="correspondence_message_once_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"Correspondence {self.pk} on case {self.case_id}"


class MailboxMessage(models.Model):
    """Each message the mailbox job has handled, by its Message-ID: a second run skips it."""

    message_id = models.CharField(max_length=300, unique=True)
    handled_at = models.DateTimeField(auto_now_add=True)
    # What happened to it: "new_case", "attached", "refused" (why, in `note`) or "automatic"
    # (an out-of-office or bounce set aside on no case; the reason code in `note`).
    outcome = models.CharField(max_length=16)
    case_reference = models.CharField(max_length=64, blank=True)
    note = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.message_id
