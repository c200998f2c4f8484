"""Build the report objects: the annual statutory report and the quarterly dashboard.

A constant number of queries whatever the data size: the figures engine's rows (six
queries, five years at once), the service areas in scope, one query per record list, the
narratives, and the privacy acceptances.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from django.conf import settings
from django.utils import timezone

from complaintsdesk.reporting.annual import sections_figures as sf
from complaintsdesk.reporting.annual import sections_records as sr
from complaintsdesk.reporting.annual.checks import report_checks
from complaintsdesk.reporting.annual.intros import INTROS
from complaintsdesk.reporting.annual.model import (
    SECTIONS,
    AnnualReport,
    Chart,
    Edition,
    FreeText,
    QuarterlyDashboard,
    Report,
    Section,
    Table,
)
from complaintsdesk.reporting.annual.publication import open_findings
from complaintsdesk.reporting.annual.source import Figures, scope_load
from complaintsdesk.reporting.figures import PERIODS, QUARTERS, FinancialYear
from complaintsdesk.reporting.narrative import narratives_latest

R = TypeVar("R", bound=Report)
EDITIONS: tuple[Edition, ...] = ("internal", "published")


def _check_edition(edition: str) -> Edition:
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {', '.join(EDITIONS)}, not {edition!r}")
    return edition


def _council() -> str:
    return str(settings.COMPLAINTSDESK.get("COUNCIL_NAME", ""))


def _figures(
    year: str, edition: str, service_area: str | None, directorate: str | None, years_before: int
) -> Figures:
    fy = FinancialYear.parse(year)
    scope = scope_load(service_area=service_area, directorate=directorate)
    if (service_area or directorate) and not scope.service_areas:
        raise ValueError(f"No service area matches {service_area or directorate!r}")
    return Figures(year=fy, years_before=years_before, scope=scope, edition=_check_edition(edition))


def annual_report_build(
    *, year: str, edition: str, service_area: str | None = None, directorate: str | None = None
) -> AnnualReport:
    """The ten sections of figures.md for `year`, over all service areas or one scope."""
    f = _figures(year, edition, service_area, directorate, years_before=4)
    narratives = narratives_latest(year=year)
    stage23, stage23_texts = sr.stage23(f)
    lgsco, lgsco_texts = sr.lgsco(f)
    learning, learning_texts = sr.learning(f)
    parts: dict[str, tuple[tuple[Table, ...], tuple[Chart, ...]]] = {
        "dashboard": (sf.dashboard_tables(f, PERIODS), (sf.dashboard_chart(f, PERIODS),)),
        "summary": (sf.summary_tables(f), (sf.summary_chart(f),)),
        "stage23": (stage23, ()),
        "lgsco": (lgsco, ()),
        "who": (sf.who_tables(f), (sf.themes_chart(f),)),
        "cic": (sf.cic_tables(f), (sf.cic_chart(f),)),
        "timeliness": (sf.timeliness_tables(f), (sf.timeliness_chart(f),)),
        "learning": (learning, ()),
        "equality": (sf.equality_tables(f), ()),
        "compliments": (sf.compliments_tables(f), ()),
    }
    sections = tuple(
        Section(
            key,
            number,
            SECTIONS[key],
            INTROS[key],
            tables,
            charts,
            narratives[key].text if key in narratives else "",
        )
        for number, (key, (tables, charts)) in enumerate(parts.items(), start=1)
    )
    texts = [
        *stage23_texts,
        *lgsco_texts,
        *learning_texts,
        *(
            FreeText("narrative", str(n.pk), "text", f"Narrative, section '{SECTIONS[k]}'", n.text)
            for k, n in narratives.items()
        ),
    ]
    title = f"Complaints annual report {year}"
    if f.scope.service_area or f.scope.directorate:
        title = f"{f.scope.label}: complaints annual report {year}"
    return _finish(
        AnnualReport(
            kind="annual",
            title=title,
            council=_council(),
            year=year,
            edition=f.edition,  # type: ignore[arg-type]
            scope=f.scope.label,
            generated_at=timezone.now(),
            sections=sections,
            free_texts=tuple(texts),
            figures=f.report("service_area", f.year),
            suppression=f.report("service_area", f.year).get("suppression", {}),
        )
    )


def quarterly_build(
    *,
    year: str,
    quarter: str,
    edition: str,
    service_area: str | None = None,
    directorate: str | None = None,
) -> QuarterlyDashboard:
    """The dashboard from Q1 to `quarter` (and the year once Q4 is reached)."""
    if quarter not in QUARTERS:
        raise ValueError(f"quarter must be one of {', '.join(QUARTERS)}, not {quarter!r}")
    f = _figures(year, edition, service_area, directorate, years_before=0)
    periods = QUARTERS[: QUARTERS.index(quarter) + 1]
    if quarter == "Q4":
        periods = PERIODS
    section = Section(
        "dashboard",
        1,
        f"Quarterly dashboard to {quarter}",
        INTROS["dashboard"],
        sf.dashboard_tables(f, periods),
        (sf.dashboard_chart(f, periods),),
    )
    return _finish(
        QuarterlyDashboard(
            kind="quarterly",
            title=f"{f.scope.label}: complaints dashboard, {quarter} {year}",
            council=_council(),
            year=year,
            edition=f.edition,  # type: ignore[arg-type]
            scope=f.scope.label,
            generated_at=timezone.now(),
            sections=(section,),
            figures=f.report("service_area", f.year),
            suppression=f.report("service_area", f.year).get("suppression", {}),
            quarter=quarter,
        )
    )


def _finish(report: R) -> R:
    """Attach the self-checks and, for the published edition, the open privacy findings."""
    findings = open_findings(report.free_texts) if report.edition == "published" else ()
    return replace(report, checks=report_checks(report), findings=findings)
