"""Who may see which reports: the one access module of the report pages.

Complaints officers and managers see everything, the drill-down to records included.
Leadership see reports only as the published edition (suppressed, checked for personal
data) and never the records behind a figure. Everyone else: no reports.
"""

from __future__ import annotations

from functools import wraps
from typing import Any, Literal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from complaintsdesk.accounts.roles import CASEWORK_ROLES, LEADERSHIP, roles_of

Audience = Literal["team", "leadership"]


def report_audience(user: Any) -> Audience | None:
    roles = roles_of(user)
    if roles & CASEWORK_ROLES:
        return "team"
    if LEADERSHIP in roles:
        return "leadership"
    return None


def edition_for(user: Any, asked: str | None) -> str:
    """The edition this person may see: leadership always get the published one."""
    if report_audience(user) == "team" and asked in ("internal", "published"):
        return asked
    return "internal" if report_audience(user) == "team" else "published"


def reports_required(view: Any) -> Any:
    @login_required
    @wraps(view)
    def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
        if report_audience(request.user) is None:
            raise PermissionDenied("Reports are for the complaints team and leadership")
        return view(request, *args, **kwargs)

    return wrapped


def team_required(view: Any) -> Any:
    """Complaints officers and managers only: records, narrative, privacy decisions."""

    @login_required
    @wraps(view)
    def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
        if report_audience(request.user) != "team":
            raise PermissionDenied("Only complaints officers and managers can do this")
        return view(request, *args, **kwargs)

    return wrapped
