"""The case page (a read of personal data, so audited) and the case's audit trail."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from complaintsdesk.cases import access
from complaintsdesk.cases.selectors import case_audit_events, case_detail
from complaintsdesk.cases.services_casework import case_viewed
from complaintsdesk.cases.views.actions_menu import case_actions, stage_actions
from complaintsdesk.cases.views.base import today
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.core.spreadsheets import csv_lines_for_people
from complaintsdesk.people.access import can_merge_people, can_search_people
from complaintsdesk.people.selectors import case_people
from complaintsdesk.timeline.selectors import case_timeline


@login_required
def case_page(request: HttpRequest, reference: str) -> HttpResponse:
    case = access.case_get_for_user(request.user, reference)
    detail = case_detail(user=request.user, case=case, today=today())
    timeline = case_timeline(case=case, detail=detail)
    case_viewed(actor=request.user, case=case)
    stages = [
        {
            "view": view,
            "actions": stage_actions(request.user, view, is_last=view.stage is detail.last_stage),
        }
        for view in detail.stages
    ]
    return render(
        request,
        "cases/case_page.html",
        {
            "case": case,
            "detail": detail,
            "timeline": timeline,
            "stages": stages,
            "nav": "cases",
            "actions": case_actions(request.user, detail),
            "can_view_lgsco": access.can_view_lgsco(request.user),
            "can_remove_document": case.anonymised_at is None
            and access.can_remove_document(request.user, case),
            "case_people": (
                case_people(user=request.user, case=case) if can_search_people(request.user) else []
            ),
            "can_merge": can_merge_people(request.user),
        },
    )


@login_required
def case_audit(request: HttpRequest, reference: str) -> HttpResponse:
    case = access.case_get_for_user(request.user, reference)
    if not access.can_view_case_audit(request.user, case):
        raise PermissionDenied
    page = Paginator(case_audit_events(case=case), 100).get_page(request.GET.get("page"))
    return render(request, "cases/case_audit.html", {"case": case, "page": page, "nav": "cases"})


@login_required
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    """Every audit event as CSV (complaints manager only); the export is itself audited."""
    if not access.can_export_audit(request.user):
        raise PermissionDenied
    audit_record(actor=request.user, kind="audit.exported")
    events = AuditEvent.objects.select_related("actor").order_by("at", "id")
    header = ["at", "actor", "kind", "case_reference", "object_type", "object_id", "payload"]
    values = (
        [
            e.at.isoformat(),
            e.actor.get_username() if e.actor else "",
            e.kind,
            e.case_reference,
            e.object_type,
            e.object_id,
            e.payload,
        ]
        for e in events.iterator(chunk_size=2000)
    )
    response = StreamingHttpResponse(csv_lines_for_people(header, values), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="audit.csv"'
    return response
