"""Render a report as a workbook: one sheet per section, numbers as numbers.

Counts are integers, percentages are fractions formatted "0%", money is formatted "£";
a withheld figure stays text ("<5") so no one can sum it by mistake. Every text cell is typed
as text, so free text beginning with "=" is never a live formula.
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from complaintsdesk.core.spreadsheets import xlsx_cell
from complaintsdesk.reporting.annual.model import Cell, Report, Table

BOLD = Font(bold=True)
FORMATS = {"pct": "0%", "money": "£#,##0.00", "count": "#,##0"}


def _value(c: Cell) -> object:
    if c.value is None:
        return c.shown
    if c.kind == "pct":
        return int(c.value) / 100
    return c.value


def _write_table(ws: Worksheet, t: Table, row: int) -> int:
    xlsx_cell(ws, row, 1, t.caption).font = Font(bold=True, size=12)
    row += 1
    for col, heading in enumerate((t.row_header, *t.columns), start=1):
        xlsx_cell(ws, row, col, heading).font = BOLD
    for r in (*t.rows, *([t.total] if t.total else [])):
        row += 1
        xlsx_cell(ws, row, 1, r.label).font = BOLD
        for col, c in enumerate(r.cells, start=2):
            target = xlsx_cell(ws, row, col, _value(c))
            if c.value is not None and c.kind in FORMATS:
                target.number_format = FORMATS[c.kind]
            if c.kind == "text":
                target.alignment = Alignment(wrap_text=True, vertical="top")
            if r is t.total:
                target.font = BOLD
    return row + 2


# Excel allows 31 characters in a sheet name: short names for the long section titles.
SHEET_NAMES = {
    "stage23": "Stage 2 and 3 cases",
    "who": "Who, what, outcomes",
    "learning": "Learning",
    "effectiveness": "Effectiveness",
    "adults_received": "Received and well-founded",
    "code_performance": "Code performance",
    "appendix_lgsco": "Appendix Ombudsman",
    "general_importance": "General importance",
}


def _sheet_name(number: int, key: str, title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "", f"{number} {SHEET_NAMES.get(key, title)}")[:31]


def render_xlsx(report: Report) -> bytes:
    wb = Workbook()
    about = wb.active
    about.title = "About"
    lines = [
        report.title,
        report.council,
        f"Scope: {report.scope}",
        f"Edition: {report.edition}",
        f"Produced: {report.generated_at:%d %B %Y %H:%M}",
        *([report.law] if report.law else []),
        *(
            [
                f"Signed off by {report.signoff.name}, {report.signoff.role}, "
                f"on {report.signoff.signed_on:%d %B %Y}"
            ]
            if report.signoff
            else []
        ),
        f"Self-checks: {len(report.checks) - len(report.failures)} of {len(report.checks)} passed",
        *(f"FAILED: {c.name}: {c.detail}" for c in report.failures),
        *(
            f"{mark}: {meaning}"
            for mark, meaning in report.markers.items()
            if report.edition == "published"
        ),
    ]
    for i, line in enumerate(lines, start=1):
        xlsx_cell(about, i, 1, line)
    about["A1"].font = Font(bold=True, size=14)
    for s in report.sections:
        ws = wb.create_sheet(_sheet_name(s.number, s.key, s.title))
        xlsx_cell(ws, 1, 1, f"{s.number}. {s.title}").font = Font(bold=True, size=14)
        xlsx_cell(ws, 2, 1, s.intro)
        row = 4
        if s.narrative:
            xlsx_cell(ws, 3, 1, s.narrative)
        for t in s.tables:
            row = _write_table(ws, t, row)
        ws.column_dimensions["A"].width = 42
        for letter in "BCDEFGH":
            ws.column_dimensions[letter].width = 16
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
