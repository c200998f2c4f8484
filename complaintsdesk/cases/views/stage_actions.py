"""Stage actions: acknowledge, respond, withdraw, extend, panel, appoint, costs, reopen."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from complaintsdesk.cases import access, services, services_pause
from complaintsdesk.cases.forms import stage as stage_forms
from complaintsdesk.cases.forms.admin import users_for_appointment
from complaintsdesk.cases.models import Stage
from complaintsdesk.cases.views.base import case_url, run_form, today, versioned_initial
from complaintsdesk.core import vocabulary as v


def _stage_for(
    request: HttpRequest, reference: str, kind: str, check: Callable[[Any, Stage], bool]
) -> Stage:
    stage = access.stage_get_for_user(request.user, reference, kind)
    if not check(request.user, stage):
        raise PermissionDenied
    return stage


def _context(stage: Stage, title: str, **extra: Any) -> dict[str, Any]:
    url = case_url(stage.case)
    return {
        "title": title,
        "caption": f"{stage.case.reference} – {v.STAGE[stage.kind]}",
        "back_url": url,
        "cancel_url": url,
        "nav": "cases",
        "case": stage.case,
        **extra,
    }


@login_required
def acknowledge(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    stage = _stage_for(request, reference, kind, access.can_acknowledge)
    form = stage_forms.AcknowledgeForm(
        request.POST or None, initial=versioned_initial(stage.case, on=today())
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services.stage_acknowledge(
            actor=request.user, stage=stage, on=data["on"], expected_version=data["version"]
        )
        return case_url(stage.case), "Acknowledgement recorded"

    return run_form(request, form, action, context=_context(stage, "Record the acknowledgement"))


@login_required
def respond(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    stage = _stage_for(request, reference, kind, access.can_respond)
    form = stage_forms.RespondForm(
        request.POST or None,
        stage_kind=stage.kind,
        initial=versioned_initial(stage.case, on=today()),
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services.stage_respond(
            actor=request.user,
            stage=stage,
            on=data["on"],
            outcome=data["outcome"],
            expected_version=data["version"],
        )
        return case_url(stage.case), "Response recorded"

    return run_form(request, form, action, context=_context(stage, "Record the response"))


@login_required
def withdraw(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    stage = _stage_for(request, reference, kind, access.can_withdraw)
    form = stage_forms.WithdrawForm(
        request.POST or None, initial=versioned_initial(stage.case, on=today())
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        # Withdrawal is the stage's response with the outcome "withdrawn": it closes the case.
        services.stage_respond(
            actor=request.user,
            stage=stage,
            on=data["on"],
            outcome="withdrawn",
            expected_version=data["version"],
        )
        return case_url(stage.case), "Complaint withdrawn"

    return run_form(
        request,
        form,
        action,
        context=_context(stage, "Withdraw the complaint", button="Withdraw", warning=True),
    )


@login_required
def extend(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    stage = _stage_for(request, reference, kind, access.can_extend)
    form = stage_forms.ExtendForm(request.POST or None, initial=versioned_initial(stage.case))

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services.stage_extend(
            actor=request.user,
            stage=stage,
            extended_to=data["extended_to"],
            reason=data["reason"],
            expected_version=data["version"],
        )
        return case_url(stage.case), "Extension recorded"

    intro = f"Currently due {stage.due:%d %B %Y}." if stage.due else ""
    return run_form(request, form, action, context=_context(stage, "Extend the stage", intro=intro))


@login_required
def pause(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    """Pause the children's stage 1 clock while an advocate is arranged."""
    stage = _stage_for(request, reference, kind, access.can_pause)
    form = stage_forms.PauseForm(
        request.POST or None,
        initial=versioned_initial(
            stage.case,
            paused_from=stage.paused_from,
            paused_to=stage.paused_to,
            reason=stage.pause_reason,
        ),
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services_pause.stage_pause(
            actor=request.user,
            stage=stage,
            paused_from=data["paused_from"],
            paused_to=data["paused_to"],
            reason=data["reason"],
            expected_version=data["version"],
        )
        return case_url(stage.case), "Pause recorded; the due date has moved"

    intro = (
        f"Currently due {stage.due:%d %B %Y}. The working days paused are added to the due date."
        if stage.due
        else ""
    )
    return run_form(request, form, action, context=_context(stage, "Pause the clock", intro=intro))


@login_required
def panel(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    stage = _stage_for(request, reference, kind, access.can_record_panel)
    form = stage_forms.PanelForm(request.POST or None, initial=versioned_initial(stage.case))

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services.stage_record_panel(
            actor=request.user, stage=stage, held=data["held"], expected_version=data["version"]
        )
        return case_url(stage.case), "Panel date recorded"

    return run_form(request, form, action, context=_context(stage, "Record the review panel"))


@login_required
def appoint(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    stage = _stage_for(request, reference, kind, access.can_appoint)
    form = stage_forms.AppointForm(
        request.POST or None,
        users=users_for_appointment(),
        initial=versioned_initial(stage.case, on=today()),
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services.stage_appoint(
            actor=request.user,
            stage=stage,
            role=data["role"],
            on=data["on"],
            user=data["user"],
            name=data["name"],
            expected_version=data["version"],
        )
        return case_url(stage.case), f"{v.APPOINTMENT_ROLE[data['role']]} appointed"

    return run_form(
        request,
        form,
        action,
        context=_context(stage, "Appoint someone to the stage", button="Appoint"),
    )


@login_required
def costs(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    stage = _stage_for(request, reference, kind, access.can_record_costs)
    form = stage_forms.CostsForm(
        request.POST or None,
        initial=versioned_initial(
            stage.case,
            investigating_officer=stage.investigating_officer_cost,
            independent_person=stage.independent_person_cost,
            additional=stage.additional_cost,
        ),
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services.stage_record_costs(
            actor=request.user,
            stage=stage,
            investigating_officer=data["investigating_officer"],
            independent_person=data["independent_person"],
            additional=data["additional"],
            expected_version=data["version"],
        )
        return case_url(stage.case), "Costs recorded"

    return run_form(request, form, action, context=_context(stage, "Record the stage's costs"))


@login_required
def stage_reopen(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    stage = _stage_for(request, reference, kind, access.can_reopen)
    form = stage_forms.ReopenStageForm(request.POST or None, initial=versioned_initial(stage.case))

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services.stage_reopen(actor=request.user, stage=stage, expected_version=data["version"])
        return case_url(stage.case), "Stage reopened"

    intro = "This removes the recorded response and outcome. The audit trail keeps what they were."
    return run_form(
        request,
        form,
        action,
        context=_context(
            stage, "Reopen the stage", intro=intro, button="Reopen stage", warning=True
        ),
    )
