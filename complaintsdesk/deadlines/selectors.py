"""Reads: the council's working calendar and timescale rulesets.

Each call makes one small query (the closure days, or the stored rule versions) and reuses
the built calendar or rulesets while what it read is unchanged. Keying the cache on the
rows themselves keeps every process right after a change made in another, and catches
edits made outside the services (the admin), at the cost of one cheap query per call.
"""

import json
from datetime import date
from functools import lru_cache
from typing import Any

from django.conf import settings

from complaintsdesk.deadlines.calendar import (
    CALENDAR_FIRST,
    CALENDAR_LAST,
    WorkingCalendar,
    bank_holiday_names,
    bank_holidays,
)
from complaintsdesk.deadlines.models import ClosureDay, TimescaleRuleVersion
from complaintsdesk.workflow.rules import DEFAULT_RULESET, RuleSet, rulesets_with_code


def calendar_region() -> str:
    return str(settings.COMPLAINTSDESK.get("CALENDAR", "ENG"))


@lru_cache(maxsize=4)
def _calendar(region: str, closure_days: frozenset[date]) -> WorkingCalendar:
    return WorkingCalendar.for_region(region, closure_days)


def calendar_warm() -> None:
    """Work out the region's bank holidays now (about half a second: the `holidays` package
    generates 46 years), so the first request only reads the closure days and indexes the
    calendar (a few milliseconds). No database query: safe at start-up."""
    bank_holidays(range(CALENDAR_FIRST.year, CALENDAR_LAST.year + 1), calendar_region())


def calendar_current() -> WorkingCalendar:
    """Bank holidays of the council's region plus its closure days."""
    closure_days = frozenset(ClosureDay.objects.values_list("date", flat=True))
    return _calendar(calendar_region(), closure_days)


def non_working_day_names() -> dict[date, str]:
    """Bank holidays' names and the council's closure days' descriptions, to explain which
    days a count skipped ("skipping Good Friday and Easter Monday"). One query."""
    return _names(list(ClosureDay.objects.values_list("date", "description")))


def calendar_and_names() -> tuple[WorkingCalendar, dict[date, str]]:
    """The calendar and the non-working days' names from one read of the closure days: a
    page that counts working days and explains them (the case page) reads them once."""
    closures = list(ClosureDay.objects.values_list("date", "description"))
    calendar = _calendar(calendar_region(), frozenset(d for d, _ in closures))
    return calendar, _names(closures)


def _names(closures: list[tuple[date, str]]) -> dict[date, str]:
    names = bank_holiday_names(
        range(CALENDAR_FIRST.year, CALENDAR_LAST.year + 1), calendar_region()
    )
    names.update(closures)
    return names


@lru_cache(maxsize=4)
def _rulesets(stored: str) -> tuple[RuleSet, ...]:
    # The shipped base only: the Code's version is derived below from whatever is in force
    # the day before it, so a council's own children's or adults' rules carry over.
    by_date = {DEFAULT_RULESET.effective_from: DEFAULT_RULESET}
    for row in json.loads(stored):
        data: dict[str, Any] = dict(row["rules"])
        data["effective_from"] = row["effective_from"]
        data.setdefault("note", row["note"])
        # A stored version on the same date as a shipped one replaces it.
        by_date[date.fromisoformat(row["effective_from"])] = RuleSet.from_dict(data)
    return rulesets_with_code(tuple(by_date[d] for d in sorted(by_date)))


def rulesets_current() -> tuple[RuleSet, ...]:
    """The shipped rulesets and the council's stored versions, oldest first."""
    rows = [
        {"effective_from": v["effective_from"].isoformat(), "rules": v["rules"], "note": v["note"]}
        for v in TimescaleRuleVersion.objects.order_by("effective_from").values(
            "effective_from", "rules", "note"
        )
    ]
    return _rulesets(json.dumps(rows, sort_keys=True))


def deadlines_cache_clear() -> None:
    """Forget built calendars and rulesets (tests; after changing settings)."""
    _calendar.cache_clear()
    _rulesets.cache_clear()
