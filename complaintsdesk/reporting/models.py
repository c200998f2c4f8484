"""Records the reports keep: the manager's narrative and accepted privacy findings.

Both are append-only: a narrative edit adds a row (the latest per section wins, the history
stays), and an acceptance is never edited, only superseded by the source text changing.
"""

from typing import Any

from django.conf import settings
from django.db import models


class ReportNarrative(models.Model):
    year = models.CharField(max_length=7)  # a financial year, "2023-24"
    preset = models.CharField(max_length=16, default="children")  # annual.presets.PRESETS
    section = models.CharField(max_length=32)  # a section key of that preset
    text = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "section", "-created_at", "-id"]
        indexes = [models.Index(fields=["year", "section", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.year} {self.preset} {self.section} ({self.created_at:%d %b %Y %H:%M})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Narrative versions are append-only: save a new one")
        super().save(*args, **kwargs)


class ReportSignOff(models.Model):
    """A named manager's sign-off of one year's report of one preset, append-only.

    It holds while no narrative of that report is saved after it (`signoff_current`): an
    edit after sign-off needs a new one before the published edition can be released.
    """

    year = models.CharField(max_length=7)
    preset = models.CharField(max_length=16)
    name = models.CharField(max_length=200)  # as printed: "Jo Bloggs"
    role = models.CharField(max_length=200)  # as printed: "Head of Customer Relations"
    signed_on = models.DateField()
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["year", "preset", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.year} {self.preset} signed off by {self.name} on {self.signed_on}"


class ComplimentExample(models.Model):
    """A compliment a manager chose to quote in a year's report (its summary is printed,
    after the personal-data check of the published edition)."""

    year = models.CharField(max_length=7)
    preset = models.CharField(max_length=16)
    compliment = models.ForeignKey(
        "cases.Compliment", on_delete=models.CASCADE, related_name="report_examples"
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "preset", "compliment"], name="one_example_per_compliment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.preset} example {self.compliment_id}"


class PrivacyAcceptance(models.Model):
    """A named person's decision that one finding in one record may be published as written.

    Only a hash of the finding is kept, so this table never holds the personal data itself.
    """

    record_type = models.CharField(max_length=32)  # learning, lgsco_case, case, narrative
    record_id = models.CharField(max_length=64)
    field = models.CharField(max_length=64)
    finding_hash = models.CharField(max_length=64)
    finding_kind = models.CharField(max_length=32)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "record_id", "field", "finding_hash"],
                name="one_acceptance_per_finding",
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_id} {self.field} {self.finding_kind}"


class TallyMonth(models.Model):
    """One month of one counted (record type, date): e.g. stages by `started`, May 2023.

    Database triggers (migration 0002) add 1 to `changes` on every write that could change
    the month's counts; `counted` is the `changes` value its cells were counted at, and
    `signature` the definitions they were counted with. Cells are current only when both
    match: see `tally_store.py`.
    """

    source = models.CharField(max_length=16)  # a figures Source: stages | cases
    date_field = models.CharField(max_length=32)  # the row field the month is of
    month = models.DateField()  # its first day
    changes = models.BigIntegerField(default=0)
    counted = models.BigIntegerField(default=-1)
    signature = models.CharField(max_length=64, blank=True)
    # {"<service area id>|<procedure>": {set key: n, sum key: "amount"}}, keys as tally.py
    # names them; one document per month, so a year reads a few hundred small rows.
    cells = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "date_field", "month"], name="one_tally_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}.{self.date_field} {self.month:%b %Y}"
