"""Render a report as an A4 PDF with WeasyPrint, from the HTML edition and a print stylesheet.

PDF/UA-1 is asked for: WeasyPrint then tags the structure (headings, tables, figures with
their alt text) and records the title and language (from <title> and <html lang>).

The fonts and the stylesheets are loaded once per process: WeasyPrint would otherwise
search the system's fonts and parse the styles for every document.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from complaintsdesk.reporting.annual.charts import chart_png
from complaintsdesk.reporting.annual.model import Chart, Report
from complaintsdesk.reporting.annual.render_html import render_html, report_stylesheets


@lru_cache(maxsize=1)
def _fonts_and_styles() -> tuple[FontConfiguration, list[CSS]]:
    fonts = FontConfiguration()
    return fonts, [CSS(string=css, font_config=fonts) for css in report_stylesheets()]


class _ChartFetcher(URLFetcher):  # type: ignore[misc]
    """Hands WeasyPrint the report's charts by name: a report's PDF reads nothing from the
    network or the disk."""

    def __init__(self, images: dict[str, bytes]) -> None:
        super().__init__(allowed_protocols=())
        self.images = images

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url not in self.images:
            raise ValueError(f"Not one of the report's charts: {url}")
        return URLFetcherResponse(url, self.images[url], {"Content-Type": "image/png"})


def render_pdf(report: Report) -> bytes:
    # The charts are handed to WeasyPrint by name, not inlined as data: URIs that its
    # HTML parser would read character by character.
    images: dict[str, bytes] = {}

    def chart_src(chart: Chart) -> str:
        name = f"chart:{len(images)}"
        images[name] = chart_png(chart)
        return name

    html = render_html(report, print_css=True, chart_src=chart_src)
    fonts, styles = _fonts_and_styles()
    pdf: bytes = HTML(string=html, url_fetcher=_ChartFetcher(images)).write_pdf(
        stylesheets=styles, font_config=fonts, pdf_variant="pdf/ua-1", uncompressed_pdf=False
    )
    return pdf
