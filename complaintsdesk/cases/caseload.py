"""The team caseload for managers: open cases, due this week and overdue, by owner and by
responding manager. Counted by GROUP BY in the database: two queries whatever the size."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from complaintsdesk.cases.access import cases_visible_to
from complaintsdesk.cases.selectors import ACTIVE_STATUSES


@dataclass(frozen=True)
class CaseloadRow:
    user_id: int | None  # None: nobody yet
    name: str
    open: int
    due_this_week: int
    overdue: int


@dataclass(frozen=True)
class Caseload:
    week_ends: date
    by_owner: list[CaseloadRow]
    by_responding_manager: list[CaseloadRow]
    total: CaseloadRow


def week_end(today: date) -> date:
    """The Sunday ending today's week: "due this week" runs from today to then."""
    return today + timedelta(days=6 - today.weekday())


def _person(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def caseload(*, user: Any, today: date) -> Caseload:
    ends = week_end(today)
    working = cases_visible_to(user).filter(status__in=ACTIVE_STATUSES)
    counts = {
        "open": Count("id"),
        "due_this_week": Count(
            "id", filter=Q(status="open", current_due__gte=today, current_due__lte=ends)
        ),
        "overdue": Count("id", filter=Q(status="open", current_due__lt=today)),
    }
    grouped = {
        column: list(working.order_by().values(column).annotate(**counts))
        for column in ("owner", "responding_manager")
    }
    ids = {row[column] for column, rows in grouped.items() for row in rows if row[column]}
    people = {u.pk: u for u in get_user_model().objects.filter(pk__in=ids)}

    def rows(column: str, nobody: str) -> list[CaseloadRow]:
        out = [
            CaseloadRow(
                user_id=row[column],
                name=_person(people[row[column]]) if row[column] in people else nobody,
                open=row["open"],
                due_this_week=row["due_this_week"],
                overdue=row["overdue"],
            )
            for row in grouped[column]
        ]
        # Most overdue first: where a manager's attention goes; "nobody" last.
        return sorted(out, key=lambda r: (r.user_id is None, -r.overdue, -r.open, r.name))

    by_owner = rows("owner", "No owner yet")
    return Caseload(
        week_ends=ends,
        by_owner=by_owner,
        by_responding_manager=rows("responding_manager", "No responding manager"),
        total=CaseloadRow(
            user_id=None,
            name="All cases",
            open=sum(r.open for r in by_owner),
            due_this_week=sum(r.due_this_week for r in by_owner),
            overdue=sum(r.overdue for r in by_owner),
        ),
    )
