"""Render a report as a standalone HTML document (also the PDF's source), GOV.UK styled."""

from __future__ import annotations

import base64
from typing import Any

from django.template.loader import render_to_string

from complaintsdesk.reporting.annual.charts import chart_svg
from complaintsdesk.reporting.annual.model import Report


def _data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def html_context(
    report: Report, *, edit_links: bool = False, print_css: bool = False
) -> dict[str, Any]:
    """What the report templates need: the report, and each section with its drawn charts."""
    return {
        "report": report,
        "sections": [
            (s, [(c, _data_uri(chart_svg(c))) for c in s.charts]) for s in report.sections
        ],
        "year_end": int(report.year[:4]) + 1,
        "edit_links": edit_links,
        "print": print_css,
    }


def render_html(report: Report, *, print_css: bool = False) -> str:
    return render_to_string(
        "reporting/annual/document.html", html_context(report, print_css=print_css)
    )
