"""The adults' regulation 18 table and the Code's performance table.

Regulation 18 of the 2009 Regulations asks for complaints received, how many were
well-founded, and how many were referred to the Ombudsman: all figures of the engine,
over the adults' procedure (well-founded: upheld or partly upheld at the response).

The Complaint Handling Code's timescales (acknowledged within 5 working days; stage 1
answered within 10 working days of the acknowledgement, stage 2 within 20) are not figures
of figures.md: they are counted here from the year's corporate stages, one query, with the
council's working-day calendar (one more). Extensions and escalations beside them.
"""

from __future__ import annotations

from typing import Any

from complaintsdesk.cases.models import Stage
from complaintsdesk.deadlines.selectors import calendar_current
from complaintsdesk.reporting.annual.cells import cell
from complaintsdesk.reporting.annual.model import Row, Table
from complaintsdesk.reporting.annual.sections_feedback import _pct
from complaintsdesk.reporting.annual.sections_figures import _year_rows, years_back
from complaintsdesk.reporting.annual.source import Figures
from complaintsdesk.reporting.figures import COUNCIL

# The Code's timescales in working days (from 1 April 2026; the council's own before).
ACKNOWLEDGE_WD = 5
STAGE_WD = {"stage1": 10, "stage2": 20}


def _well_founded(f: Figures, year: Any) -> Any:
    """Upheld and partly upheld responses: the numerators of the two outcome shares."""
    parts = [f.focused(year, "fully_justified_pct"), f.focused(year, "part_justified_pct")]
    if all(isinstance(p, dict) for p in parts):
        return sum(int(p["num"]) for p in parts)
    return "[c]"  # a share withheld in the published edition: its count is too


def adults_received(f: Figures) -> tuple[Table, ...]:
    years = years_back(f.year, 3)
    cols = tuple(y.label for y in years)
    focus = _year_rows(
        f,
        *f.focus,
        years,
        (
            ("total", "Complaints received", "Complaints received"),
            ("representations", "Of which resolved informally", "Complaints resolved informally"),
            ("formal", "Of which formal complaints", "Formal complaints"),
            ("responded", "Responses sent", "Responses sent"),
        ),
    )
    well = Row(
        "well_founded",
        "Well-founded (upheld or partly upheld)",
        tuple(cell(_well_founded(f, y)) for y in years),
        "Well-founded complaints",
    )
    # The Ombudsman's cases are the scope's: a case referred may have no council case.
    ombudsman = _year_rows(
        f,
        "council",
        COUNCIL,
        years,
        (
            ("lgsco_received", "Referred to the Ombudsman", "Complaints referred to the Ombudsman"),
            ("lgsco_decided", "Ombudsman decisions", "Ombudsman decisions"),
            ("lgsco_upheld", "Ombudsman decisions upheld", "Upheld Ombudsman decisions"),
        ),
    )
    return (
        Table(
            "adults.received",
            "Complaints received, well-founded and referred to the Ombudsman",
            "Figure",
            cols,
            (*focus, well, *ombudsman),
            years=True,
            group=f.focus[1],
        ),
    )


def code_performance(f: Figures) -> tuple[Table, ...]:
    """Received, acknowledged and answered within the Code's timescales, extended, escalated."""
    areas = list(f.scope.service_areas)
    fy = f.year
    rows = list(
        Stage.objects.filter(
            case__procedure=f.focus[1],
            case__service_area__name__in=areas,
            kind__in=("stage1", "stage2"),
            started__lte=fy.end,
        )
        .exclude(responded__lt=fy.start)
        .values_list("kind", "started", "acknowledged", "responded", "extended_to")
    )
    cal = calendar_current()
    started = {k: [r for r in rows if r[0] == k and fy.start <= r[1] <= fy.end] for k in STAGE_WD}
    answered = {
        k: [r for r in rows if r[0] == k and r[3] and fy.start <= r[3] <= fy.end] for k in STAGE_WD
    }
    s1 = started["stage1"]
    acknowledged = sum(
        1 for r in s1 if r[2] is not None and cal.day_number(r[1], r[2]) <= ACKNOWLEDGE_WD
    )

    def in_time(kind: str) -> int:
        # From the acknowledgement (the Code's start), or receipt when none is recorded.
        limit = STAGE_WD[kind]
        return len(
            [r for r in answered[kind] if r[3] and cal.day_number(r[2] or r[1], r[3]) <= limit]
        )

    extended = {k: sum(1 for r in answered[k] if r[4]) for k in STAGE_WD}
    e = f.edition
    table_rows = (
        Row("formal", "Stage 1 complaints received", (cell(len(s1)),), "Stage 1 complaints"),
        Row(
            "acknowledged_5_wd_pct",
            f"Acknowledged within {ACKNOWLEDGE_WD} working days",
            (cell(_pct(acknowledged, len(s1), e)),),
        ),
        Row("stage1_answered", "Stage 1 responses sent", (cell(len(answered["stage1"])),)),
        Row(
            "stage1_10_wd_pct",
            "Stage 1 answered within 10 working days of acknowledgement",
            (cell(_pct(in_time("stage1"), len(answered["stage1"]), e)),),
        ),
        Row(
            "stage1_extended",
            "Stage 1 responses with an extension",
            (cell(_pct(extended["stage1"], len(answered["stage1"]), e)),),
        ),
        Row(
            "stage2",
            "Escalated to stage 2",
            (cell(len(started["stage2"])),),
        ),
        Row(
            "escalation_pct",
            "Escalation rate (stage 2 started / stage 1 received)",
            (cell(_pct(len(started["stage2"]), len(s1), e)),),
        ),
        Row("stage2_answered", "Stage 2 responses sent", (cell(len(answered["stage2"])),)),
        Row(
            "stage2_20_wd_pct",
            "Stage 2 answered within 20 working days of acknowledgement",
            (cell(_pct(in_time("stage2"), len(answered["stage2"]), e)),),
        ),
        Row(
            "stage2_extended",
            "Stage 2 responses with an extension",
            (cell(_pct(extended["stage2"], len(answered["stage2"]), e)),),
        ),
    )
    return (
        Table(
            "code.performance",
            f"Corporate complaints against the Code's timescales, {fy.label}",
            "Figure",
            (fy.label,),
            table_rows,
            group=f.focus[1],
        ),
    )
