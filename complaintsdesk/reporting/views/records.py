"""The records behind one figure (the internal edition's drill-down links).

Which records comes from the figures engine's `figure_members` over the same rows and scope
as the report, so the list always has exactly the records the figure counts. Complaints
officers and managers only; stages and their cases are listed through `cases_visible_to`,
so a restricted case the person may not see is counted but not named.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from complaintsdesk.cases.access import cases_visible_to
from complaintsdesk.cases.models import Compliment, Learning, LgscoCase, Stage
from complaintsdesk.core.audit import audit_record
from complaintsdesk.reporting.annual.source import rows_in_scope, scope_load
from complaintsdesk.reporting.figures import (
    FIGURES,
    GROUP_BYS,
    PERIODS,
    FinancialYear,
    figure_members,
)
from complaintsdesk.reporting.selectors import figure_rows_for_years
from complaintsdesk.reporting.views.access import team_required

# Record type of each source, and how to list it (one query per list).
LISTERS: dict[str, Any] = {
    "stages": lambda user, ids: Stage.objects.filter(
        pk__in=ids, case__in=cases_visible_to(user)
    ).select_related("case", "case__service_area"),
    "compliments": lambda user, ids: Compliment.objects.filter(pk__in=ids).select_related(
        "service_area"
    ),
    "lgsco": lambda user, ids: LgscoCase.objects.filter(pk__in=ids).select_related(
        "service_area", "case"
    ),
    "learnings": lambda user, ids: Learning.objects.filter(pk__in=ids).select_related(
        "service_area", "case"
    ),
}


def _source(rows: list[Any]) -> str | None:
    if not rows:
        return None
    return {
        "StageRow": "stages",
        "ComplimentRow": "compliments",
        "LgscoRow": "lgsco",
        "LearningRow": "learnings",
    }.get(type(rows[0]).__name__)


@team_required
def figure_records(request: HttpRequest) -> HttpResponse:
    q = request.GET
    name, by, period, group = (
        q.get("figure", ""),
        q.get("by", ""),
        q.get("period", ""),
        q.get("group", ""),
    )
    if (
        name not in FIGURES
        or by not in GROUP_BYS
        or period not in PERIODS
        or name.startswith("equality.")
    ):
        raise Http404("No such figure")  # equality forms are anonymous: never listed
    try:
        year = FinancialYear.parse(q.get("year", ""))
    except ValueError as e:
        raise Http404(str(e)) from e
    scope = scope_load(
        service_area=q.get("service_area") or None, directorate=q.get("directorate") or None
    )
    # A list needs the records, not counts: the year's rows (equality is never listed).
    year_rows = rows_in_scope(figure_rows_for_years(year=year, equality=False), scope)
    members = figure_members(name, group, period, year_rows, year=year, by=by)
    lists = []
    for title, rows in (("Counted", members.rows), ("Out of", members.den)):
        if rows is None:
            continue
        source = _source(rows)
        records = list(LISTERS[source](request.user, [r.id for r in rows])) if source else []
        lists.append(
            {
                "title": title,
                "source": source,
                "records": records,
                "count": len(rows),
                "hidden": len(rows) - len(records),
            }
        )
    audit_record(
        actor=request.user,
        kind="report.records_viewed",
        payload={"figure": name, "by": by, "group": group, "period": period, "year": year.label},
    )
    return render(
        request,
        "reporting/records.html",
        {
            "figure": name,
            "group": group,
            "period": period,
            "year": year.label,
            "lists": lists,
            "is_pct": members.den is not None,
        },
    )
