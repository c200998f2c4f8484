"""The report pages: the annual report and the quarterly dashboard, and their downloads.

Views parse the filters, call one builder and hand the object to a renderer. Leadership
get the published edition only; a published edition with open privacy findings is refused.
"""

from __future__ import annotations

import base64
import hashlib
import re
import tempfile
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from complaintsdesk.accounts.roles import MANAGER, has_role
from complaintsdesk.reporting.annual.build import annual_report_build, quarterly_build
from complaintsdesk.reporting.annual.model import Report
from complaintsdesk.reporting.annual.publication import PublicationBlocked, report_publish_check
from complaintsdesk.reporting.annual.render import FORMATS, report_filename, report_render
from complaintsdesk.reporting.annual.render_html import html_context
from complaintsdesk.reporting.views.access import report_audience, reports_required
from complaintsdesk.reporting.views.filters import (
    ReportFilters,
    filter_choices,
    filters_ignored_say,
    filters_parse,
)

_IN_MEMORY = 1 << 20


@reports_required
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    filters = filters_parse(request, today=today)
    filters_ignored_say(request, filters)
    return render(
        request,
        "reporting/index.html",
        {"choices": filter_choices(today), "filters": filters},
    )


def _build(kind: str, f: ReportFilters) -> Report:
    args: dict[str, Any] = {
        "year": f.year,
        "edition": f.edition,
        "service_area": f.service_area,
        "directorate": f.directorate,
    }
    try:
        if kind == "annual":
            return annual_report_build(preset=f.preset, **args)
        return quarterly_build(quarter=f.quarter, **args)
    except ValueError as e:  # an unknown service area or directorate in the query string
        raise Http404(str(e)) from e


def _page(request: HttpRequest, kind: str) -> HttpResponse:
    today = timezone.localdate()
    f = filters_parse(request, today=today)
    filters_ignored_say(request, f)
    report = _build(kind, f)
    audience = report_audience(request.user)
    withheld = report.edition == "published" and bool(report.findings)
    context = {
        **html_context(report, edit_links=audience == "team"),
        "filters": f,
        "choices": filter_choices(today),
        "audience": audience,
        "withheld": withheld and audience != "team",
        "formats": list(FORMATS),
        "download_url": f"reporting:{kind}_download",
        "page_url": f"reporting:{kind}",
        "can_sign_off": has_role(request.user, MANAGER),
    }
    return render(request, "reporting/report_page.html", context)


def _download(request: HttpRequest, kind: str, fmt: str) -> HttpResponse | FileResponse:
    if fmt not in FORMATS:
        raise Http404("No such format")
    f = filters_parse(request, today=timezone.localdate())
    report = _build(kind, f)
    if report.edition == "published":
        try:
            report_publish_check(report)
        except PublicationBlocked as e:
            # Refused, not rendered: the published edition is what leaves the team. Only
            # the team is told which records or sections (leadership: that it is not ready).
            team = report_audience(request.user) == "team"
            return render(
                request,
                "reporting/refused.html",
                {
                    "report": report,
                    "message": e.message
                    if team
                    else "This report is not ready for publication yet.",
                    "reasons": e.reasons if team else (),
                    "privacy": bool(e.findings),
                    "year": report.year,
                    "preset": f.preset,
                },
                status=409,
            )
    _, content_type, ext = FORMATS[fmt]
    body = report_render(report, fmt)
    response = _document(body, content_type, report_filename(report, ext), fmt)
    if fmt == "html" and isinstance(body, str):
        # A standalone document: its <style> is inline, so the policy allows it by hash.
        response._csp_update = {"style-src": _style_hashes(body)}  # type: ignore[attr-defined]
    if fmt == "pdf":
        # Chrome shows an inline PDF in its own viewer, which a page's policy blocks
        # (object-src 'none': crbug.com/271452). The PDF holds no script of ours.
        response._csp_exempt = True  # type: ignore[attr-defined]
    return response


def _document(body: str | bytes, content_type: str, filename: str, fmt: str) -> FileResponse:
    """The document streamed to the browser in chunks from a temporary file (in memory up
    to a megabyte, on disk beyond), so a long report is not held twice while it is sent."""
    spooled = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY)
    spooled.write(body.encode() if isinstance(body, str) else body)
    spooled.seek(0)
    return FileResponse(
        spooled,
        content_type=content_type,
        as_attachment=fmt not in ("html", "pdf"),  # those two open in the browser
        filename=filename,
    )


def _style_hashes(html: str) -> list[str]:
    """CSP sources that allow each inline <style> element of `html`, by its SHA-256."""
    digests = (
        hashlib.sha256(css.encode()).digest()
        for css in re.findall(r"<style>(.*?)</style>", html, flags=re.DOTALL)
    )
    return [f"'sha256-{base64.b64encode(d).decode('ascii')}'" for d in digests]


@reports_required
def annual_page(request: HttpRequest) -> HttpResponse:
    return _page(request, "annual")


@reports_required
def quarterly_page(request: HttpRequest) -> HttpResponse:
    return _page(request, "quarterly")


@reports_required
def annual_download(request: HttpRequest, fmt: str) -> HttpResponse | FileResponse:
    return _download(request, "annual", fmt)


@reports_required
def quarterly_download(request: HttpRequest, fmt: str) -> HttpResponse | FileResponse:
    return _download(request, "quarterly", fmt)
