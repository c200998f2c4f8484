"""The council's own closure days, added to the bank holidays of its calendar, and its own
versions of the timescale table."""

from django.core.exceptions import ValidationError
from django.db import models

from complaintsdesk.workflow.rules import RuleSet, code_departures


class ClosureDay(models.Model):
    date = models.DateField(unique=True)
    description = models.CharField(max_length=200)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.description}"


class TimescaleRuleVersion(models.Model):
    """A council's own version of the timescale table, in force from `effective_from`.

    `rules` holds `workflow.rules.RuleSet.to_dict()`; the column `effective_from` wins over
    any `effective_from` key in it, so the shipped table and stored versions share one shape.
    """

    effective_from = models.DateField(unique=True)
    rules = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["effective_from"]

    def __str__(self) -> str:
        return f"Timescales from {self.effective_from}"

    def clean(self) -> None:
        # A version that cannot be read back would break every due date after its start.
        try:
            ruleset = self.as_ruleset()
        except (KeyError, TypeError, ValueError) as error:
            raise ValidationError({"rules": str(error)}) from error
        # From 1 April 2026 the corporate procedure may be stricter than the Code, not looser.
        departures = code_departures(ruleset)
        if departures:
            raise ValidationError({"rules": " ".join(departures)})

    def as_ruleset(self) -> RuleSet:
        data = dict(self.rules)
        data["effective_from"] = self.effective_from
        data.setdefault("note", self.note)
        return RuleSet.from_dict(data)
