"""The council's own closure days, added to the bank holidays of its calendar."""

from django.db import models


class ClosureDay(models.Model):
    date = models.DateField(unique=True)
    description = models.CharField(max_length=200)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.description}"
