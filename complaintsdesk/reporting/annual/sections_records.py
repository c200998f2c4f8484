"""The sections that list records (stage 2/3 cases, Ombudsman decisions, learning).

Which records are listed comes from the figures engine's drill-down (`figure_members`), so
a list always has exactly the records its total counts; one query per list reads the
details the rows do not carry (summaries, teams).
"""

from __future__ import annotations

import heapq
from decimal import Decimal
from typing import Any, NamedTuple

from django.conf import settings

from complaintsdesk.cases.models import Learning, LgscoCase, Stage
from complaintsdesk.core import vocabulary as v
from complaintsdesk.reporting.annual.cells import cell, money_text, text
from complaintsdesk.reporting.annual.model import Cell, FreeText, Row, Table
from complaintsdesk.reporting.annual.sections_figures import years_back
from complaintsdesk.reporting.annual.source import Figures
from complaintsdesk.reporting.figures import COUNCIL, GroupBy, figure_members


class Listed(NamedTuple):
    """The ids of the records a section lists: at most `settings.REPORT_LIST_LIMIT`, the
    latest by `date`, of the `total` its figure counts."""

    ids: list[int]
    total: int
    every: list[Any]  # the member rows of them all, listed or not

    def caption(self, caption: str) -> str:
        if len(self.ids) == self.total:
            return caption
        return f"{caption}: the latest {len(self.ids):,} of {self.total:,} (the total links to all)"


def _member_ids(
    f: Figures, name: str, date: str, focus: tuple[GroupBy, str] = ("council", COUNCIL)
) -> Listed:
    by, group = focus
    members = figure_members(name, group, "year", f.listed(), year=f.year, by=by)
    rows = members.rows
    limit = settings.REPORT_LIST_LIMIT
    if len(rows) > limit:
        rows = heapq.nlargest(limit, rows, key=lambda r: (getattr(r, date), r.id))
    return Listed([r.id for r in rows], len(members.rows), members.rows)


def _money(amount: Decimal | None) -> Cell:
    return cell(str(amount), money=True) if amount is not None else text("Not yet known")


def stage23(f: Figures) -> tuple[tuple[Table, ...], list[FreeText]]:
    """Section 3: each stage 2 and stage 3 started in the year, with its costs; totals. Of
    the focus's procedure only (the children's report: statutory cases, never corporate)."""
    listed = _member_ids(f, "stage_costs.total", "started", f.focus)
    stages = list(
        Stage.objects.filter(pk__in=listed.ids)
        .select_related("case", "case__team")
        .order_by("started", "id")
    )
    # The case's later stages, for "outcome so far" (a stage 2 may have gone on to stage 3).
    later = {
        (s.case_id, s.kind): s
        for s in Stage.objects.filter(case_id__in={s.case_id for s in stages}, kind="stage3")
    }
    rows, texts = [], []
    for s in stages:
        outcome = (
            v.OUTCOME.get(s.outcome, "") if s.responded else f"Open at {v.STAGE[s.kind].lower()}"
        )
        nxt = later.get((s.case_id, "stage3")) if s.kind == "stage2" else None
        if nxt is not None:
            outcome += (
                f"; stage 3: {v.OUTCOME.get(nxt.outcome, '').lower() if nxt.responded else 'open'}"
            )
        rows.append(
            Row(
                str(s.pk),
                s.case.reference,
                (
                    text(s.case.team.name if s.case.team else ""),
                    text(v.STAGE[s.kind]),
                    text(s.case.summary),
                    text(outcome or "Not recorded"),
                    _money(s.investigating_officer_cost),
                    _money(s.independent_person_cost),
                    _money(s.additional_cost),
                ),
            )
        )
        texts.append(
            FreeText(
                "case",
                str(s.case_id),
                "summary",
                f"Case {s.case.reference} (summary)",
                s.case.summary,
            )
        )
    by, group = f.focus
    costs = [
        cell(
            f.focused(f.year, f"stage_costs.{p}"),
            drill=f.drill(by, f.year, group, "year", f"stage_costs.{p}"),
            money=True,
        )
        for p in ("investigating_officer", "independent_person", "additional")
    ]
    total = Row("totals", "Totals", (text(""), text(""), text(""), text(""), *costs))
    overall = cell(
        f.focused(f.year, "stage_costs.total"),
        drill=f.drill(by, f.year, group, "year", "stage_costs.total"),
        money=True,
    )
    columns = (
        "Team",
        "Stage",
        "Brief subject",
        "Outcome so far",
        "Investigating officer",
        "Independent person",
        "Additional",
    )
    tables = (
        Table(
            "stage23.cases",
            listed.caption(f"Stage 2 and 3 investigations started in {f.year.label}"),
            "Case",
            columns,
            tuple(rows),
            total,
        ),
        Table(
            "stage23.total",
            "Overall cost of stage 2 and 3 investigations",
            "Figure",
            (f.year.label,),
            (
                Row(
                    "stage_costs.total",
                    "Overall cost",
                    (overall,),
                    "The overall cost of stage 2 and 3 investigations",
                ),
            ),
        ),
    )
    return tables, texts


LGSCO_TOTALS = (
    ("lgsco_received", "Ombudsman enquiries received", "Ombudsman enquiries"),
    ("lgsco_decided", "Ombudsman decisions", "Ombudsman decisions"),
    ("lgsco_upheld", "Of which upheld", "Upheld Ombudsman decisions"),
    ("lgsco_remedy_total", "Remedy payments agreed", "Remedy payments agreed"),
    ("lgsco_remedy_ongoing", "Remedies with ongoing payments", "Remedies with ongoing payments"),
)


