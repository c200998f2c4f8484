"""A person the council holds data about: complainant, child, advocate or representative.

Cases point to people through `cases.CasePerson`; the case keeps the details as given on it
(what the letter or form said), the person record the current ones. The `*_key` columns are
the normalised forms search and the duplicate check read (`people.keys`), kept by `save`.
"""

from typing import Any

from django.conf import settings
from django.db import models

from complaintsdesk.people import keys


class Person(models.Model):
    name = models.CharField(max_length=200, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)

    name_key = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    email_key = models.CharField(max_length=254, blank=True, db_index=True, editable=False)
    phone_key = models.CharField(max_length=40, blank=True, db_index=True, editable=False)
    postcode_key = models.CharField(max_length=8, blank=True, db_index=True, editable=False)

    # A merged record stays (nothing is lost), pointing at the one it was merged into.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name_key", "id"]

    def __str__(self) -> str:
        return f"Person {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.keys_refresh()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "name_key",
                "email_key",
                "phone_key",
                "postcode_key",
            }
        super().save(*args, **kwargs)

    def keys_refresh(self) -> None:
        self.name_key = keys.name_key(self.name)
        self.email_key = keys.email_key(self.email)
        self.phone_key = keys.phone_key(self.phone)
        self.postcode_key = keys.postcode_key(self.address)

    @property
    def display_name(self) -> str:
        if self.anonymised_at:
            return "Anonymised person"
        return self.name or "Name not given"
