"""Self-assessment answers (every save a new row) and the Ombudsman's annual figures."""

from django.conf import settings
from django.db import models

from complaintsdesk.codecompliance.provisions import COMPLIANCE


class SelfAssessmentAnswer(models.Model):
    """One saved answer to one provision for one year; the latest row is the answer, the
    earlier ones its history (never updated, never deleted)."""

    year = models.CharField(max_length=7)  # a financial year, "2026-27"
    provision = models.CharField(max_length=8)  # a ref of provisions.PROVISIONS
    compliance = models.CharField(max_length=8, choices=list(COMPLIANCE.items()))
    explanation = models.TextField(blank=True)
    evidence = models.TextField(blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "provision", "-id"]
        indexes = [models.Index(fields=["year", "provision", "-id"], name="answer_latest")]

    def __str__(self) -> str:
        return f"{self.year} {self.provision}: {self.compliance}"


class OmbudsmanAnnualFigures(models.Model):
    """The Ombudsman's published figures for the council for one year (its annual letter
    and data), imported from a CSV so the council's own records can be reconciled."""

    year = models.CharField(max_length=7, unique=True)
    decisions = models.PositiveIntegerField()
    upheld_rate = models.DecimalField(max_digits=4, decimal_places=1)  # % of investigations
    compliance_rate = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    # Upheld cases in which the council had already offered a satisfactory remedy.
    remedies_satisfactory = models.PositiveIntegerField(null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name_plural = "Ombudsman annual figures"

    def __str__(self) -> str:
        return f"Ombudsman figures {self.year}"
