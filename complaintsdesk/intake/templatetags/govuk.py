"""`{% govuk_field form.x page_heading=True %}`: a form field in GOV.UK Frontend markup."""

from typing import Any, cast

from django import template
from django.forms import BoundField
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from complaintsdesk.intake.presenters import field_anchor, field_kind

register = template.Library()


def _date_parts(bf: BoundField) -> list[dict[str, object]]:
    value = bf.value()
    parts = value if isinstance(value, list) else bf.field.widget.decompress(value)
    names = [("Day", "day", 2), ("Month", "month", 2), ("Year", "year", 4)]
    return [
        {
            "label": label,
            "autocomplete": f"bday-{key}" if "birth" in bf.name else "",
            "id": f"{bf.auto_id}_{i}",
            "name": f"{bf.html_name}_{i}",
            "value": "" if parts[i] in (None, "") else parts[i],
            "width": width,
        }
        for i, (label, key, width) in enumerate(names)
    ]


@register.simple_tag
def govuk_field(bf: BoundField, page_heading: bool = False) -> SafeString:
    kind = field_kind(bf)
    context = {
        "field": bf,
        "id": bf.auto_id,
        "anchor": field_anchor(bf),
        "page_heading": page_heading,
        "attrs": bf.field.widget.attrs,
        "value": bf.value() if kind not in {"date", "file"} else None,
    }
    if kind == "date":
        context["parts"] = _date_parts(bf)
    if kind in {"radios", "checkboxes"}:
        selected = bf.value()
        selected = [str(s) for s in selected] if isinstance(selected, list) else [str(selected)]
        context["options"] = [
            {
                "value": str(value),
                "label": label,
                "id": f"{bf.auto_id}_{i}",
                "checked": str(value) in selected,
            }
            for i, (value, label) in enumerate(cast(Any, bf.field).choices)
        ]
    return render_to_string(f"intake/fields/{kind}.html", context)
