"""Retention pages: the schedule and its versions, runs, legal holds and erasure."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from complaintsdesk.cases.access import case_get_for_user
from complaintsdesk.cases.views.base import case_url, require, run_form, today
from complaintsdesk.people.access import person_get_for_user
from complaintsdesk.privacy import access, selectors, services
from complaintsdesk.privacy.forms import ErasureForm, HoldForm, HoldLiftForm, ScheduleForm
from complaintsdesk.privacy.models import RetentionRun, RetentionScheduleVersion
from complaintsdesk.privacy.retention import RECORD_TYPES
from complaintsdesk.workflow.rules import PROCEDURES


@login_required
def retention_page(request: HttpRequest) -> HttpResponse:
    require(access.can_view_privacy(request.user))
    day = today()
    schedule = selectors.schedule_in_force(day)
    table = [
        (procedure, [schedule.period(procedure, r) for r in RECORD_TYPES])
        for procedure in PROCEDURES
    ]
    return render(
        request,
        "privacy/retention.html",
        {
            "nav": "privacy",
            "schedule": schedule,
            "record_types": RECORD_TYPES.values(),
            "table": table,
            "versions": RetentionScheduleVersion.objects.order_by("-effective_from"),
            "runs": RetentionRun.objects.order_by("-started_at")[:10],
            "holds": selectors.holds_active_visible_to(request.user).select_related(
                "case", "person", "set_by"
            )[:200],
            "can_manage": access.can_manage_privacy(request.user),
        },
    )


@login_required
def schedule_new(request: HttpRequest) -> HttpResponse:
    require(access.can_manage_privacy(request.user))
    day = today()
    current = selectors.schedule_in_force(day)
    form = ScheduleForm(
        request.POST or None, initial={"effective_from": day}, initial_months=current.months
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services.retention_schedule_add(
            actor=request.user,
            effective_from=data["effective_from"],
            months=form.months(),
            note=data["note"],
            today=day,
        )
        return reverse("privacy:retention"), "Retention schedule saved"

    return run_form(
        request,
        form,
        action,
        context={
            "title": "New version of the retention schedule",
            "nav": "privacy",
            "back_url": reverse("privacy:retention"),
            "intro": (
                "Each period runs from the day a case closed. Records already anonymised stay so."
            ),
        },
    )


def _hold_form(request: HttpRequest, *, title: str, back: str, **target: Any) -> HttpResponse:
    form = HoldForm(request.POST or None)

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services.legal_hold_set(actor=request.user, reason=data["reason"], **target)
        return back, "Legal hold set"

    return run_form(
        request,
        form,
        action,
        context={"title": "Set a legal hold", "caption": title, "nav": "privacy", "back_url": back},
    )


@login_required
def hold_case(request: HttpRequest, reference: str) -> HttpResponse:
    require(access.can_manage_privacy(request.user))
    case = case_get_for_user(request.user, reference)
    return _hold_form(request, title=f"Case {case.reference}", back=case_url(case), case=case)


@login_required
def hold_person(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_manage_privacy(request.user))
    person = person_get_for_user(request.user, pk)
    back = reverse("people:person", args=[person.pk])
    return _hold_form(request, title=f"Person {person.pk}", back=back, person=person)


@login_required
def hold_lift(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_manage_privacy(request.user))
    hold = get_object_or_404(selectors.holds_visible_to(request.user), pk=pk)
    form = HoldLiftForm(request.POST or None)

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services.legal_hold_lift(actor=request.user, hold=hold, reason=data["reason"])
        return reverse("privacy:retention"), "Legal hold lifted"

    return run_form(
        request,
        form,
        action,
        context={
            "title": "Lift a legal hold",
            "caption": hold.reason[:80],
            "nav": "privacy",
            "back_url": reverse("privacy:retention"),
        },
    )


@login_required
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_manage_privacy(request.user))
    person = person_get_for_user(request.user, pk)
    cases = services.erasure_cases(person)
    form = ErasureForm(request.POST or None, initial={"received": today()})

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services.person_erase(
            actor=request.user,
            person=person,
            received=data["received"],
            reason=data["reason"],
            confirmed=data["confirm"],
        )
        return reverse("people:person", args=[person.pk]), "Erasure carried out"

    listed = ", ".join(c.reference for c in cases) or "none"
    return run_form(
        request,
        form,
        action,
        context={
            "title": "Carry out an erasure request",
            "caption": f"Person {person.pk}: {person.display_name}",
            "intro": (
                "This removes the person's details at once, and anonymises the cases they "
                f"complained on or are the child of ({listed}), keeping only what the "
                "statistics need. It cannot be undone."
            ),
            "nav": "privacy",
            "back_url": reverse("people:person", args=[person.pk]),
            "button": "Erase",
            "warning": True,
        },
    )
