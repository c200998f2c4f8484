"""The self-assessment pages: the year's provisions, one provision's answer and history."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from complaintsdesk.cases.views.base import require, run_form, today
from complaintsdesk.codecompliance import access
from complaintsdesk.codecompliance.forms import AnswerForm
from complaintsdesk.codecompliance.selectors import SelfAssessment, self_assessment_get
from complaintsdesk.codecompliance.services import self_assessment_save


def _current_year() -> str:
    d = today()
    y = d.year if d.month >= 4 else d.year - 1
    return f"{y}-{(y + 1) % 100:02d}"


def _assessment(year: str) -> SelfAssessment:
    try:
        return self_assessment_get(year=year, today=today())
    except ValueError:
        raise Http404("No such year") from None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require(access.can_view_self_assessment(request.user))
    return redirect("codecompliance:year", year=_current_year())


@login_required
def year_page(request: HttpRequest, year: str) -> HttpResponse:
    require(access.can_view_self_assessment(request.user))
    assessment = _assessment(year)
    fy = assessment.year
    return render(
        request,
        "codecompliance/year.html",
        {
            "a": assessment,
            "nav": "reports",
            "previous": fy.before(1).label,
            "next": fy.before(-1).label,
            "can_edit": access.can_edit_self_assessment(request.user),
        },
    )


@login_required
def answer_page(request: HttpRequest, year: str, ref: str) -> HttpResponse:
    require(access.can_edit_self_assessment(request.user))
    assessment = _assessment(year)
    view = assessment.provision(ref)
    if view is None:
        raise Http404("No such provision")
    latest = view.answer
    computed = "\n".join(f"{f.label}: {f.shown}" for f in view.figures)
    initial = (
        {
            "compliance": latest.compliance,
            "explanation": latest.explanation,
            "evidence": latest.evidence,
        }
        if latest
        else {"evidence": computed}
    )
    form = AnswerForm(request.POST or None, initial=initial)
    back = reverse("codecompliance:year", args=[year]) + f"#p-{ref}"

    def action(data: dict[str, Any]) -> tuple[str, str]:
        self_assessment_save(actor=request.user, year=year, provision=ref, **data)
        return back, f"Answer to {ref} saved"

    return run_form(
        request,
        form,
        action,
        template="codecompliance/answer.html",
        context={
            "title": f"{ref} {view.provision.text}",
            "caption": f"Self-assessment against the Code, {year}",
            "nav": "reports",
            "back_url": back,
            "view": view,
            "threshold": assessment.threshold_pct,
        },
    )
