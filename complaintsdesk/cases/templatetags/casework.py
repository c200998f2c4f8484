"""Template helpers for the staff pages: GOV.UK field parts and the service navigation."""

from datetime import date
from functools import lru_cache
from typing import Any, cast
from urllib.parse import quote

from django import template
from django.forms import BoundField
from django.urls import get_script_prefix, reverse
from django.utils.dates import MONTHS_3
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from complaintsdesk.cases import access
from complaintsdesk.people.access import can_search_people
from complaintsdesk.privacy.access import can_view_privacy

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
    widget = field.field.widget
    if (
        getattr(widget, "allow_multiple_selected", False)
        and getattr(widget, "input_type", "") == "checkbox"
    ):
        return "checkboxselectmultiple"  # a group of checkboxes, not one
    return str(getattr(widget, "input_type", "") or field.widget_type)


@register.filter
def error_anchor(field: BoundField) -> str:
    """The id of the first input of a field, for the error summary's link."""
    kind = widget_kind(field)
    if kind == "govdate":
        return f"{field.auto_id}-day"
    if kind in ("radio", "checkbox", "checkboxselectmultiple") and hasattr(field.field, "choices"):
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
        ("caseload", "Caseload", "/caseload/", access.can_view_caseload(user)),
        ("people", "People", "/people/", can_search_people(user)),
        ("lgsco", "Ombudsman", "/ombudsman/", access.can_view_lgsco(user)),
        ("learning", "Learning", "/learning/", access.can_view_learning(user)),
        ("compliments", "Compliments", "/compliments/", access.can_manage_compliments(user)),
        ("privacy", "Data protection", "/data-protection/", can_view_privacy(user)),
        ("reports", "Reports", "/reports/", access.can_view_reports(user)),
        ("admin", "Administration", "/administration/", access.can_administer(user)),
    ]
    return [
        {"key": key, "label": label, "url": url, "active": key == active}
        for key, label, url, allowed in items
        if allowed
    ]


# --- the case list's rows: plain functions, as a list page renders them 50 times ----------


@lru_cache(maxsize=8)
def _case_url_parts(script_prefix: str) -> tuple[str, str]:
    marker = "REFERENCE-MARKER"
    url = reverse("cases:case", args=[marker])
    before, after = url.split(marker)
    return before, after


@register.filter
def case_url(reference: str) -> str:
    """The case page's address, as `{% url 'cases:case' reference %}` gives, without a reverse."""
    before, after = _case_url_parts(get_script_prefix())
    # Quoted as reverse() quotes a `path` argument.
    return before + quote(str(reference), safe="/~:@!$&'()*+,;=") + after


@lru_cache(maxsize=8)
def _month_abbreviations(language: str | None) -> tuple[str, ...]:
    return ("",) + tuple(str(MONTHS_3[m]).title() for m in range(1, 13))


@register.filter
def short_date(value: date | None) -> str:
    """`value|date:"j M Y"` (3 Mar 2025); empty for no date."""
    if not value:
        return ""
    months = _month_abbreviations(get_language())
    return f"{value.day} {months[value.month]} {value.year:04d}"


_STATUS_TAGS = {
    "open": '<strong class="govuk-tag govuk-tag--blue">Open</strong>',
    "awaiting_triage": '<strong class="govuk-tag govuk-tag--purple">Awaiting triage</strong>',
}
_CLOSED_TAG = '<strong class="govuk-tag govuk-tag--grey">Closed</strong>'


@register.filter
def status_tag(status: str) -> SafeString:
    """The markup of includes/status_tag.html."""
    return mark_safe(_STATUS_TAGS.get(status, _CLOSED_TAG))  # constant markup


@register.filter
def days_left_tag(days: int | None) -> SafeString:
    """The markup of includes/days_left.html."""
    if days is None:
        html = "–"
    elif days < 0:
        html = f'<strong class="govuk-tag govuk-tag--red">{-days} working days overdue</strong>'
    elif days == 0:
        html = '<strong class="govuk-tag govuk-tag--orange">Due today</strong>'
    elif days <= 2:
        html = f'<strong class="govuk-tag govuk-tag--yellow">{days} left</strong>'
    else:
        html = str(days)
    return mark_safe(html)  # built from integers only


@register.filter
def select_options(field: BoundField) -> SafeString:
    """The <option> elements of a select field, the selected value(s) marked."""
    value = field.value()
    values = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value or "")}
    parts = []
    for choice_value, label in cast(Any, field.field).choices:
        key = str(getattr(choice_value, "value", choice_value))
        if key == "None":
            key = ""
        selected = " selected" if key in values else ""
        value_html, label_html = conditional_escape(key), conditional_escape(label)
        parts.append(f'<option value="{value_html}"{selected}>{label_html}</option>')
    return mark_safe("".join(parts))  # every value escaped above
