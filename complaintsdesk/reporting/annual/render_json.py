"""Render a report as JSON: its tables as data, and the figures/1 object behind them."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from complaintsdesk.reporting.annual.model import Cell, Report, Table

SCHEMA = "complaintsdesk.report/1"


def _cell(c: Cell) -> Any:
    if c.value is None:
        return c.shown  # text, a withheld marker ("[c]"), or "–"
    if isinstance(c.value, Decimal):
        return f"{c.value:.2f}"
    return c.value


def _table(t: Table) -> dict[str, Any]:
    return {
        "key": t.key,
        "caption": t.caption,
        "columns": [t.row_header, *t.columns],
        "rows": [[r.label, *map(_cell, r.cells)] for r in t.rows],
        "total": [t.total.label, *map(_cell, t.total.cells)] if t.total else None,
    }


def render_json(report: Report) -> str:
    data = {
        "schema": SCHEMA,
        "kind": report.kind,
        "title": report.title,
        "year": report.year,
        "quarter": report.quarter,
        "edition": report.edition,
        "scope": report.scope,
        "preset": report.preset,
        "complete": not report.missing,
        "missing": list(report.missing),
        "signoff": (
            {
                "name": report.signoff.name,
                "role": report.signoff.role,
                "signed_on": report.signoff.signed_on.isoformat(),
            }
            if report.signoff
            else None
        ),
        "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in report.checks],
        "sections": [
            {
                "key": s.key,
                "number": s.number,
                "title": s.title,
                "narrative": s.narrative,
                "drafted": list(s.draft),
                "tables": [_table(t) for t in s.tables],
            }
            for s in report.sections
        ],
        "figures": report.figures,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
