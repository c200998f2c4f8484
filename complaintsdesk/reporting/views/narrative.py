"""Write a section's narrative: the drafted factual sentences, the current text, the history."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from complaintsdesk.core.errors import ServiceError
from complaintsdesk.reporting.annual.build import annual_report_build
from complaintsdesk.reporting.annual.model import SECTIONS
from complaintsdesk.reporting.annual.presets import DEFAULT_PRESET, PRESETS
from complaintsdesk.reporting.figures import FinancialYear
from complaintsdesk.reporting.narrative import MAX_LENGTH, narrative_history, narrative_save
from complaintsdesk.reporting.views.access import team_required


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label="Narrative",
        widget=forms.Textarea(attrs={"rows": 12, "class": "govuk-textarea"}),
        required=False,
        max_length=MAX_LENGTH,
    )


@team_required
def narrative_edit(request: HttpRequest, year: str, section: str) -> HttpResponse:
    try:
        FinancialYear.parse(year)
    except ValueError as e:
        raise Http404(str(e)) from e
    preset = request.POST.get("preset") or request.GET.get("preset") or DEFAULT_PRESET
    if preset not in PRESETS or section not in PRESETS[preset].sections:
        raise Http404("No such section")
    history = narrative_history(year=year, section=section, preset=preset)
    form = NarrativeForm(request.POST or None, initial={"text": history[0].text if history else ""})
    if request.method == "POST" and form.is_valid():
        try:
            narrative_save(
                actor=request.user,
                year=year,
                section=section,
                text=form.cleaned_data["text"],
                preset=preset,
            )
        except ServiceError as e:
            form.add_error("text", e.message)
        else:
            query = urlencode({"year": year, "preset": preset})
            return redirect(f"{reverse('reporting:annual')}?{query}#section-{section}")
    report = annual_report_build(year=year, edition="internal", preset=preset)
    drafted = report.section(section)
    return render(
        request,
        "reporting/narrative.html",
        {
            "year": year,
            "section": section,
            "title": SECTIONS[section],
            "form": form,
            "draft": drafted.draft if drafted else [],
            "preset": PRESETS[preset],
            "history": history,
        },
    )
