"""Shared form parts: the case version carried by every form that writes to a case."""

from typing import Any

from django import forms

from complaintsdesk.core import vocabulary as v


class VersionedForm(forms.Form):
    """Posts back the case version the person loaded, so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def blank_first(vocabulary: dict[str, str], blank: str = "Choose") -> list[tuple[str, str]]:
    return [("", blank), *v.choices(vocabulary)]


def text(label: str, *, required: bool = True, width: str = "", **kwargs: Any) -> forms.CharField:
    attrs = {"class": f"govuk-input--width-{width}"} if width else {}
    return forms.CharField(
        label=label, required=required, widget=forms.TextInput(attrs=attrs), **kwargs
    )


def textarea(label: str, *, required: bool = True, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea, **kwargs)


YES_NO_UNKNOWN = [("", "Not known"), ("yes", "Yes"), ("no", "No")]


def tri_state(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)
