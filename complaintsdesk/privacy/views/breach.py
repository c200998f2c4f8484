"""Breach log pages: the log, recording a breach (from a case or not), the ICO decision
within 72 hours, and the outcome."""

from datetime import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from complaintsdesk.cases.access import case_get_for_user
from complaintsdesk.cases.models import Case, DataBreach
from complaintsdesk.cases.views.base import require, run_form, today
from complaintsdesk.privacy import access, selectors, services_breach
from complaintsdesk.privacy.forms import BreachCloseForm, BreachDecisionForm, BreachForm


def _url(breach: DataBreach) -> str:
    return reverse("privacy:breach", args=[breach.pk])


def _get(request: HttpRequest, pk: int) -> DataBreach:
    require(access.can_view_privacy(request.user))
    return get_object_or_404(
        selectors.breaches_visible_to(request.user).select_related("case", "recorded_by"), pk=pk
    )


@login_required
def breach_list(request: HttpRequest) -> HttpResponse:
    require(access.can_view_privacy(request.user))
    rows = (
        selectors.breaches_visible_to(request.user)
        .select_related("case")
        .order_by("-occurred", "-id")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/breach_list.html",
        {"page": page, "nav": "privacy", "now": timezone.now()},
    )


def _record(request: HttpRequest, case: Case | None) -> HttpResponse:
    form = BreachForm(request.POST or None, initial={"occurred": today(), "aware_on": today()})

    def action(data: dict[str, Any]) -> tuple[str, str]:
        aware_at = timezone.make_aware(datetime.combine(data["aware_on"], data["aware_time"]))
        breach = services_breach.breach_record(
            actor=request.user,
            occurred=data["occurred"],
            aware_at=aware_at,
            description=data["description"],
            case=case,
        )
        return _url(breach), "Breach recorded: decide within 72 hours whether to report it"

    back = reverse("cases:case", args=[case.reference]) if case else reverse("privacy:breaches")
    return run_form(
        request,
        form,
        action,
        context={
            "title": "Record a personal data breach",
            "caption": f"Case {case.reference}" if case else "",
            "nav": "privacy",
            "back_url": back,
        },
    )


@login_required
def breach_new(request: HttpRequest) -> HttpResponse:
    require(access.can_view_privacy(request.user))
    return _record(request, None)


@login_required
def breach_new_for_case(request: HttpRequest, reference: str) -> HttpResponse:
    require(access.can_view_privacy(request.user))
    return _record(request, case_get_for_user(request.user, reference))


@login_required
def breach_page(request: HttpRequest, pk: int) -> HttpResponse:
    breach = _get(request, pk)
    deadline = services_breach.breach_deadline(breach) if breach.aware_at else None
    return render(
        request,
        "privacy/breach_page.html",
        {
            "breach": breach,
            "deadline": deadline,
            "now": timezone.now(),
            "nav": "privacy",
            "can_manage": access.can_manage_privacy(request.user),
        },
    )


def _manage(
    request: HttpRequest, pk: int, form: Any, title: str, call: Any, message: str
) -> HttpResponse:
    """A complaints manager's form on a breach: the decision, the outcome."""
    require(access.can_manage_privacy(request.user))
    breach = _get(request, pk)

    def action(data: dict[str, Any]) -> tuple[str, str]:
        call(actor=request.user, breach=breach, **data)
        return _url(breach), message

    return run_form(
        request,
        form,
        action,
        context={
            "title": title,
            "caption": f"Breach {breach.pk}",
            "nav": "privacy",
            "back_url": _url(breach),
        },
    )


@login_required
def breach_decision(request: HttpRequest, pk: int) -> HttpResponse:
    form = BreachDecisionForm(request.POST or None)
    title = "Decide on reporting to the ICO"
    return _manage(request, pk, form, title, services_breach.breach_decide, "Decision recorded")


@login_required
def breach_close(request: HttpRequest, pk: int) -> HttpResponse:
    form = BreachCloseForm(request.POST or None, initial={"on": today()})
    title = "Record the outcome and lessons"
    return _manage(request, pk, form, title, services_breach.breach_close, "Outcome recorded")
