"""Plain typed rows the figures engine reads. Pure: no Django imports.

The selectors build them from the database with `values_list` tuples (NamedTuple so a
tuple becomes a row without copying field by field); tests build them by hand.
An empty string means "not recorded" for a code, as in the models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from complaintsdesk.reporting.tally import Tally


class StageRow(NamedTuple):
    id: int  # the Stage's primary key: what a drill-down links to
    case_reference: str
    procedure: str
    service_area: str
    directorate: str
    complainant_type: str
    child_in_care: bool | None
    via_advocate: bool | None
    theme: str
    kind: str  # informal | stage1 | stage2 | stage3
    started: date
    responded: date | None
    outcome: str
    due: date | None  # as stored: the procedure's rule, or extended_to when recorded
    working_days_taken: int | None
    investigating_officer_cost: Decimal | None
    independent_person_cost: Decimal | None
    additional_cost: Decimal | None


class ComplimentRow(NamedTuple):
    id: int
    key: str
    received: date
    service_area: str
    directorate: str


class LgscoRow(NamedTuple):
    id: int
    lgsco_reference: str
    case_reference: str | None
    procedure: str | None  # the council case's procedure; None when there is no case
    service_area: str
    directorate: str
    received: date
    decided: date | None
    decision: str
    remedy_amount: Decimal | None
    remedy_ongoing: bool


class LearningRow(NamedTuple):
    id: int
    key: str
    case_reference: str | None
    procedure: str | None  # None when the learning has no case
    service_area: str
    directorate: str  # the service area's directorate
    recorded: date
    status: str


class EqualityRow(NamedTuple):
    id: int
    received: date
    directorate: str | None  # None: counts only in the council group
    gender: str
    sexuality: str
    age_band: str
    religion: str
    ethnicity: str
    disability: tuple[str, ...]  # the `;`-list split; () when left blank


class CaseRow(NamedTuple):
    """A case, for equality uptake (the forms sent)."""

    id: int
    reference: str
    procedure: str
    service_area: str
    directorate: str
    equality_form_sent: date | None


@dataclass(frozen=True)
class FigureRows:
    """Everything the engine reads for one report. Rows outside the year are ignored by date,
    so one FigureRows may cover several years (the annual report's "years before").

    With a `tally` (counted by the database), the engine takes every stage and case figure
    from it, and `stages` and `cases` stay empty: such rows are for figures, not for a
    drill-down list."""

    stages: tuple[StageRow, ...] = ()
    compliments: tuple[ComplimentRow, ...] = ()
    lgsco: tuple[LgscoRow, ...] = ()
    learnings: tuple[LearningRow, ...] = ()
    equality: tuple[EqualityRow, ...] = ()
    cases: tuple[CaseRow, ...] = ()
    tally: Tally | None = None
