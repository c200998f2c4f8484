"""Shared form parts: the case version carried by every form that writes to a case."""

from typing import Any

from django import forms
from django.db import models

from complaintsdesk.core import vocabulary as v


class VersionedForm(forms.Form):
    """Posts back the case version the person loaded, so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def blank_first(vocabulary: dict[str, str], blank: str = "Choose") -> list[tuple[str, str]]:
    return [("", blank), *v.choices(vocabulary)]


# Every text field is bounded: a value longer than its column is a message on the form, not
# a database error (PostgreSQL refuses it; SQLite would keep it). Prose is bounded as the API
# bounds it.
LINE_MAX = 200
PROSE_MAX = 20_000


def column_length(model: type[models.Model], name: str) -> int:
    """The longest value the model's column holds, for the form field that fills it."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.CharField) and field.max_length is not None, name
    return int(field.max_length)


def text(
    label: str, *, required: bool = True, width: str = "", max_length: int = LINE_MAX, **kwargs: Any
) -> forms.CharField:
    attrs = {"class": f"govuk-input--width-{width}"} if width else {}
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.TextInput(attrs=attrs),
        max_length=max_length,
        **kwargs,
    )


def textarea(
    label: str, *, required: bool = True, max_length: int = PROSE_MAX, **kwargs: Any
) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea, max_length=max_length, **kwargs
    )


YES_NO_UNKNOWN = [("", "Not known"), ("yes", "Yes"), ("no", "No")]


def tri_state(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)
