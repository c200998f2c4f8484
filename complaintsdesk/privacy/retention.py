"""The retention schedule as data. PURE: no Django.

How long each kind of record is kept after its case closes, per procedure, as a
`RetentionSchedule` versioned by the date it takes effect (like the timescales in
`workflow.rules`). Unlike a timescale, which follows the day a stage started, a retention
period is the council's policy now: a run on `today` applies the version in force on
`today` to every record, so lengthening the period protects records not yet anonymised and
shortening it takes effect from its date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from complaintsdesk.deadlines.calendar import add_months
from complaintsdesk.workflow.rules import PROCEDURES

CASE = "case"  # the case's personal data and free text, its people and notes
DOCUMENTS = "documents"  # the files attached to it (may go sooner than the case)
RECORD_TYPES: dict[str, str] = {
    CASE: "Case details, people and notes",
    DOCUMENTS: "Documents",
}
# Six years after closure, the period most council schedules give complaints (the Local
# Government Association's retention guidelines), for every procedure and record type.
DEFAULT_MONTHS = 72
MAX_MONTHS = 12 * 100


@dataclass(frozen=True)
class RetentionSchedule:
    effective_from: date
    # (procedure, record type) -> months kept after closure
    months: dict[tuple[str, str], int] = field(default_factory=dict)
    note: str = ""

    def __post_init__(self) -> None:
        for procedure in PROCEDURES:
            for record_type in RECORD_TYPES:
                value = self.months.get((procedure, record_type))
                if value is None:
                    raise ValueError(f"No period for {procedure} {record_type}")
                if not isinstance(value, int) or isinstance(value, bool):
                    raise ValueError(f"The period for {procedure} {record_type} is not a number")
                if not 1 <= value <= MAX_MONTHS:
                    raise ValueError(
                        f"The period for {procedure} {record_type} must be 1 to {MAX_MONTHS} months"
                    )
        unknown = set(self.months) - {(p, r) for p in PROCEDURES for r in RECORD_TYPES}
        if unknown:
            raise ValueError(f"Unknown procedure or record type: {sorted(unknown)}")

    def period(self, procedure: str, record_type: str) -> int:
        """Months kept; a case with no known procedure is kept the longest of any."""
        if procedure in PROCEDURES:
            return self.months[(procedure, record_type)]
        return max(self.months[(p, record_type)] for p in PROCEDURES)

    def to_dict(self) -> dict[str, Any]:
        table: dict[str, dict[str, int]] = {}
        for (procedure, record_type), months in sorted(self.months.items()):
            table.setdefault(procedure, {})[record_type] = months
        return {
            "effective_from": self.effective_from.isoformat(),
            "months": table,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RetentionSchedule:
        effective = data["effective_from"]
        if isinstance(effective, str):
            effective = date.fromisoformat(effective)
        months = {
            (procedure, record_type): value
            for procedure, row in data["months"].items()
            for record_type, value in row.items()
        }
        return cls(effective_from=effective, months=months, note=str(data.get("note", "")))


DEFAULT_SCHEDULE = RetentionSchedule(
    effective_from=date(2000, 1, 1),
    months={(p, r): DEFAULT_MONTHS for p in PROCEDURES for r in RECORD_TYPES},
    note="Six years after the case closed (shipped default)",
)


def schedule_for(today: date, schedules: tuple[RetentionSchedule, ...]) -> RetentionSchedule:
    """The version in force on `today` (the earliest, before any took effect)."""
    ordered = sorted(schedules or (DEFAULT_SCHEDULE,), key=lambda s: s.effective_from)
    chosen = ordered[0]
    for candidate in ordered:
        if candidate.effective_from <= today:
            chosen = candidate
    return chosen


def expires_on(closed: date, months: int) -> date:
    """The first day a record closed on `closed` is past its period."""
    return add_months(closed, months)


def is_expired(closed: date, months: int, today: date) -> bool:
    return expires_on(closed, months) <= today


def closed_by_bound(today: date, months: int) -> date:
    """A bound for the database: every record expired on `today` closed on or before it.

    `add_months` clamps the 29th-31st to a shorter month's end, so its inverse can be up to
    three days early (closed 29 Feb 2020 expires 28 Feb 2026); the bound allows for that and
    `is_expired` decides each record exactly.
    """
    return add_months(today, -months) + timedelta(days=3)
