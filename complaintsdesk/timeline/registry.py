"""What a timeline entry is, and the list of sources that produce them."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

# Categories, shown as tags and usable as filters: stable codes, plain labels.
CATEGORIES = {
    "stage": "Stage",
    "action": "Action",
    "note": "Note",
    "document": "Document",
    "appointment": "Appointment",
    "ombudsman": "Ombudsman",
    "correspondence": "Correspondence",
}


@dataclass(frozen=True)
class TimelineEntry:
    on: date  # the day it happened (a stage's dates have no time of day)
    category: str  # a CATEGORIES code
    title: str
    detail: str = ""
    by: str = ""  # who did it, if known
    at: datetime | None = None  # the moment, when the record has one
    url: str = ""

    @property
    def category_label(self) -> str:
        return CATEGORIES.get(self.category, self.category.title())

    def sort_key(self) -> tuple[date, time, int]:
        # A dated entry without a time sorts last on its day: a stage that starts on the day
        # a complaint is logged and triaged started once it was triaged, not before.
        moment = timezone.localtime(self.at).time() if self.at is not None else time.max
        return (self.on, moment, 1 if self.at is None else 0)


# A source takes the case and what the case page already loaded (a CaseDetail), so the
# common records cost no extra query; it returns entries in any order.
Source = Callable[[Any, Any], Iterable[TimelineEntry]]
_SOURCES: dict[str, Source] = {}


def timeline_source(name: str) -> Callable[[Source], Source]:
    """Register `function` as the timeline source called `name` (idempotent on re-import)."""

    def register(function: Source) -> Source:
        _SOURCES[name] = function
        return function

    return register


def timeline_sources() -> dict[str, Source]:
    return dict(_SOURCES)


def entry_at(moment: datetime, **fields: Any) -> TimelineEntry:
    """An entry for something recorded at `moment` (its day in the council's time zone)."""
    return TimelineEntry(on=timezone.localdate(moment), at=moment, **fields)
