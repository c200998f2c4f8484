"""The case list: search, filters, sort, pagination and CSV export, all on one visible queryset."""

import csv
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from complaintsdesk.cases import access
from complaintsdesk.cases.forms.filters import CaseFilterForm
from complaintsdesk.cases.selectors import case_list, working_days_left
from complaintsdesk.cases.views.base import require, today
from complaintsdesk.core.audit import audit_record
from complaintsdesk.deadlines.selectors import calendar_current

PAGE_SIZE = 50
SORTABLE = (
    ("reference", "Reference"),
    ("received", "Received"),
    ("stage", "Stage"),
    ("due", "Due"),
)


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@login_required
def cases(request: HttpRequest) -> HttpResponse:
    require(access.can_list_cases(request.user))
    form = CaseFilterForm(request.GET or None)
    sort = request.GET.get("sort", "-received")
    rows = case_list(user=request.user, filters=form.filters(), sort=sort, today=today())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    calendar = calendar_current()
    for case in page.object_list:
        case.days_left = (
            working_days_left(calendar, today(), case.current_due)
            if case.status == "open"
            else None
        )
    base = _query_without(request, "sort", "page")
    headers = []
    for key, label in SORTABLE:
        current = sort.lstrip("-") == key
        descending = current and sort.startswith("-")
        next_sort = key if descending or not current else f"-{key}"
        headers.append(
            {
                "label": label,
                "url": f"?{base}&sort={next_sort}".replace("?&", "?"),
                "aria": ("descending" if descending else "ascending") if current else "none",
            }
        )
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "headers": headers,
        "nav": "cases",
        "page_query": _query_without(request, "page"),
        "export_query": _query_without(request, "page"),
        "can_export": access.can_export_cases(request.user),
    }
    return render(request, "cases/case_list.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def cases_export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered list as CSV, streamed; the export itself is audited."""
    require(access.can_export_cases(request.user))
    form = CaseFilterForm(request.GET or None)
    rows = case_list(
        user=request.user,
        filters=form.filters(),
        sort=request.GET.get("sort", "-received"),
        today=today(),
    )
    audit_record(
        actor=request.user, kind="cases.exported", payload={"query": request.GET.urlencode()[:500]}
    )
    writer = csv.writer(_Echo())
    header = [
        "reference",
        "received",
        "procedure",
        "directorate",
        "service_area",
        "team",
        "status",
        "current_stage",
        "current_due",
        "theme",
        "complainant_name",
    ]

    def lines() -> Any:
        yield writer.writerow(header)
        for case in rows.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    case.reference,
                    case.received.isoformat(),
                    case.procedure,
                    case.service_area.directorate.name,
                    case.service_area.name,
                    case.team.name if case.team else "",
                    case.status,
                    case.current_stage,
                    case.current_due.isoformat() if case.current_due else "",
                    case.theme,
                    case.complainant_name,
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="cases.csv"'
    return response
