"""The report pages' filters (year, quarter, edition, directorate, service area), parsed once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpRequest

from complaintsdesk.cases.models import Directorate, ServiceArea
from complaintsdesk.reporting.annual.presets import DEFAULT_PRESET, PRESETS
from complaintsdesk.reporting.figures import QUARTERS, FinancialYear
from complaintsdesk.reporting.views.access import edition_for


def current_year(today: date) -> str:
    """The latest complete financial year: the one an annual report is usually about."""
    start = today.year - 1 if today.month >= 4 else today.year - 2
    return f"{start}-{(start + 1) % 100:02d}"


@dataclass(frozen=True)
class ReportFilters:
    year: str
    quarter: str
    edition: str
    directorate: str | None
    service_area: str | None
    ignored: tuple[str, ...] = ()
    preset: str = DEFAULT_PRESET

    def params(self) -> dict[str, str]:
        out = {"year": self.year, "edition": self.edition, "preset": self.preset}
        if self.directorate:
            out["directorate"] = self.directorate
        if self.service_area:
            out["service_area"] = self.service_area
        return out


def filters_parse(request: HttpRequest, *, today: date) -> ReportFilters:
    """The filters asked for; a year or quarter that is not one is replaced and named in
    `ignored`, for the page to say so."""
    ignored: list[str] = []
    year = request.GET.get("year") or current_year(today)
    try:
        FinancialYear.parse(year)
    except ValueError:
        year = current_year(today)
        ignored.append("year")
    quarter = request.GET.get("quarter") or "Q4"
    if quarter not in QUARTERS:
        quarter = "Q4"
        ignored.append("quarter")
    preset = request.GET.get("preset") or DEFAULT_PRESET
    if preset not in PRESETS:
        preset = DEFAULT_PRESET
        ignored.append("report")
    return ReportFilters(
        year=year,
        quarter=quarter,
        edition=edition_for(request.user, request.GET.get("edition")),
        directorate=request.GET.get("directorate") or None,
        service_area=request.GET.get("service_area") or None,
        ignored=tuple(ignored),
        preset=preset,
    )


def filters_ignored_say(request: HttpRequest, filters: ReportFilters) -> None:
    """Say on the page which filters were replaced, and by what."""
    if filters.ignored:
        shown = {
            "year": filters.year,
            "quarter": filters.quarter,
            "report": PRESETS[filters.preset].title.lower(),
        }
        replaced = " and ".join(f"{name} {shown[name]}" for name in filters.ignored)
        asked = " or ".join(filters.ignored)
        messages.warning(request, f"That is not a {asked} these reports cover: showing {replaced}.")


def filter_choices(today: date) -> dict[str, Any]:
    """The options of the filter form: two queries."""
    first = today.year if today.month >= 4 else today.year - 1
    years = [f"{y}-{(y + 1) % 100:02d}" for y in range(first, first - 8, -1)]
    return {
        "years": years,
        "quarters": QUARTERS,
        "presets": PRESETS,
        "directorates": list(Directorate.objects.order_by("name").values_list("name", flat=True)),
        "service_areas": list(ServiceArea.objects.order_by("name").values_list("name", flat=True)),
    }
