"""The GOV.UK date input (day, month, year boxes) as a Django widget."""

from typing import Any

from django import forms


class GovDateInput(forms.Widget):
    """Reads `<name>-day`, `<name>-month`, `<name>-year`; a plain `<name>=YYYY-MM-DD` also works."""

    input_type = "govdate"

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        parts = [str(data.get(f"{name}-{p}", "")).strip() for p in ("year", "month", "day")]
        if not any(parts):
            return data.get(name)
        return "-".join(parts)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}-day" not in data


class GovDateField(forms.DateField):
    widget = GovDateInput
    default_error_messages = {"invalid": "Enter a real date, for example 27 3 2025."}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(**kwargs)
