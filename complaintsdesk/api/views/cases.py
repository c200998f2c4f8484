"""Case operations: list, read, log, update. Each goes through the access module and services."""

from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone

from complaintsdesk.api import schemas, serializers
from complaintsdesk.api.auth import api_error
from complaintsdesk.api.endpoint import ApiInputError
from complaintsdesk.api.operation import operation
from complaintsdesk.cases import access
from complaintsdesk.cases.models import Case, ServiceArea, Team
from complaintsdesk.cases.services import case_create, case_update
from complaintsdesk.cases.services_casework import case_viewed
from complaintsdesk.core import vocabulary as v
from complaintsdesk.core.params import one_of, whole_number

PAGE_SIZE_MAX = 200
# A page further than this is refused: an offset is skipped row by row by the database.
OFFSET_MAX = 1_000_000
FILTERS = {"status": Case.STATUS, "procedure": v.PROCEDURE, "current_stage": v.STAGE}
REFERENCE: dict[str, dict[str, Any]] = {
    "reference": {"type": "string", "description": "The case reference, e.g. COM/123."}
}
LIST_QUERY: dict[str, dict[str, Any]] = {
    "limit": {"type": "integer", "minimum": 1, "maximum": PAGE_SIZE_MAX, "default": 50},
    "offset": {"type": "integer", "minimum": 0, "maximum": OFFSET_MAX, "default": 0},
    **{name: {"type": "string", "enum": list(choices)} for name, choices in FILTERS.items()},
}


def case_for(request: HttpRequest, reference: str) -> Case:
    """The case if the token's user may see it; a missing and a forbidden case look alike."""
    try:
        return access.case_get_for_user(request.user, reference)
    except Http404:
        raise ApiInputError(404, "No case found.") from None


@operation(
    "GET", summary="Cases the user may see, newest first", query=LIST_QUERY, answer=schemas.CaseList
)
def case_list(request: HttpRequest) -> JsonResponse:
    if not access.can_list_cases(request.user):
        return api_error(403, "This account cannot list cases.")
    limit = whole_number(
        request.GET.get("limit"), name="limit", default=50, minimum=1, maximum=PAGE_SIZE_MAX
    )
    offset = whole_number(request.GET.get("offset"), name="offset", default=0, maximum=OFFSET_MAX)
    assert limit is not None and offset is not None
    query = access.cases_visible_to(request.user).select_related(
        "service_area__directorate", "team", "owner", "responding_manager"
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


def _service_area(name: str) -> ServiceArea:
    try:
        return ServiceArea.objects.get(name=name)
    except ServiceArea.DoesNotExist:
        raise ApiInputError(400, "No such service area.", field="service_area") from None


def _team(service_area: ServiceArea, name: str | None) -> Team | None:
    if not name:
        return None
    try:
        return Team.objects.get(service_area=service_area, name=name)
    except Team.DoesNotExist:
        raise ApiInputError(400, "No such team in that service area.", field="team") from None


@operation(
    "POST",
    summary="Log a case, through the same service as the pages",
    body=schemas.CaseCreate,
    status=201,
    answer=schemas.CaseSummary,
    errors=(400, 401, 403),
)
def case_log(request: HttpRequest, body: schemas.CaseCreate) -> JsonResponse:
    if not access.can_log_case(request.user):
        return api_error(403, "This account cannot log cases.")
    if body.received > timezone.localdate():
        raise ApiInputError(400, "received cannot be after today.", field="received")
    service_area = _service_area(body.service_area)
    case = case_create(
        actor=request.user,
        procedure=body.procedure,
        service_area=service_area,
        team=_team(service_area, body.team),
        received=body.received,
        first_stage=body.first_stage,
        channel=body.channel or "",
        complainant_type=body.complainant_type or "",
        theme=body.theme or "",
        summary=body.summary or "",
        received_via="api",
    )
    return JsonResponse(serializers.case_summary(case), status=201)


@operation(
    "GET",
    summary="One case with its stages, due dates and working days taken (audited)",
    path_params=REFERENCE,
    answer=schemas.CaseDetail,
    errors=(400, 401, 404),
)
def case_read(request: HttpRequest, reference: str) -> JsonResponse:
    found = case_for(request, reference)
    case_viewed(actor=request.user, case=found)
    return JsonResponse(serializers.case_detail(found))


# Fields a client clears with null: text becomes blank, a yes/no becomes "not known".
_CLEARED_AS_BLANK = {
    "channel",
    "complainant_type",
    "theme",
    "desired_outcome",
    "complainant_email",
    "complainant_phone",
    "complainant_address",
    "relationship_to_child",
    "advocacy_service",
}
_NOT_CLEARABLE = {"service_area", "summary", "complainant_name"}


@operation(
    "PATCH",
    summary="Change a case's details (the fields sent); refused with 409 if `version` is stale",
    path_params=REFERENCE,
    body=schemas.CaseUpdate,
    answer=schemas.CaseSummary,
    errors=(400, 401, 403, 404, 409),
)
def case_change(request: HttpRequest, reference: str, body: schemas.CaseUpdate) -> JsonResponse:
    case = case_for(request, reference)
    if not access.can_edit_case(request.user, case):
        return api_error(403, "This account cannot edit this case.")
    sent = body.model_dump(include=body.model_fields_set - {"version"})
    changes: dict[str, Any] = {}
    for name, value in sent.items():
        if value is None and name in _NOT_CLEARABLE:
            raise ApiInputError(400, f"{name} cannot be cleared.", field=name)
        changes[name] = "" if value is None and name in _CLEARED_AS_BLANK else value
    if "service_area" in changes:
        changes["service_area"] = _service_area(changes["service_area"])
    if "team" in changes:
        area = changes.get("service_area", case.service_area)
        changes["team"] = _team(area, changes["team"])
    updated = case_update(actor=request.user, case=case, expected_version=body.version, **changes)
    return JsonResponse(serializers.case_summary(updated))
