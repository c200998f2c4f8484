"""Finishing an annual report: sign-off by a named manager, and the compliments it quotes."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from complaintsdesk.cases.models import Compliment
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.reporting.annual.build import annual_report_build
from complaintsdesk.reporting.annual.presets import DEFAULT_PRESET, PRESETS
from complaintsdesk.reporting.examples import (
    compliment_example_choose,
    compliment_example_remove,
    compliments_to_choose_from,
)
from complaintsdesk.reporting.figures import FinancialYear
from complaintsdesk.reporting.signoff import report_sign_off
from complaintsdesk.reporting.views.access import team_required


def _year_and_preset(request: HttpRequest, year: str) -> str:
    try:
        FinancialYear.parse(year)
    except ValueError as e:
        raise Http404(str(e)) from e
    preset = request.POST.get("preset") or request.GET.get("preset") or DEFAULT_PRESET
    if preset not in PRESETS:
        raise Http404("No such report")
    return preset


def _back(year: str, preset: str) -> str:
    return f"{reverse('reporting:annual')}?{urlencode({'year': year, 'preset': preset})}#finishing"


@team_required
@require_POST
def signoff(request: HttpRequest, year: str) -> HttpResponse:
    preset = _year_and_preset(request, year)
    report = annual_report_build(year=year, edition="internal", preset=preset)
    try:
        signed_on = timezone.localdate()
        report_sign_off(
            actor=request.user,
            year=year,
            preset=preset,
            name=request.POST.get("name", ""),
            role=request.POST.get("role", ""),
            signed_on=signed_on,
            missing=report.missing,
        )
    except ServiceError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, f"Signed off on {signed_on:%-d %B %Y}.")
    return redirect(_back(year, preset))


@team_required
def compliments(request: HttpRequest, year: str) -> HttpResponse:
    preset = _year_and_preset(request, year)
    if request.method == "POST":
        compliment = get_object_or_404(Compliment, pk=request.POST.get("compliment") or 0)
        try:
            if request.POST.get("action") == "remove":
                compliment_example_remove(
                    actor=request.user, year=year, preset=preset, compliment=compliment
                )
            else:
                compliment_example_choose(
                    actor=request.user, year=year, preset=preset, compliment=compliment
                )
        except ServiceError as e:
            messages.error(request, e.message)
        return redirect(
            f"{reverse('reporting:compliments', args=[year])}?{urlencode({'preset': preset})}"
        )
    return render(
        request,
        "reporting/compliments.html",
        {
            "year": year,
            "preset": PRESETS[preset],
            "items": compliments_to_choose_from(year=year, preset=preset),
        },
    )
