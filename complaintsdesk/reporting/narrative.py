"""The manager's narrative for each report section: saved append-only, drafted from figures.

`narrative_draft` offers plain factual sentences about what changed ("Stage 2
investigations rose from 1 to 5.") for the manager to keep, edit or drop; the judgement
("we are looking more closely at why...") stays theirs.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.reporting.annual.model import Report, Row, Table
from complaintsdesk.reporting.annual.presets import DEFAULT_PRESET, PRESETS
from complaintsdesk.reporting.figures import FinancialYear
from complaintsdesk.reporting.models import ReportNarrative

MAX_LENGTH = 20_000
MATERIAL_POINTS = 2  # the least change in a percentage worth a sentence


def narrative_save(
    *, actor: Any, year: str, section: str, text: str, preset: str = DEFAULT_PRESET
) -> ReportNarrative:
    """Add a new version of a section's narrative; earlier versions are kept."""
    FinancialYear.parse(year)  # a malformed year is refused before anything is written
    if preset not in PRESETS:
        raise ServiceError(f"No report called {preset!r}", field="preset")
    if section not in PRESETS[preset].sections:
        raise ServiceError(
            f"No section called {section!r} in the {PRESETS[preset].title.lower()}",
            field="section",
        )
    if len(text) > MAX_LENGTH:
        raise ServiceError(f"The narrative is longer than {MAX_LENGTH:,} characters", field="text")
    with transaction.atomic():
        version = ReportNarrative.objects.create(
            year=year, preset=preset, section=section, text=text.strip(), author=actor
        )
        audit_record(
            actor=actor,
            kind="report.narrative_saved",
            obj=version,
            payload={
                "year": year,
                "preset": preset,
                "section": section,
                "length": len(version.text),
            },
        )
    return version


def narratives_latest(*, year: str, preset: str = DEFAULT_PRESET) -> dict[str, ReportNarrative]:
    """The current version of each section's narrative: one query."""
    latest: dict[str, ReportNarrative] = {}
    for n in ReportNarrative.objects.filter(year=year, preset=preset).order_by("created_at", "id"):
        latest[n.section] = n
    return latest


def narrative_history(
    *, year: str, section: str, preset: str = DEFAULT_PRESET
) -> list[ReportNarrative]:
    return list(
        ReportNarrative.objects.filter(year=year, preset=preset, section=section)
        .select_related("author")
        .order_by("-created_at", "-id")
    )


def _compare(table: Table, row: Row) -> str | None:
    """One sentence comparing this year (column 0) with last year (column 1)."""
    if len(row.cells) < 2:
        return None
    now, before = row.cells[0], row.cells[1]
    if not isinstance(now.value, int | Decimal) or not isinstance(before.value, int | Decimal):
        return None  # withheld or not applicable: nothing safe to say
    subject = row.phrase or row.label
    if now.kind == "pct":
        subject = (
            f"The share of {subject[0].lower()}{subject[1:]}"
            if not subject.startswith("The ")
            else subject
        )
    if now.kind == "pct" and abs(int(now.value) - int(before.value)) < MATERIAL_POINTS:
        return None  # a share moving a point either way is rounding, not news
    if now.value == before.value:
        if now.value == 0:
            return None  # "stayed at 0" is noise
        verb = "stays" if subject.startswith("The share") else "stayed"
        return f"{subject} {verb} at {now.shown}, as in {table.columns[1]}."
    direction = "rose" if now.value > before.value else "fell"
    then, this = table.columns[1], table.columns[0]
    return f"{subject} {direction} from {before.shown} in {then} to {now.shown} in {this}."


def narrative_draft(report: Report, section: str) -> list[str]:
    """Factual sentences about the section's changes since last year, for the manager to edit."""
    s = report.section(section)
    if s is None:
        return []
    sentences: list[str] = []
    by_procedure = section == "summary"  # one table per procedure: say which
    for table in s.tables:
        if table.years:
            for row in (*table.rows, *([table.total] if table.total else [])):
                sentence = _compare(table, row)
                if sentence and by_procedure:
                    sentence = f"{table.caption}: {sentence}"
                if sentence:
                    sentences.append(sentence)
        elif table.key.startswith("dashboard.") and table.columns[-1] == "Year":
            formal, informal = table.row("formal"), table.row("informal")
            if (
                formal
                and informal
                and formal.cells[-1].value is not None
                and informal.cells[-1].value is not None
            ):
                sentences.append(
                    f"{table.caption.rsplit(',', 1)[0]} received "
                    f"{formal.cells[-1].shown} formal and "
                    f"{informal.cells[-1].shown} informal complaints in {report.year}."
                )
        elif table.key in ("stage23.cases", "lgsco.decisions", "learning.list"):
            noun = {
                "stage23.cases": "stage 2 or 3 investigations started",
                "lgsco.decisions": "Ombudsman decisions were made",
                "learning.list": "learnings were recorded",
            }[table.key]
            sentences.append(f"{sum(r.records for r in table.rows)} {noun} in {report.year}.")
        elif len(table.columns) == 1 and table.key.startswith("code."):
            sentences += [
                f"{row.label}: {row.cells[0].printed} in {report.year}."
                for row in table.rows
                if row.cells and row.cells[0].value is not None
            ]
    return sentences
