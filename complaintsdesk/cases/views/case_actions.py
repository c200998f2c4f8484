"""Case-level actions: triage, edit, close, reopen, escalate, link, notes and children."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from complaintsdesk.cases import access, services, services_casework
from complaintsdesk.cases.forms import case as case_forms
from complaintsdesk.cases.forms.stage import EscalateForm
from complaintsdesk.cases.models import Case
from complaintsdesk.cases.views.base import case_url, run_form, today, versioned_initial
from complaintsdesk.core import vocabulary as v
from complaintsdesk.core.errors import ServiceError


def _case_for(request: HttpRequest, reference: str, check: Any) -> Case:
    case = access.case_get_for_user(request.user, reference)
    if not check(request.user, case):
        raise PermissionDenied
    return case


def _context(case: Case, title: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": title,
        "caption": case.reference,
        "back_url": case_url(case),
        "cancel_url": case_url(case),
        "nav": "cases",
        "case": case,
        **extra,
    }


@login_required
def triage(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for(request, reference, access.can_triage)
    form = case_forms.TriageForm(
        request.POST or None,
        initial=versioned_initial(
            case,
            procedure=case.procedure,
            service_area=case.service_area,
            team=case.team,
            first_stage="stage1",
        ),
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services.case_triage(
            actor=request.user,
            case=case,
            expected_version=data["version"],
            procedure=data["procedure"],
            service_area=data["service_area"],
            team=data["team"],
            first_stage=data["first_stage"],
            started=data["started"],
        )
        return case_url(case), "Case triaged"

    return run_form(
        request, form, action, context=_context(case, "Triage the case", button="Save triage")
    )


@login_required
def edit(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for(request, reference, access.can_edit_case)
    form = case_forms.CaseEditForm(
        request.POST or None,
        initial=versioned_initial(case, **case_forms.CaseEditForm.initial_for(case)),
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services.case_update(
            actor=request.user, case=case, expected_version=data["version"], **form.changes()
        )
        return case_url(case), "Case details saved"

    return run_form(request, form, action, context=_context(case, "Edit case details"))


@login_required
def restrict(request: HttpRequest, reference: str) -> HttpResponse:
    """Who can see this case: restrict it, lift the restriction, name or un-name people."""
    case = _case_for(request, reference, access.can_restrict_case)
    people = access.users_seeing_by_role(case)
    form = case_forms.RestrictForm(
        request.POST or None,
        people=people,
        initial=versioned_initial(
            case,
            restricted="yes" if case.restricted else "no",
            named_users=list(case.restricted_to.values_list("pk", flat=True)),
        ),
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        restricted = data["restricted"] == "yes"
        services_casework.case_restrict(
            actor=request.user,
            case=case,
            restricted=restricted,
            # The page says so: lifting the restriction removes everyone named.
            named_users=list(data["named_users"]) if restricted else [],
            expected_version=data["version"],
        )
        message = "Case restricted" if restricted else "Restriction lifted"
        if not access.can_view_case(request.user, case):
            # They left themselves off the list: the case is now closed to them.
            message += ". You are not named on it, so you can no longer see it"
            return reverse("cases:list"), message
        return case_url(case), message

    intro = (
        "Complaints managers always see restricted cases. Anyone else sees a restricted case "
        "only if they are named on it and their role gives them the case."
    )
    return run_form(
        request,
        form,
        action,
        context=_context(case, "Who can see this case", intro=intro),
    )


@login_required
def close(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for(request, reference, access.can_close)
    form = case_forms.CloseForm(request.POST or None, initial=versioned_initial(case))

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services_casework.case_close(
            actor=request.user, case=case, reason=data["reason"], expected_version=data["version"]
        )
        return case_url(case), "Case closed"

    return run_form(
        request,
        form,
        action,
        context=_context(case, "Close the case", button="Close case", warning=True),
    )


@login_required
def reopen(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for(request, reference, access.can_reopen_case)
    form = case_forms.ReopenCaseForm(request.POST or None, initial=versioned_initial(case))

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services_casework.case_reopen(
            actor=request.user, case=case, expected_version=data["version"]
        )
        return case_url(case), "Case reopened: it is awaiting triage"

    return run_form(
        request, form, action, context=_context(case, "Reopen the case", button="Reopen case")
    )


@login_required
def escalate(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for(request, reference, access.can_escalate)
    next_kind = services.stage_next_kind(case)
    form = EscalateForm(request.POST or None, initial=versioned_initial(case, started=today()))

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services.case_escalate(
            actor=request.user, case=case, started=data["started"], expected_version=data["version"]
        )
        return case_url(case), "Case escalated"

    title = f"Escalate to {v.STAGE[next_kind]}" if next_kind else "Escalate the case"
    return run_form(request, form, action, context=_context(case, title, button="Escalate"))


@login_required
def link(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for(request, reference, access.can_link)
    form = case_forms.LinkForm(request.POST or None, initial=versioned_initial(case))

    def action(data: dict[str, Any]) -> tuple[str, str]:
        other = (
            access.cases_visible_to(request.user).filter(reference=data["other"].strip()).first()
        )
        if other is None:
            raise ServiceError("No case with that reference was found.", field="other")
        with transaction.atomic():  # the version check and the link stand or fall together
            services.case_lock(case=case, expected_version=data["version"])
            services.case_link(actor=request.user, case=case, other=other)
        return case_url(case), f"Linked to {other.reference}"

    return run_form(
        request, form, action, context=_context(case, "Link a case", button="Link case")
    )


@login_required
def note(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for(request, reference, access.can_add_note)
    form = case_forms.NoteForm(request.POST or None, initial=versioned_initial(case))

    def action(data: dict[str, Any]) -> tuple[str, str]:
        # A note only appends, so it cannot overwrite anyone's work: it is never refused as stale.
        services.note_add(actor=request.user, case=case, text=data["text"])
        return case_url(case), "Note added"

    return run_form(request, form, action, context=_context(case, "Add a note", button="Add note"))


@login_required
def child(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for(request, reference, access.can_add_child)
    form = case_forms.ChildForm(request.POST or None, initial=versioned_initial(case))

    def action(data: dict[str, Any]) -> tuple[str, str]:
        with transaction.atomic():  # the version check and the new child stand or fall together
            services.case_lock(case=case, expected_version=data["version"])
            services.child_add(
                actor=request.user,
                case=case,
                name=data["name"],
                date_of_birth=data["date_of_birth"],
                in_care=data["in_care"],
                care_leaver=data["care_leaver"],
                case_system_id=data["case_system_id"],
            )
        return case_url(case), "Child added"

    return run_form(
        request, form, action, context=_context(case, "Add a child", button="Add child")
    )
