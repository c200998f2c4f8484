"""Render a report as a Word document a complaints manager can edit: real heading styles,
tables with a repeating header row, charts as pictures with their text alternative."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from complaintsdesk.reporting.annual.charts import chart_png
from complaintsdesk.reporting.annual.model import Chart, Report, Row, Table


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _write_row(cells: list[Any], row: Row, bold: bool) -> None:
    values = [row.label, *(c.printed for c in row.cells)]
    for i, (target, value) in enumerate(zip(cells, values, strict=True)):
        target.text = value
        para = target.paragraphs[0]
        if i and row.cells[i - 1].kind != "text":
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if bold or i == 0:
            for run in para.runs:
                run.bold = True


def _table(doc: DocumentType, t: Table) -> None:
    # Styles by object: looking one up by name reads every style of the document.
    caption = doc.add_paragraph(t.caption, style=doc.styles["Caption"])
    caption.paragraph_format.keep_with_next = True
    rows = [*t.rows, *([t.total] if t.total else [])]
    table = doc.add_table(rows=1 + len(rows), cols=1 + len(t.columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    # One pass over the rows: `table.rows[i]` lists every row to find one.
    header, *body = table.rows
    _repeat_header(header)
    for target, value in zip(header.cells, (t.row_header, *t.columns), strict=True):
        target.text = value
        for run in target.paragraphs[0].runs:
            run.bold = True
    for target_row, row in zip(body, rows, strict=True):
        _write_row(target_row.cells, row, bold=row is t.total)
    if not t.rows:
        doc.add_paragraph("None this year.")
    doc.add_paragraph()


def _chart(doc: DocumentType, chart: Chart) -> None:
    doc.add_picture(io.BytesIO(chart_png(chart)), width=Cm(16))
    # The picture's alternative text, read by screen readers (Word: Edit Alt Text).
    doc.inline_shapes[-1]._inline.docPr.set("descr", chart.alt)
    doc.add_paragraph(f"Figure: {chart.title}.", style="Caption")


def _a4(doc: DocumentType) -> None:
    """python-docx's template is US Letter: a council's report is A4, 2 cm margins."""
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)


def render_docx(report: Report) -> bytes:
    doc = Document()
    _a4(doc)
    doc.core_properties.title = report.title
    doc.core_properties.author = report.council
    doc.core_properties.language = "en-GB"
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_paragraph(report.council, style="Subtitle")
    doc.add_heading(report.title, level=0)
    edition = (
        "Published edition"
        if report.edition == "published"
        else "Internal edition: not for publication"
    )
    doc.add_paragraph(f"{report.scope}. {edition}. Produced {report.generated_at:%-d %B %Y}.")
    if report.law:
        doc.add_paragraph(report.law)
    if report.signoff:
        by = report.signoff
        doc.add_paragraph(f"Signed off by {by.name}, {by.role}, on {by.signed_on:%-d %B %Y}.")
    elif report.kind == "annual":
        doc.add_paragraph("Not yet signed off.")
    if report.failures:
        doc.add_heading(
            f"This report failed {len(report.failures)} of its {len(report.checks)} self-checks",
            level=2,
        )
        for c in report.failures:
            doc.add_paragraph(f"{c.name}: {c.detail}", style="List Bullet")
    if report.edition == "published":
        doc.add_heading("Symbols used", level=2)
        for mark, meaning in report.markers.items():
            doc.add_paragraph(f"{mark}: {meaning}", style="List Bullet")
    doc.add_heading("Contents", level=1)
    for s in report.sections:
        doc.add_paragraph(f"{s.number}. {s.title}", style="List Number")
    for s in report.sections:
        doc.add_page_break()  # type: ignore[no-untyped-call]
        doc.add_heading(f"{s.number}. {s.title}", level=1)
        doc.add_paragraph(s.intro)
        for para in filter(None, (p.strip() for p in s.narrative.split("\n\n"))):
            doc.add_paragraph(para, style="Quote")
        if not s.narrative and s.draft and report.edition == "internal":
            doc.add_paragraph("Drafted from the figures (not yet written by the manager):")
            for sentence in s.draft:
                doc.add_paragraph(sentence, style="List Bullet")
        for chart in s.charts:
            _chart(doc, chart)
        for t in s.tables:
            _table(doc, t)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
