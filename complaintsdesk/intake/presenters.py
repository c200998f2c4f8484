"""What the templates show: error summaries, field anchors, check-your-answers rows."""

from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django import forms

from complaintsdesk.intake.fields import DatePartsWidget, GovukDateField
from complaintsdesk.workflow.rules import format_date


def field_kind(bf: forms.BoundField) -> str:
    widget = bf.field.widget
    if isinstance(widget, DatePartsWidget):
        return "date"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


def field_anchor(bf: forms.BoundField) -> str:
    """The id the error summary links to: the first radio, checkbox or date box, else the input."""
    if field_kind(bf) in {"date", "radios", "checkboxes"}:
        return f"{bf.auto_id}_0"
    return str(bf.auto_id)


def visible_fields(form: forms.Form) -> list[forms.BoundField]:
    return [bf for bf in form if bf.name != "website"]


def error_summary(form: forms.Form) -> list[dict[str, str]]:
    fields = visible_fields(form)
    first = f"#{field_anchor(fields[0])}" if fields else "#main-content"
    items = [{"text": str(message), "href": first} for message in form.non_field_errors()]
    for bf in fields:
        for message in bf.errors:
            items.append({"text": str(message), "href": f"#{field_anchor(bf)}"})
    return items


def display_value(field: forms.Field, value: Any) -> str:
    if value in (None, "", []):
        return str(getattr(field, "empty_text", "Not given"))
    if isinstance(field, GovukDateField):
        return format_date(value if isinstance(value, date) else date.fromisoformat(value))
    if isinstance(field, forms.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, forms.ChoiceField):
        labels = {str(k): str(label) for k, label in cast(Any, field.choices)}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(x), str(x)) for x in values)
    return str(value)


@dataclass(frozen=True)
class SummaryRow:
    key: str
    value: str
    change_url: str
    change_label: str


def short_label(label: str) -> str:
    return label.replace(" (optional)", "").rstrip("?")
