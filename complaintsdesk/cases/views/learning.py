"""Learning and actions (from a case or not) and compliments."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from complaintsdesk.cases import access
from complaintsdesk.cases.forms.records import (
    ComplimentEditForm,
    ComplimentForm,
    LearningForm,
    LearningUpdateForm,
)
from complaintsdesk.cases.models import Compliment
from complaintsdesk.cases.services_learning import (
    compliment_create,
    compliment_update,
    learning_create,
    learning_update,
)
from complaintsdesk.cases.views.base import case_url, require, run_form, today


@login_required
def learning_list(request: HttpRequest) -> HttpResponse:
    require(access.can_view_learning(request.user))
    rows = access.learnings_visible_to(request.user).select_related("case", "service_area", "team")
    page = Paginator(rows.order_by("-recorded", "key"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/learning_list.html",
        {"page": page, "nav": "learning", "can_add": access.can_manage_learning(request.user)},
    )


@login_required
def learning_new(request: HttpRequest, reference: str | None = None) -> HttpResponse:
    case = None
    if reference is not None:
        case = access.case_get_for_user(request.user, reference)
        if not access.can_add_learning(request.user, case):
            raise PermissionDenied
    else:
        require(access.can_manage_learning(request.user))
    initial: dict[str, Any] = {"status": "in_progress"}
    if case is not None:
        initial.update(service_area=case.service_area, team=case.team)
    form = LearningForm(request.POST or None, initial=initial)

    def action(data: dict[str, Any]) -> tuple[str, str]:
        learning_create(actor=request.user, case=case, recorded=today(), **data)
        return (case_url(case) if case else reverse("cases:learning_list")), "Learning recorded"

    return run_form(
        request,
        form,
        action,
        context={
            "title": "Record learning and an action",
            "nav": "learning",
            "caption": case.reference if case else "",
            "back_url": case_url(case) if case else reverse("cases:learning_list"),
        },
    )


@login_required
def learning_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_view_learning(request.user))
    learning = (
        access.learnings_visible_to(request.user)
        .select_related("case", "service_area", "team")
        .filter(pk=pk)
        .first()
    )
    if learning is None:
        raise Http404("No such learning")
    require(access.can_manage_learning(request.user, learning))
    names = list(LearningUpdateForm.base_fields)
    form = LearningUpdateForm(
        request.POST or None, initial={n: getattr(learning, n) for n in names}
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        learning_update(actor=request.user, record=learning, today=today(), **data)
        return reverse("cases:learning_list"), "Action updated"

    return run_form(
        request,
        form,
        action,
        context={
            "title": "Update the action",
            "nav": "learning",
            "back_url": reverse("cases:learning_list"),
        },
    )


@login_required
def compliment_list(request: HttpRequest) -> HttpResponse:
    require(access.can_manage_compliments(request.user))
    rows = Compliment.objects.select_related("service_area", "team").order_by("-received", "key")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "cases/compliment_list.html", {"page": page, "nav": "compliments"})


@login_required
def compliment_new(request: HttpRequest) -> HttpResponse:
    require(access.can_manage_compliments(request.user))
    form = ComplimentForm(request.POST or None, initial={"received": today()})

    def action(data: dict[str, Any]) -> tuple[str, str]:
        compliment_create(actor=request.user, **data)
        return reverse("cases:compliment_list"), "Compliment recorded"

    return run_form(
        request,
        form,
        action,
        context={
            "title": "Record a compliment",
            "nav": "compliments",
            "back_url": reverse("cases:compliment_list"),
        },
    )


@login_required
def compliment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_manage_compliments(request.user))
    compliment = Compliment.objects.select_related("service_area", "team").filter(pk=pk).first()
    if compliment is None:
        raise Http404("No such compliment")
    names = ("received", "service_area", "team", "summary", "version")
    form = ComplimentEditForm(
        request.POST or None, initial={n: getattr(compliment, n) for n in names}
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        compliment_update(actor=request.user, compliment=compliment, **data)
        return reverse("cases:compliment_list"), "Compliment updated"

    return run_form(
        request,
        form,
        action,
        context={
            "title": "Change a compliment",
            "nav": "compliments",
            "back_url": reverse("cases:compliment_list"),
            "cancel_url": reverse("cases:compliment_list"),
        },
    )
