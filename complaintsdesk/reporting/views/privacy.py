"""The published edition's privacy findings: accept one as safe, or redact its source record."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from complaintsdesk.cases.forms.base import PROSE_MAX
from complaintsdesk.codecompliance.models import SelfAssessmentAnswer
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.reporting.annual.build import annual_report_build
from complaintsdesk.reporting.annual.model import OpenFinding, Report
from complaintsdesk.reporting.annual.presets import DEFAULT_PRESET, PRESETS
from complaintsdesk.reporting.annual.publication import EDITABLE, privacy_accept, privacy_redact
from complaintsdesk.reporting.models import ReportNarrative
from complaintsdesk.reporting.privacy import redact, text_findings
from complaintsdesk.reporting.views.access import team_required


def _report(year: str, preset: str) -> Report:
    try:
        # The preset's scope: every free text its published edition prints.
        return annual_report_build(year=year, edition="published", preset=preset)
    except ValueError as e:
        raise Http404(str(e)) from e


def _preset(request: HttpRequest) -> str:
    asked = request.POST.get("preset") or request.GET.get("preset") or DEFAULT_PRESET
    return asked if asked in PRESETS else DEFAULT_PRESET


def _find(report: Report, q: Mapping[str, str]) -> list[OpenFinding]:
    return [
        f
        for f in report.findings
        if (f.source.record_type, f.source.record_id, f.source.field)
        == (q.get("record_type"), q.get("record_id"), q.get("field"))
    ]


@team_required
def findings_page(request: HttpRequest, year: str) -> HttpResponse:
    preset = _preset(request)
    report = _report(year, preset)
    if request.method == "POST":
        match = [
            f for f in _find(report, request.POST) if f.finding_hash == request.POST.get("finding")
        ]
        if not match:
            raise Http404("That finding is no longer open")
        privacy_accept(actor=request.user, finding=match[0], reason=request.POST.get("reason", ""))
        messages.success(
            request, f"Accepted “{match[0].text}” in {match[0].source.label} as safe to publish."
        )
        return redirect(reverse("reporting:privacy", args=[year]) + f"?preset={preset}")
    return render(
        request,
        "reporting/privacy.html",
        {"report": report, "year": year, "editable": EDITABLE, "preset": preset},
    )


class RedactForm(forms.Form):
    text = forms.CharField(
        label="Text as it will be published",
        widget=forms.Textarea(attrs={"rows": 8, "class": "govuk-textarea"}),
        required=False,
        max_length=PROSE_MAX,
    )


@team_required
def redact_page(request: HttpRequest, year: str) -> HttpResponse:
    q = request.POST if request.method == "POST" else request.GET
    preset = _preset(request)
    report = _report(year, preset)
    findings = _find(report, q)
    if not findings:
        raise Http404("No open finding in that field")
    source = findings[0].source
    if source.record_type == "narrative":
        # A narrative is redacted by saving a new version of it.
        section = ReportNarrative.objects.values_list("section", flat=True).get(pk=source.record_id)
        return redirect(reverse("reporting:narrative", args=[year, section]) + f"?preset={preset}")
    if source.record_type == "self_assessment":
        # So is a self-assessment answer: the manager saves a new one.
        answer = SelfAssessmentAnswer.objects.values("year", "provision").get(pk=source.record_id)
        return redirect("codecompliance:answer", year=answer["year"], ref=answer["provision"])
    suggested = redact(
        source.text,
        [f for f in text_findings(source.text) if f.key in {x.finding_hash for x in findings}],
    )
    form = RedactForm(request.POST or None, initial={"text": suggested})
    if request.method == "POST" and form.is_valid():
        try:
            privacy_redact(
                actor=request.user,
                record_type=source.record_type,
                record_id=source.record_id,
                field=source.field,
                text=form.cleaned_data["text"],
            )
        except ServiceError as e:
            form.add_error("text", e.message)
        else:
            messages.success(request, f"Redacted {source.label}.")
            return redirect(reverse("reporting:privacy", args=[year]) + f"?preset={preset}")
    return render(
        request,
        "reporting/redact.html",
        {"year": year, "source": source, "findings": findings, "form": form, "preset": preset},
    )
