"""The formats a report renders to, and their renderers, imported when first used (so
`report figures` and page loads do not pay for matplotlib and WeasyPrint).

Each renderer takes only the report object (conventions rule 10).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import cast

from complaintsdesk.reporting.annual.model import Report

Renderer = Callable[[Report], "str | bytes"]

# format -> (module, content type, file extension); the module's function is render_<format>.
FORMATS: dict[str, tuple[str, str, str]] = {
    "html": ("render_html", "text/html; charset=utf-8", "html"),
    "pdf": ("render_pdf", "application/pdf", "pdf"),
    "docx": (
        "render_docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "xlsx": (
        "render_xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "json": ("render_json", "application/json", "json"),
}


def renderer(fmt: str) -> Renderer:
    module = import_module(f"complaintsdesk.reporting.annual.{FORMATS[fmt][0]}")
    return cast(Renderer, getattr(module, f"render_{fmt}"))


def report_render(report: Report, fmt: str) -> str | bytes:
    return renderer(fmt)(report)


def report_filename(report: Report, ext: str) -> str:
    scope = "".join(ch if ch.isalnum() else "-" for ch in report.scope.lower()).strip("-")
    quarter = f"-{report.quarter.lower()}" if report.quarter else ""
    return f"complaints-{report.kind}-{report.year}{quarter}-{scope}-{report.edition}.{ext}"
