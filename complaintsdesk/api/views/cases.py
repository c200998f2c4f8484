"""Case operations: list, read, create. Each goes through the access module and the services."""

import json
from datetime import date

from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from complaintsdesk.api import serializers
from complaintsdesk.api.auth import api_error, token_required
from complaintsdesk.cases import access
from complaintsdesk.cases.models import ServiceArea, Team
from complaintsdesk.cases.services import case_create
from complaintsdesk.cases.services_casework import case_viewed
from complaintsdesk.core.errors import ServiceError

PAGE_SIZE_MAX = 200


@csrf_exempt  # token-authenticated, no cookies: CSRF does not apply
@token_required
@require_http_methods(["GET", "POST"])
def cases(request: HttpRequest) -> JsonResponse:
    if request.method == "POST":
        return _case_create(request)
    if not access.can_list_cases(request.user):
        return api_error(403, "This account cannot list cases.")
    try:
        limit = min(int(request.GET.get("limit", 50)), PAGE_SIZE_MAX)
        offset = max(int(request.GET.get("offset", 0)), 0)
    except ValueError:
        return api_error(400, "limit and offset must be whole numbers.")
    query = access.cases_visible_to(request.user).select_related(
        "service_area__directorate", "team"
    )
    for field in ("status", "procedure", "current_stage"):
        if request.GET.get(field):
            query = query.filter(**{field: request.GET[field]})
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
    try:
        body = json.loads(request.body or b"{}")
        received = date.fromisoformat(body["received"])
        service_area = ServiceArea.objects.get(name=body["service_area"])
        team = (
            Team.objects.get(service_area=service_area, name=body["team"])
            if body.get("team")
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
        )
    except (json.JSONDecodeError, AttributeError):
        return api_error(400, "Send a JSON object.")
    except KeyError as missing:
        return api_error(400, f"{missing.args[0]} is required.", field=missing.args[0])
    except ServiceError as error:
        return api_error(400, error.message, field=error.field)
    except ValueError:
        return api_error(400, "received must be a date as YYYY-MM-DD.", field="received")
    except ServiceArea.DoesNotExist:
        return api_error(400, "No such service area.", field="service_area")
    except Team.DoesNotExist:
        return api_error(400, "No such team in that service area.", field="team")
    return JsonResponse(serializers.case_summary(case), status=201)


@token_required
@require_GET
def case(request: HttpRequest, reference: str) -> JsonResponse:
    try:
        found = access.case_get_for_user(request.user, reference)
    except Http404:  # missing and forbidden look the same
        return api_error(404, "No case found.")
    case_viewed(actor=request.user, case=found)
    return JsonResponse(serializers.case_detail(found))