def lgsco(f: Figures) -> tuple[tuple[Table, ...], list[FreeText]]:
    """Section 4: the year's Ombudsman decisions by service area; totals this year and last.
    Each decision in full is in the appendix (`lgsco_list`)."""
    by_area = tuple(
        Row(
            area,
            area,
            tuple(
                cell(
                    f.get("service_area", f.year, area, "year", name),
                    drill=f.drill("service_area", f.year, area, "year", name),
                    money=name == "lgsco_remedy_total",
                )
                for name, _, _ in LGSCO_TOTALS[1:]
            ),
            f"Ombudsman decisions about {area}",
        )
        for area in f.groups("service_area")
    )
    years = years_back(f.year, 2)
    totals = tuple(
        Row(
            name,
            label,
            tuple(
                cell(
                    f.council(y, name),
                    drill=f.drill("council", y, COUNCIL, "year", name),
                    money=name == "lgsco_remedy_total",
                )
                for y in years
            ),
            phrase,
        )
        for name, label, phrase in LGSCO_TOTALS
    )
    return (
        Table(
            "lgsco.by_area",
            f"Ombudsman decisions in {f.year.label} by service area",
            "Service area",
            ("Decisions", "Upheld", "Remedy payments", "Ongoing remedies"),
            by_area,
        ),
        Table(
            "lgsco.totals",
            "Ombudsman totals",
            "Figure",
            tuple(y.label for y in years),
            totals,
            years=True,
        ),
    ), []


def lgsco_list(f: Figures) -> tuple[tuple[Table, ...], list[FreeText]]:
    """The appendix: each Ombudsman decision in the year, by service area."""
    listed = _member_ids(f, "lgsco_decided", "decided")
    cases = (
        LgscoCase.objects.filter(pk__in=listed.ids)
        .select_related("service_area")
        .order_by("service_area__name", "decided", "lgsco_reference")
    )
    rows, texts = [], []
    for c in cases:
        remedy = money_text(c.remedy_amount) if c.remedy_amount else "None"
        if c.remedy_ongoing:
            remedy += " and ongoing"
        rows.append(
            Row(
                str(c.pk),
                c.lgsco_reference,
                (
                    text(c.service_area.name),
                    text(v.LGSCO_DECISION.get(c.decision, "")),
                    text(remedy),
                    text(c.summary),
                    text(c.recommendations),
                ),
            )
        )
        label = f"Ombudsman case {c.lgsco_reference}"
        texts.append(
            FreeText("lgsco_case", str(c.pk), "summary", f"{label} (complaint in brief)", c.summary)
        )
        texts.append(
            FreeText(
                "lgsco_case",
                str(c.pk),
                "recommendations",
                f"{label} (recommendations)",
                c.recommendations,
            )
        )
    columns = (
        "Service area",
        "Decision",
        "Remedy",
        "Complaint in brief",
        "Service improvement recommendations",
    )
    return (
        Table(
            "lgsco.decisions",
            listed.caption(f"Ombudsman decisions in {f.year.label}"),
            "Reference",
            columns,
            tuple(rows),
        ),
    ), texts


def learning(f: Figures) -> tuple[tuple[Table, ...], list[FreeText]]:
    """Section 8: each learning recorded in the year, its action, implemented or not."""
    listed = _member_ids(f, "learnings", "recorded")
    items = (
        Learning.objects.filter(pk__in=listed.ids)
        .select_related("case", "service_area")
        .order_by("recorded", "key")
    )
    rows, texts = [], []
    # Of every learning in the year, not only those listed.
    status_counts = dict.fromkeys(v.LEARNING_STATUS, 0)
    for row in listed.every:
        status_counts[row.status] = status_counts.get(row.status, 0) + 1
    # Learning listed once: records with the same words (one lesson drawn from several
    # complaints) share a row naming every case.
    same: dict[tuple[str, str, str, str], list[Any]] = {}
    for item in items:
        same.setdefault(
            (item.service_area.name, item.learning.strip(), item.action.strip(), item.status), []
        ).append(item)
    for (area, lesson, action, status), group in same.items():
        item = group[0]
        refs = [i.case.reference if i.case else i.key for i in group]
        ref = refs[0]
        rows.append(
            Row(
                str(item.pk),
                ", ".join(refs),
                (
                    text(area),
                    text(lesson),
                    text(action),
                    text(v.LEARNING_STATUS.get(status, status)),
                ),
                records=len(group),
            )
        )
        label = f"Learning {item.key} ({ref})"
        texts.append(
            FreeText(
                "learning", str(item.pk), "learning", f"{label}: what we learned", item.learning
            )
        )
        texts.append(
            FreeText("learning", str(item.pk), "action", f"{label}: what we did", item.action)
        )
    total = cell(
        f.council(f.year, "learnings"),
        drill=f.drill("council", f.year, COUNCIL, "year", "learnings"),
    )
    status_rows = tuple(
        Row(k, label, (cell(status_counts[k]),)) for k, label in v.LEARNING_STATUS.items()
    )
    columns = ("Service area", "What we learned", "What we did as a result", "Status")
    return (
        Table(
            "learning.list",
            listed.caption(f"Learning recorded in {f.year.label}"),
            "Case",
            columns,
            tuple(rows),
        ),
        Table(
            "learning.status",
            "Actions implemented",
            "Status",
            (f.year.label,),
            status_rows,
            Row("learnings", "All learnings", (total,), "Learnings recorded"),
        ),
    ), texts
