"""Ombudsman cases: the list, recording an enquiry, the decision and compliance."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from complaintsdesk.cases import access
from complaintsdesk.cases.forms.records import (
    ComplianceForm,
    LgscoCreateForm,
    LgscoDecisionForm,
    RecommendationComplyForm,
    RecommendationForm,
)
from complaintsdesk.cases.models import LgscoCase, LgscoRecommendation
from complaintsdesk.cases.services_lgsco import (
    lgsco_case_create,
    lgsco_compliance_record,
    lgsco_decision_record,
    lgsco_recommendation_add,
    lgsco_recommendation_comply,
)
from complaintsdesk.cases.views.base import require, run_form, today
from complaintsdesk.core.errors import ServiceError


def _url(lgsco: LgscoCase) -> str:
    return reverse("cases:lgsco", args=[lgsco.pk])


@login_required
def lgsco_list(request: HttpRequest) -> HttpResponse:
    require(access.can_view_lgsco(request.user))
    # Hides any linked to a case this user may not see (its row would name the case).
    rows = (
        access.lgsco_cases_visible_to(request.user)
        .select_related("case", "service_area")
        .order_by("-received", "lgsco_reference")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/lgsco_list.html",
        {
            "page": page,
            "nav": "lgsco",
            "today": today(),
            "can_manage": access.can_manage_lgsco(request.user),
        },
    )


@login_required
def lgsco_new(request: HttpRequest) -> HttpResponse:
    require(access.can_manage_lgsco(request.user))
    initial = {"received": today(), "case_reference": request.GET.get("case", "")}
    form = LgscoCreateForm(request.POST or None, initial=initial)

    def action(data: dict[str, Any]) -> tuple[str, str]:
        case = None
        if data["case_reference"]:
            case = (
                access.cases_visible_to(request.user)
                .filter(reference=data["case_reference"].strip())
                .first()
            )
            if case is None:
                raise ServiceError("No case with that reference was found.", field="case_reference")
        lgsco = lgsco_case_create(
            actor=request.user,
            lgsco_reference=data["lgsco_reference"],
            service_area=data["service_area"],
            received=data["received"],
            case=case,
            summary=data["summary"],
        )
        return _url(lgsco), f"Ombudsman case {lgsco.lgsco_reference} recorded"

    return run_form(
        request,
        form,
        action,
        context={
            "title": "Record an Ombudsman enquiry",
            "nav": "lgsco",
            "back_url": reverse("cases:lgsco_list"),
        },
    )


@login_required
def lgsco_page(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_view_lgsco(request.user))
    lgsco = get_object_or_404(
        access.lgsco_cases_visible_to(request.user).select_related("case", "service_area"), pk=pk
    )
    return render(
        request,
        "cases/lgsco_page.html",
        {
            "lgsco": lgsco,
            "recommendations": list(lgsco.recommendation_records.all()),
            "nav": "lgsco",
            "can_manage": access.can_manage_lgsco(request.user),
        },
    )


@login_required
def lgsco_decision(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_manage_lgsco(request.user))
    lgsco = get_object_or_404(access.lgsco_cases_visible_to(request.user), pk=pk)
    form = LgscoDecisionForm(
        request.POST or None,
        initial={
            "decision": lgsco.decision,
            "decided": lgsco.decided or today(),
            "remedy_amount": lgsco.remedy_amount,
            "remedy_ongoing": lgsco.remedy_ongoing,
            "recommendations": lgsco.recommendations,
            "compliance_due": lgsco.compliance_due,
        },
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        lgsco_decision_record(actor=request.user, lgsco=lgsco, **data)
        return _url(lgsco), "Decision recorded"

    return run_form(
        request,
        form,
        action,
        context={
            "title": "Record the Ombudsman's decision",
            "nav": "lgsco",
            "caption": lgsco.lgsco_reference,
            "back_url": _url(lgsco),
        },
    )


@login_required
def lgsco_compliance(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_manage_lgsco(request.user))
    lgsco = get_object_or_404(access.lgsco_cases_visible_to(request.user), pk=pk)
    form = ComplianceForm(request.POST or None, initial={"complied": today()})

    def action(data: dict[str, Any]) -> tuple[str, str]:
        lgsco_compliance_record(actor=request.user, lgsco=lgsco, complied=data["complied"])
        return _url(lgsco), "Compliance recorded"

    return run_form(
        request,
        form,
        action,
        context={
            "title": "Record compliance with the recommendations",
            "nav": "lgsco",
            "caption": lgsco.lgsco_reference,
            "back_url": _url(lgsco),
        },
    )


@login_required
def recommendation_new(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_manage_lgsco(request.user))
    lgsco = get_object_or_404(access.lgsco_cases_visible_to(request.user), pk=pk)
    form = RecommendationForm(request.POST or None, initial={"due": lgsco.compliance_due})

    def action(data: dict[str, Any]) -> tuple[str, str]:
        lgsco_recommendation_add(actor=request.user, lgsco=lgsco, **data)
        return _url(lgsco), "Recommendation recorded"

    return run_form(
        request,
        form,
        action,
        context={
            "title": "Record a recommendation",
            "nav": "lgsco",
            "caption": lgsco.lgsco_reference,
            "back_url": _url(lgsco),
        },
    )


@login_required
def recommendation_comply(request: HttpRequest, pk: int, rec: int) -> HttpResponse:
    require(access.can_manage_lgsco(request.user))
    lgsco = get_object_or_404(access.lgsco_cases_visible_to(request.user), pk=pk)
    recommendation = get_object_or_404(
        LgscoRecommendation.objects.select_related("lgsco_case"), pk=rec, lgsco_case=lgsco
    )
    form = RecommendationComplyForm(request.POST or None, initial={"complied": today()})

    def action(data: dict[str, Any]) -> tuple[str, str]:
        lgsco_recommendation_comply(actor=request.user, recommendation=recommendation, **data)
        return _url(lgsco), "Compliance recorded"

    return run_form(
        request,
        form,
        action,
        context={
            "title": f"Record compliance: {recommendation.get_kind_display().lower()}",
            "nav": "lgsco",
            "caption": lgsco.lgsco_reference,
            "back_url": _url(lgsco),
        },
    )
