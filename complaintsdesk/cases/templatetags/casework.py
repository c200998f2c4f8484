"""Template helpers for the staff pages: GOV.UK field parts and the service navigation."""

from datetime import date
from typing import Any

from django import template
from django.forms import BoundField
from django.utils.html import format_html_join

from complaintsdesk.cases import access

register = template.Library()


@register.filter
def date_parts(field: BoundField) -> dict[str, str]:
    """Day, month and year to show in a GOV.UK date input, from typed input or the initial date."""
    value = field.value()
    if isinstance(value, date):
        return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
    if isinstance(value, str) and value.count("-") == 2:
        year, month, day = value.split("-")
        return {"day": day, "month": month, "year": year}
    return {"day": "", "month": "", "year": ""}


@register.filter
def widget_kind(field: BoundField) -> str:
    return str(getattr(field.field.widget, "input_type", "") or field.widget_type)


@register.filter
def error_anchor(field: BoundField) -> str:
    """The id of the first input of a field, for the error summary's link."""
    kind = widget_kind(field)
    if kind == "govdate":
        return f"{field.auto_id}-day"
    if kind in ("radio", "checkbox") and hasattr(field.field, "choices"):
        return f"{field.auto_id}_0"
    return str(field.auto_id)


@register.filter
def extra_attrs(field: BoundField) -> str:
    attrs = {k: v for k, v in field.field.widget.attrs.items() if k not in ("class", "required")}
    return format_html_join(" ", '{}="{}"', attrs.items())


@register.filter
def width_class(field: BoundField) -> str:
    return str(field.field.widget.attrs.get("class", ""))


@register.simple_tag
def nav_items(user: Any, active: str = "") -> list[dict[str, Any]]:
    """Service navigation links this user may follow."""
    items = [
        ("home", "My work", "/", access.can_list_cases(user)),
        ("cases", "Cases", "/cases/", access.can_list_cases(user)),
        ("log", "Log a case", "/cases/new/", access.can_log_case(user)),
        ("lgsco", "Ombudsman", "/ombudsman/", access.can_view_lgsco(user)),
        ("learning", "Learning", "/learning/", access.can_view_learning(user)),
        ("compliments", "Compliments", "/compliments/", access.can_manage_compliments(user)),
        ("reports", "Reports", "/reports/", access.can_view_reports(user)),
        ("admin", "Administration", "/administration/", access.can_administer(user)),
    ]
    return [
        {"key": key, "label": label, "url": url, "active": key == active}
        for key, label, url, allowed in items
        if allowed
    ]
