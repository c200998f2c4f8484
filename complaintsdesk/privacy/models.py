"""Data protection records: the retention schedule's versions, legal holds, retention runs,
subject access requests and erasure requests. The breach log is `cases.DataBreach`."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from complaintsdesk.privacy.retention import RetentionSchedule


class RetentionScheduleVersion(models.Model):
    """A council's retention schedule in force from `effective_from` (`retention.py`).

    `schedule` holds `RetentionSchedule.to_dict()`; the column `effective_from` wins.
    """

    effective_from = models.DateField(unique=True)
    schedule = models.JSONField()
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["effective_from"]

    def __str__(self) -> str:
        return f"Retention schedule from {self.effective_from}"

    def clean(self) -> None:
        try:
            self.as_schedule()
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ValidationError({"schedule": str(error)}) from error

    def as_schedule(self) -> RetentionSchedule:
        data: dict[str, Any] = dict(self.schedule)
        data["effective_from"] = self.effective_from
        data.setdefault("note", self.note)
        return RetentionSchedule.from_dict(data)


class LegalHold(models.Model):
    """Keeps a case, or everything about a person, from retention and erasure until lifted."""

    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="legal_holds"
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="legal_holds",
    )
    reason = models.TextField()
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-set_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False, person__isnull=True)
                | Q(case__isnull=True, person__isnull=False),
                name="legal_hold_on_a_case_or_a_person",
            )
        ]
        indexes = [models.Index(fields=["lifted_at"], name="legal_hold_active")]

    def __str__(self) -> str:
        return f"Legal hold {self.pk}"


class RetentionRun(models.Model):
    """One run of the retention job: what it anonymised, by case reference (not personal)."""

    today = models.DateField(db_index=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    cases_anonymised = models.PositiveIntegerField(default=0)
    documents_deleted = models.PositiveIntegerField(default=0)
    people_anonymised = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"Retention run for {self.today}"


class SubjectAccessRequest(models.Model):
    STATUS = {
        "open": "Open",
        "disclosed": "Disclosed",
        "withdrawn": "Withdrawn",
    }

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="subject_access_requests"
    )
    received = models.DateField()
    requested_by = models.CharField(
        max_length=200, blank=True, help_text="Who asked, if not the person themselves"
    )
    identity_checked = models.DateField(null=True, blank=True)
    identity_evidence = models.CharField(max_length=200, blank=True)
    due = models.DateField(db_index=True)
    extended = models.BooleanField(default=False)
    extension_reason = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=list(STATUS.items()), default="open")
    closed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["status", "due"], name="sar_open_due")]

    def __str__(self) -> str:
        return f"Subject access request {self.pk}"

    @property
    def reference(self) -> str:
        return f"SAR-{self.pk}"


class ErasureRequest(models.Model):
    """A person's request to be erased, carried out once a complaints manager confirms."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="erasure_requests"
    )
    received = models.DateField()
    reason = models.TextField()
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    carried_out_at = models.DateTimeField(auto_now_add=True)
    cases_anonymised = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"Erasure request {self.pk}"
