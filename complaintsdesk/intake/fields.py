"""Form fields shaped like the GOV.UK Design System's components."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone


class DatePartsWidget(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input); rendered by fields/date.html."""

    def __init__(self) -> None:
        box = {"inputmode": "numeric"}
        super().__init__(
            [forms.TextInput(attrs=box), forms.TextInput(attrs=box), forms.TextInput(attrs=box)]
        )

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, str) and value:
            value = date.fromisoformat(value)
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A past date typed as day, month and year, with the Design System's error messages."""

    widget = DatePartsWidget

    def __init__(
        self,
        *,
        what: str,
        future_message: str = "must be in the past",
        empty_text: str = "Not given",
        **kwargs: Any,
    ) -> None:
        self.what = what  # e.g. "Date of birth": starts every message
        self.future_message = future_message  # today is always allowed
        self.empty_text = empty_text  # what "Check your answers" shows for a blank optional date
        parts = (forms.CharField(required=False),) * 3
        super().__init__(parts, require_all_fields=False, **kwargs)
        self.error_messages["required"] = f"Enter the {what.lower()}"

    def compress(self, data_list: list[Any]) -> date | None:
        if not data_list or not any(data_list):
            return None
        day, month, year = ((part or "").strip() for part in data_list)
        missing = [
            name for name, part in (("day", day), ("month", month), ("year", year)) if not part
        ]
        if missing:
            raise ValidationError(f"{self.what} must include a {' and '.join(missing)}")
        try:
            value = date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{self.what} must be a real date") from None
        if value.year < 1900:
            raise ValidationError(f"{self.what} must be a real date")
        if value > timezone.localdate():
            raise ValidationError(f"{self.what} {self.future_message}")
        return value
