"""Render a report as a standalone HTML document (also the PDF's source), GOV.UK styled."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string

from complaintsdesk.reporting.annual.charts import chart_png, chart_svg
from complaintsdesk.reporting.annual.model import Chart, Report


def _data_uri(chart: Chart, *, print_css: bool) -> str:
    """SVG on screen (sharp at any zoom); a PNG in print, which WeasyPrint places as one
    image instead of drawing the SVG's thousands of paths on every PDF."""
    if print_css:
        return "data:image/png;base64," + base64.b64encode(chart_png(chart)).decode("ascii")
    return "data:image/svg+xml;base64," + base64.b64encode(chart_svg(chart)).decode("ascii")


def html_context(
    report: Report,
    *,
    edit_links: bool = False,
    print_css: bool = False,
    chart_src: Callable[[Chart], str] | None = None,
) -> dict[str, Any]:
    """What the report templates need: the report, and each section with its drawn charts
    (as `chart_src` names each chart's image, by default a data: URI)."""
    src = chart_src or (lambda c: _data_uri(c, print_css=print_css))
    return {
        "report": report,
        "sections": [(s, [(c, src(c)) for c in s.charts]) for s in report.sections],
        "year_end": int(report.year[:4]) + 1,
        "edit_links": edit_links,
        "print": print_css,
    }


def render_html(
    report: Report, *, print_css: bool = False, chart_src: Callable[[Chart], str] | None = None
) -> str:
    """The standalone document; for print (`render_pdf`) without its stylesheet, which
    the PDF renderer parses once per process (`report_stylesheets`)."""
    context = html_context(report, print_css=print_css, chart_src=chart_src)
    return render_to_string("reporting/annual/document.html", context)


def report_stylesheets() -> tuple[str, str]:
    """The report's own styles and the print styles, as the document's <style> has them."""
    return (
        render_to_string("reporting/annual/report.css"),
        render_to_string("reporting/annual/print.css"),
    )
