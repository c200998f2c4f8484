"""Pausing and resuming a stage's clock while an advocate is arranged (children's stage 1).

The same check as the page's **Pause the clock** (`access.can_pause`) and the same service;
unlike the page, a pause over one already recorded is refused, so a client that thinks the
clock is running is told it is not. Resume sets the last paused day of the pause there is.
"""

from django.http import HttpRequest, JsonResponse

from complaintsdesk.api import schemas, serializers
from complaintsdesk.api.auth import api_error
from complaintsdesk.api.views.case_actions import stage_for, stage_operation
from complaintsdesk.cases import access, services_pause


@stage_operation("Pause the stage's clock while an advocate is arranged", schemas.Pause)
def stage_pause(
    request: HttpRequest, reference: str, stage: str, body: schemas.Pause
) -> JsonResponse:
    found = stage_for(request, reference, stage)
    if not access.can_pause(request.user, found):
        return api_error(403, "This account cannot pause this stage's clock.")
    services_pause.stage_pause(
        actor=request.user,
        stage=found,
        paused_from=body.paused_from,
        paused_to=body.paused_to,
        reason=body.reason,
        expected_version=body.version,
        replace=False,
    )
    return JsonResponse(serializers.case_summary(found.case))


@stage_operation(
    "Set the last day of the stage's pause: the clock runs again after it", schemas.Resume
)
def stage_resume(
    request: HttpRequest, reference: str, stage: str, body: schemas.Resume
) -> JsonResponse:
    found = stage_for(request, reference, stage)
    if not access.can_pause(request.user, found):
        return api_error(403, "This account cannot resume this stage's clock.")
    services_pause.stage_resume(
        actor=request.user, stage=found, paused_to=body.paused_to, expected_version=body.version
    )
    return JsonResponse(serializers.case_summary(found.case))
