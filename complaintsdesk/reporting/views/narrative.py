"""Write a section's narrative: the drafted factual sentences, the current text, the history."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from complaintsdesk.core.errors import ServiceError
from complaintsdesk.reporting.annual.build import annual_report_build
from complaintsdesk.reporting.annual.model import SECTIONS
from complaintsdesk.reporting.figures import FinancialYear
from complaintsdesk.reporting.narrative import narrative_draft, narrative_history, narrative_save
from complaintsdesk.reporting.views.access import team_required


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label="Narrative",
        widget=forms.Textarea(attrs={"rows": 12, "class": "govuk-textarea"}),
        required=False,
    )


@team_required
def narrative_edit(request: HttpRequest, year: str, section: str) -> HttpResponse:
    try:
        FinancialYear.parse(year)
    except ValueError as e:
        raise Http404(str(e)) from e
    if section not in SECTIONS:
        raise Http404("No such section")
    history = narrative_history(year=year, section=section)
    form = NarrativeForm(request.POST or None, initial={"text": history[0].text if history else ""})
    if request.method == "POST" and form.is_valid():
        try:
            narrative_save(
                actor=request.user, year=year, section=section, text=form.cleaned_data["text"]
            )
        except ServiceError as e:
            form.add_error("text", e.message)
        else:
            return redirect(f"{reverse('reporting:annual')}?year={year}#section-{section}")
    report = annual_report_build(year=year, edition="internal")
    return render(
        request,
        "reporting/narrative.html",
        {
            "year": year,
            "section": section,
            "title": SECTIONS[section],
            "form": form,
            "draft": narrative_draft(report, section),
            "history": history,
        },
    )
