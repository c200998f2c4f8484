"""Writes a council's other systems make to a case: a note, its people and the stage actions.

Each checks the same `access.can_*` as the staff page for the action and calls the same
service; the service refuses a stale `version` (409) and writes nothing it refuses.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, JsonResponse

from complaintsdesk.api import schemas, serializers
from complaintsdesk.api.auth import api_error
from complaintsdesk.api.endpoint import ApiInputError
from complaintsdesk.api.operation import operation
from complaintsdesk.api.schemas import Versioned
from complaintsdesk.api.views.cases import REFERENCE, case_for
from complaintsdesk.cases import access, services, services_ownership
from complaintsdesk.cases.models import Stage
from complaintsdesk.core import vocabulary as v

STAGE: dict[str, dict[str, Any]] = {
    **REFERENCE,
    "stage": {"type": "string", "enum": list(v.STAGE), "description": "The stage's kind."},
}
STAGE_ERRORS = (400, 401, 403, 404, 409)


def stage_operation(summary: str, body: type[Versioned]) -> Callable[[Callable[..., Any]], Any]:
    """A versioned write to one stage, answering the case's summary (with its new version)."""
    return operation(
        "POST",
        summary=summary,
        path_params=STAGE,
        body=body,
        answer=schemas.CaseSummary,
        errors=STAGE_ERRORS,
    )


def stage_for(request: HttpRequest, reference: str, stage: str) -> Stage:
    if stage not in v.STAGE:
        raise ApiInputError(404, "No such stage on this case.")
    try:
        return access.stage_get_for_user(request.user, reference, stage)
    except Http404:
        raise ApiInputError(404, "No such stage on this case, or no case found.") from None


@operation(
    "POST",
    summary="Add a note to the case",
    path_params=REFERENCE,
    body=schemas.NoteCreate,
    status=201,
    answer=schemas.NoteAdded,
    errors=STAGE_ERRORS,  # 409: the case was anonymised
)
def note_create(request: HttpRequest, reference: str, body: schemas.NoteCreate) -> JsonResponse:
    """A note only appends, so it cannot overwrite anyone's work: it takes no `version`."""
    case = case_for(request, reference)
    if not access.can_add_note(request.user, case):
        return api_error(403, "This account cannot add notes to this case.")
    note = services.note_add(actor=request.user, case=case, text=body.text)
    return JsonResponse(serializers.note_added(note), status=201)


@stage_operation("Record the stage's acknowledgement", schemas.Acknowledge)
def stage_acknowledge(
    request: HttpRequest, reference: str, stage: str, body: schemas.Acknowledge
) -> JsonResponse:
    found = stage_for(request, reference, stage)
    if not access.can_acknowledge(request.user, found):
        return api_error(403, "This account cannot acknowledge this stage.")
    services.stage_acknowledge(
        actor=request.user, stage=found, on=body.on, expected_version=body.version
    )
    return JsonResponse(serializers.case_summary(found.case))


@stage_operation(
    "Record the stage's response and outcome (withdrawn withdraws the complaint)", schemas.Respond
)
def stage_respond(
    request: HttpRequest, reference: str, stage: str, body: schemas.Respond
) -> JsonResponse:
    found = stage_for(request, reference, stage)
    # The pages let casework staff withdraw, and responders answer their team's front line.
    allowed = access.can_withdraw if body.outcome == "withdrawn" else access.can_respond
    if not allowed(request.user, found):
        return api_error(403, "This account cannot record this stage's response.")
    services.stage_respond(
        actor=request.user,
        stage=found,
        on=body.on,
        outcome=body.outcome,
        expected_version=body.version,
    )
    return JsonResponse(serializers.case_summary(found.case))


@stage_operation(
    "Agree a later due date for the stage, within the procedure's maximum", schemas.Extend
)
def stage_extend(
    request: HttpRequest, reference: str, stage: str, body: schemas.Extend
) -> JsonResponse:
    found = stage_for(request, reference, stage)
    if not access.can_extend(request.user, found):
        return api_error(403, "This account cannot extend this stage.")
    services.stage_extend(
        actor=request.user,
        stage=found,
        extended_to=body.extended_to,
        reason=body.reason,
        expected_version=body.version,
    )
    return JsonResponse(serializers.case_summary(found.case))


@operation(
    "POST",
    summary="Escalate the case to its procedure's next stage, requested on `started`",
    path_params=REFERENCE,
    body=schemas.Escalate,
    answer=schemas.CaseSummary,
    errors=STAGE_ERRORS,
)
def case_escalate(request: HttpRequest, reference: str, body: schemas.Escalate) -> JsonResponse:
    case = case_for(request, reference)
    if not access.can_escalate(request.user, case):
        return api_error(403, "This account cannot escalate this case.")
    services.case_escalate(
        actor=request.user,
        case=case,
        started=body.started,
        expected_version=body.version,
        reason=body.reason or "",
        details=body.details or "",
    )
    return JsonResponse(serializers.case_summary(case))


def _user_named(username: str | None, field: str) -> Any:
    """The active account called `username` (None when not sent); unknown ones are a 400."""
    if username is None:
        return None
    found = get_user_model().objects.filter(username=username, is_active=True).first()
    if found is None:
        raise ApiInputError(400, f"No active user with the username {username!r}.", field=field)
    return found


@operation(
    "POST",
    summary="Give the case a new owner and/or responding manager (the new owner is emailed)",
    path_params=REFERENCE,
    body=schemas.Reassign,
    answer=schemas.CaseSummary,
    errors=STAGE_ERRORS,
)
def case_assign(request: HttpRequest, reference: str, body: schemas.Reassign) -> JsonResponse:
    """The service checks each person as the page does: an owner in the complaints team, a
    responding manager in the case's team. Naming who is there already writes nothing."""
    case = case_for(request, reference)
    if not access.can_reassign(request.user, case):
        return api_error(403, "This account cannot reassign this case.")
    services_ownership.case_reassign(
        actor=request.user,
        case=case,
        owner=_user_named(body.owner, "owner"),
        responding_manager=_user_named(body.responding_manager, "responding_manager"),
        expected_version=body.version,
    )
    return JsonResponse(serializers.case_summary(case))
