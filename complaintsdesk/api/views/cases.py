"""Case operations: list, read, create. Each goes through the access module and the services."""

from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone

from complaintsdesk.api import serializers
from complaintsdesk.api.auth import api_error
from complaintsdesk.api.endpoint import api_view, json_object, text_fields
from complaintsdesk.cases import access
from complaintsdesk.cases.models import Case, ServiceArea, Team
from complaintsdesk.cases.services import case_create
from complaintsdesk.cases.services_casework import case_viewed
from complaintsdesk.core import vocabulary as v
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.params import iso_date, one_of, whole_number

PAGE_SIZE_MAX = 200
# A page further than this is refused: an offset is skipped row by row by the database.
OFFSET_MAX = 1_000_000
FILTERS = {"status": Case.STATUS, "procedure": v.PROCEDURE, "current_stage": v.STAGE}


@api_view("GET", "POST")
def cases(request: HttpRequest) -> JsonResponse:
    if request.method == "POST":
        return _case_create(request)
    if not access.can_list_cases(request.user):
        return api_error(403, "This account cannot list cases.")
    limit = whole_number(
        request.GET.get("limit"), name="limit", default=50, minimum=1, maximum=PAGE_SIZE_MAX
    )
    offset = whole_number(request.GET.get("offset"), name="offset", default=0, maximum=OFFSET_MAX)
    assert limit is not None and offset is not None
    query = access.cases_visible_to(request.user).select_related(
        "service_area__directorate", "team"
    )
    for field, choices in FILTERS.items():
        value = one_of(request.GET.get(field), name=field, choices=choices)
        if value:
            query = query.filter(**{field: value})
    query = query.order_by("-received", "-id")
    page = list(query[offset : offset + limit + 1])
    return JsonResponse(
        {
            "results": [serializers.case_summary(c) for c in page[:limit]],
            "offset": offset,
            "limit": limit,
            "more": len(page) > limit,
        }
    )


def _case_create(request: HttpRequest) -> JsonResponse:
    if not access.can_log_case(request.user):
        return api_error(403, "This account cannot log cases.")
    body = text_fields(
        json_object(request),
        required=("procedure", "service_area", "received"),
        optional=("team", "first_stage", "channel", "complainant_type", "theme", "summary"),
    )
    received = iso_date(body["received"], name="received", latest=timezone.localdate())
    assert received is not None
    try:
        service_area = ServiceArea.objects.get(name=body["service_area"])
        team = (
            Team.objects.get(service_area=service_area, name=body["team"])
            if "team" in body
            else None
        )
        case = case_create(
            actor=request.user,
            procedure=body["procedure"],
            service_area=service_area,
            team=team,
            received=received,
            first_stage=body.get("first_stage"),
            channel=body.get("channel", ""),
            complainant_type=body.get("complainant_type", ""),
            theme=body.get("theme", ""),
            summary=body.get("summary", ""),
            received_via="api",
        )
    except ServiceError as error:
        return api_error(400, error.message, field=error.field)
    except ServiceArea.DoesNotExist:
        return api_error(400, "No such service area.", field="service_area")
    except Team.DoesNotExist:
        return api_error(400, "No such team in that service area.", field="team")
    return JsonResponse(serializers.case_summary(case), status=201)


@api_view("GET")
def case(request: HttpRequest, reference: str) -> JsonResponse:
    try:
        found = access.case_get_for_user(request.user, reference)
    except Http404:  # missing and forbidden look the same
        return api_error(404, "No case found.")
    case_viewed(actor=request.user, case=found)
    return JsonResponse(serializers.case_detail(found))
