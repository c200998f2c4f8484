"""Render a report as an A4 PDF with WeasyPrint, from the HTML edition and a print stylesheet.

PDF/UA-1 is asked for: WeasyPrint then tags the structure (headings, tables, figures with
their alt text) and records the title and language (from <title> and <html lang>).
"""

from __future__ import annotations

from weasyprint import HTML

from complaintsdesk.reporting.annual.model import Report
from complaintsdesk.reporting.annual.render_html import render_html


def render_pdf(report: Report) -> bytes:
    html = render_html(report, print_css=True)
    pdf: bytes = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    return pdf
