"""The typed report object of the annual statutory report and the quarterly dashboard.

Data first (conventions rule 10): the builder fills these from the figures engine, and each
renderer (HTML, PDF, DOCX, XLSX, JSON) takes only this object. A table is generic (caption,
columns, rows of cells) so one small table routine per format prints every section; rows
and tables carry keys so the self-checks and the narrative drafts can find a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

CellKind = Literal["count", "pct", "money", "text"]
Edition = Literal["internal", "published"]

# Every section any preset prints, key -> title (presets.py orders them per report; the
# children's preset keeps figures.md's ten, in the seed report's order).
SECTIONS: dict[str, str] = {
    "key_messages": "Key messages",
    "dashboard": "Quarterly dashboard",
    "summary": "Statutory procedure summary",
    "stage23": "Stage 2 and stage 3 cases",
    "lgsco": "Ombudsman decisions",
    "who": "Who complained, what about, and the outcomes",
    "cic": "Children in care",
    "timeliness": "Timeliness",
    "learning": "Learning and service improvement",
    "effectiveness": "Review of the effectiveness of the procedure",
    "equality": "Equality monitoring",
    "compliments": "Compliments",
    "adults_received": "Complaints received, well-founded and referred to the Ombudsman",
    "adults_subjects": "Subject matter of the complaints",
    "general_importance": "Matters of general importance",
    "action_taken": "Action taken to improve services",
    "code_performance": "Complaint handling performance against the Code",
    "self_assessment": "Self-assessment against the Complaint Handling Code",
    "lgsco_remedies": "Ombudsman recommendations and remedies",
    "appendix_lgsco": "Appendix: every Ombudsman decision",
}

# What a published edition prints instead of a withheld figure, and why (the footnotes).
# One mark for every withheld figure, whatever its column (figures.md's engine has three:
# "<5", "[c]" and "[low]"; a reader needs one, with the reason on the cell's title).
WITHHELD = "[c]"
WITHHELD_REASONS: dict[str, str] = {
    "[c]": "withheld so that another withheld figure cannot be worked out",
    "[low]": "a percentage of fewer than {min_den} records",
}


@dataclass(frozen=True)
class Cell:
    """One printed figure: `shown` is what every format prints; `value` is the number for a
    spreadsheet (None when withheld or not applicable); `drill` is the URL of the records
    behind it (internal edition only)."""

    shown: str
    value: int | Decimal | None = None
    kind: CellKind = "count"
    drill: str | None = None
    title: str = ""  # e.g. "2 of 11": the counts behind a percentage
    base: int | None = None  # a percentage's denominator, printed beside it

    @property
    def withheld(self) -> bool:
        return self.value is None and self.kind != "text" and self.shown not in ("–", "")

    @property
    def printed(self) -> str:
        """As a document prints it: a percentage with its base ("11% of 58")."""
        if self.kind == "pct" and self.value is not None and self.base is not None:
            return f"{self.shown} of {self.base:,}"
        return self.shown


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: tuple[Cell, ...]
    phrase: str = ""  # the label as a noun phrase for drafted sentences ("Stage 2 investigations")
    records: int = 1  # how many records a listed row stands for (learning listed once)


@dataclass(frozen=True)
class Table:
    key: str
    caption: str
    row_header: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    total: Row | None = None
    # True when columns are years, this year first: the narrative compares columns 0 and 1.
    years: bool = False
    # Whose figures: "council" (the report's whole scope) or a procedure's code.
    group: str = "council"

    @property
    def headed_columns(self) -> tuple[tuple[str, bool], ...]:
        """Each column's heading, and whether it holds numbers (right-aligned)."""
        rows = (*self.rows, *([self.total] if self.total else []))
        return tuple(
            (col, any(i < len(r.cells) and r.cells[i].kind != "text" for r in rows))
            for i, col in enumerate(self.columns)
        )

    def row(self, key: str) -> Row | None:
        return next(
            (r for r in (*self.rows, *([self.total] if self.total else [])) if r.key == key), None
        )


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # None: withheld or not applicable, drawn as a gap


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: Literal["count", "pct"] = "count"

    @property
    def alt(self) -> str:
        """The text alternative: every value the chart draws, in words."""
        suffix = "%" if self.unit == "pct" else ""
        parts = []
        for s in self.series:
            values = ", ".join(
                f"{c} {'withheld' if v is None else f'{v:g}{suffix}'}"
                for c, v in zip(self.categories, s.values, strict=True)
            )
            parts.append(f"{s.name}: {values}")
        return f"{self.title}. " + "; ".join(parts) + "."


@dataclass(frozen=True)
class Section:
    key: str  # a key of SECTIONS (or "dashboard" in the quarterly dashboard)
    number: int
    title: str
    intro: str
    tables: tuple[Table, ...]
    charts: tuple[Chart, ...] = ()
    narrative: str = ""  # the manager's text, latest version
    notes: tuple[str, ...] = ()
    draft: tuple[str, ...] = ()  # sentences drafted from the figures (narrative.py)

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)


@dataclass(frozen=True)
class Check:
    """A self-check of the report's invariants; failures are shown on its first page."""

    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class FreeText:
    """A free-text field that goes into the report, with the record it comes from."""

    record_type: Literal[
        "case",
        "lgsco_case",
        "lgsco_recommendation",
        "learning",
        "narrative",
        "self_assessment",
        "compliment",
    ]
    record_id: str
    field: str
    label: str  # how a person finds the record: "Learning L-123 (COM/5994)"
    text: str


@dataclass(frozen=True)
class OpenFinding:
    """Personal data found in a free-text field and neither redacted nor accepted yet."""

    source: FreeText
    kind: str
    kind_label: str
    text: str
    finding_hash: str


@dataclass(frozen=True)
class SignOff:
    """Who signed the report off, as the published edition prints it."""

    name: str
    role: str
    signed_on: date


@dataclass(frozen=True)
class Report:
    kind: Literal["annual", "quarterly"]
    title: str
    council: str
    year: str
    edition: Edition
    scope: str  # "All service areas", a directorate's or a service area's name
    generated_at: datetime
    sections: tuple[Section, ...]
    checks: tuple[Check, ...] = ()
    free_texts: tuple[FreeText, ...] = ()
    findings: tuple[OpenFinding, ...] = ()
    figures: dict[str, object] = field(default_factory=dict)  # the figures/1 JSON behind it
    suppression: dict[str, int] = field(default_factory=dict)
    quarter: str | None = None
    preset: str = ""  # an annual report's preset (presets.py)
    law: str = ""
    missing: tuple[str, ...] = ()  # what the completeness check found unfinished
    signoff: SignOff | None = None  # the current sign-off, if any

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def failures(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.ok)

    @property
    def publishable(self) -> bool:
        return self.edition == "published" and not self.findings

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def markers(self) -> dict[str, str]:
        min_den = self.suppression.get("percent_min_denominator", 10)
        threshold = self.suppression.get("threshold", 5)
        return {
            WITHHELD: (
                f"withheld: a count of 1 to {threshold - 1} people, a percentage of fewer "
                f"than {min_den} records, or a figure from which a withheld one could be "
                "worked out"
            )
        }


class AnnualReport(Report):
    """An annual report of one preset: the children's statutory report (figures.md's ten
    sections and the seed's), the adults' (regulation 18) or the Code's."""


class QuarterlyDashboard(Report):
    """The quarterly dashboard: one service area or all, Q1 to the quarter asked for."""
