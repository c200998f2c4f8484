"""The case list: search, filters, sort, pagination and CSV export, all on one visible queryset."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from complaintsdesk.cases import access
from complaintsdesk.cases.forms.case import complaints_team
from complaintsdesk.cases.forms.filters import CaseFilterForm
from complaintsdesk.cases.models import Stage
from complaintsdesk.cases.selectors import case_list, working_days_left
from complaintsdesk.cases.services_ownership import BULK_LIMIT
from complaintsdesk.cases.services_ownership import cases_reassign as cases_reassign_service
from complaintsdesk.cases.views.base import require, today
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.params import ParameterError, whole_number
from complaintsdesk.core.spreadsheets import csv_lines_for_people
from complaintsdesk.deadlines.selectors import calendar_current

PAGE_SIZE = 50
# Counting every one of 100,000 rows costs time on every page; past this the list says
# "more than 10,000 cases". Pages beyond the cap still work: they count exactly.
COUNT_CAP = 10_000
SORTABLE = (
    ("reference", "Reference"),
    ("received", "Received"),
    ("stage", "Stage"),
    ("due", "Due"),
)


class CappedPaginator(Paginator[Any]):
    """A paginator whose count stops at `cap` + 1 rows (None: an exact count)."""

    def __init__(self, object_list: Any, per_page: int, *, cap: int | None) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        rows = cast(QuerySet[Any], self.object_list)
        if self.cap is None:
            return rows.order_by().count()
        return rows.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.cap is not None and self.count > self.cap

    @property
    def cap_label(self) -> str:
        return f"{self.cap:,}"


def _page_number(value: str | None) -> int:
    try:
        return whole_number(value, name="page", default=1, minimum=1) or 1
    except ParameterError:
        return 1  # as Django's paginator does with a page it cannot read


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
    if form.ignored():
        names = ", ".join(form.ignored())
        messages.warning(request, f"Not filtered by {names}: that value is not one of the options.")
    number = _page_number(request.GET.get("page"))
    # A page past the cap needs the exact count to know whether it exists.
    cap = COUNT_CAP if number * PAGE_SIZE <= COUNT_CAP else None
    page = CappedPaginator(rows, PAGE_SIZE, cap=cap).get_page(number)
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
        "bulk_owners": form.owner_people if access.can_reassign_in_bulk(request.user) else [],
    }
    return render(request, "cases/case_list.html", context)


def _back_to_list(value: str | None) -> str:
    """The list page the bulk form was posted from (only ever a case list URL)."""
    if value and value.startswith("/cases/") and url_has_allowed_host_and_scheme(value, None):
        return value
    return reverse("cases:list")


@login_required
@require_POST
def cases_reassign(request: HttpRequest) -> HttpResponse:
    """The case list's bulk action: give the ticked cases to one owner, all or none."""
    require(access.can_reassign_in_bulk(request.user))
    back = _back_to_list(request.POST.get("next"))
    try:
        ids = sorted(
            {
                whole_number(value, name="cases", minimum=1) or 0
                for value in request.POST.getlist("cases")[: BULK_LIMIT + 1]
            }
        )
        owner_id = whole_number(request.POST.get("owner"), name="owner", minimum=1)
    except ParameterError:
        messages.error(request, "Nothing was reassigned: the form was not understood.")
        return redirect(back)
    owner = complaints_team().filter(pk=owner_id).first() if owner_id else None
    cases = list(access.cases_visible_to(request.user).filter(pk__in=ids).order_by("reference"))
    problem = ""
    if not ids:
        problem = "Select at least one case to reassign."
    elif owner is None:
        problem = "Choose who to reassign the selected cases to."
    elif len(cases) != len(ids):
        problem = "Some of the selected cases are no longer available to you."
    if not problem:
        try:
            moved = cases_reassign_service(actor=request.user, cases=cases, owner=owner)
        except ServiceError as error:
            problem = error.message
    if problem:
        messages.error(request, f"Nothing was reassigned. {problem}")
        return redirect(back)
    assert owner is not None  # no problem means an owner was found
    name = owner.get_full_name() or owner.get_username()
    count = len(moved)
    messages.success(
        request,
        f"{count} case{'' if count == 1 else 's'} reassigned to {name}"
        if count
        else f"The selected cases were already {name}'s",
    )
    return redirect(back)


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
    # Why the case reached its current stage, when it was escalated: one subquery, not a
    # query per row.
    rows = rows.annotate(
        escalation_reason=Subquery(
            Stage.objects.filter(case=OuterRef("pk"), kind=OuterRef("current_stage")).values(
                "escalation_reason"
            )[:1]
        )
    )
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
        "owner",
        "responding_manager",
        "received_via",
        "escalation_reason",
        "complainant_name",
    ]

    values = (
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
            case.owner.get_username() if case.owner else "",
            case.responding_manager.get_username() if case.responding_manager else "",
            case.received_via,
            case.escalation_reason or "",
            case.complainant_name,
        ]
        for case in rows.iterator(chunk_size=2000)
    )
    response = StreamingHttpResponse(csv_lines_for_people(header, values), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="cases.csv"'
    return response
