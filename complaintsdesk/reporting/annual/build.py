"""Build the report objects: the annual reports of each preset and the quarterly dashboard.

A constant number of queries whatever the data size: the figures engine's rows (six
queries, five years at once), the service areas in scope, one query per record list, the
feedback survey's three, the chosen compliments, the narratives, the sign-off, and the
privacy acceptances.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from django.conf import settings
from django.utils import timezone

from complaintsdesk.reporting.annual import sections_code as sc
from complaintsdesk.reporting.annual import sections_feedback as sfb
from complaintsdesk.reporting.annual import sections_figures as sf
from complaintsdesk.reporting.annual import sections_performance as sp
from complaintsdesk.reporting.annual import sections_records as sr
from complaintsdesk.reporting.annual.checks import report_checks
from complaintsdesk.reporting.annual.completeness import report_missing
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
from complaintsdesk.reporting.annual.presets import Preset, preset_get
from complaintsdesk.reporting.annual.publication import open_findings
from complaintsdesk.reporting.annual.source import Figures, Scope, scope_load
from complaintsdesk.reporting.figures import COUNCIL, PERIODS, QUARTERS, FinancialYear, GroupBy
from complaintsdesk.reporting.narrative import narrative_draft, narratives_latest
from complaintsdesk.reporting.selectors import figure_counts_for_years
from complaintsdesk.reporting.signoff import signoff_current

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


Part = tuple[tuple[Table, ...], tuple[Chart, ...], list[FreeText]]


def _parts(f: Figures, whole: Figures, preset: Preset) -> dict[str, Part]:
    """Each section of the preset: its tables, charts and the free text it prints."""
    builders: dict[str, Callable[[], Part]] = {
        "key_messages": lambda: ((), (), []),
        "general_importance": lambda: ((), (), []),
        "dashboard": lambda: (
            sf.dashboard_tables(f, PERIODS),
            (sf.dashboard_chart(f, PERIODS),),
            [],
        ),
        "summary": lambda: (sf.children_summary_tables(f), (sf.summary_chart(f),), []),
        "stage23": lambda: _with_texts(sr.stage23(f)),
        "lgsco": lambda: (sr.lgsco(f)[0], (), []),
        "who": lambda: (sf.who_tables(f), (sf.themes_chart(f),), []),
        "adults_received": lambda: (sp.adults_received(f), (), []),
        "adults_subjects": lambda: (
            tuple(t for t in sf.who_tables(f) if t.key != "who.complainant_types"),
            (sf.themes_chart(f),),
            [],
        ),
        "cic": lambda: (sf.cic_tables(f), (sf.cic_chart(f),), []),
        "timeliness": lambda: (sf.timeliness_tables(f), (sf.timeliness_chart(f),), []),
        "learning": lambda: _with_texts(sr.learning(f)),
        "action_taken": lambda: _with_texts(sr.learning(f)),
        "effectiveness": lambda: _with_texts(sfb.effectiveness(f)),
        # Equality forms are anonymous and name no service: the whole council's (the seed).
        "equality": lambda: (sf.equality_tables(whole), (), []),
        "compliments": lambda: _compliments(f, preset.key),
        "code_performance": lambda: (sp.code_performance(f), (), []),
        "appendix_lgsco": lambda: _with_texts(sr.lgsco_list(f)),
        "self_assessment": lambda: _with_texts(sc.self_assessment(f)),
        "lgsco_remedies": lambda: _with_texts(sc.lgsco_remedies(f)),
    }
    return {key: builders[key]() for key in preset.sections if key in builders}


def _with_texts(built: tuple[tuple[Table, ...], list[FreeText]]) -> Part:
    return built[0], (), built[1]


def _compliments(f: Figures, preset: str) -> Part:
    examples, texts = sfb.compliment_examples(f, preset)
    return (*sf.compliments_tables(f), *examples), (), texts


def _key_messages(sections: list[Section], drafts: dict[str, list[str]]) -> tuple[str, ...]:
    """The first drafted sentence of each section with one, in the report's order."""
    return tuple(drafts[s.key][0] for s in sections if drafts.get(s.key))[:8]


def annual_report_build(
    *,
    year: str,
    edition: str,
    service_area: str | None = None,
    directorate: str | None = None,
    preset: str | None = None,
) -> AnnualReport:
    """The annual report of `preset` (the children's statutory report by default) for
    `year`, over the preset's scope or the service area or directorate asked for."""
    p = preset_get(preset)
    fy = FinancialYear.parse(year)
    asked = bool(service_area or directorate)
    scope = scope_load(
        service_area=service_area, directorate=directorate if asked else p.directorate()
    )
    if not scope.service_areas:
        if asked:
            raise ValueError(f"No service area matches {service_area or directorate!r}")
        scope = scope_load(service_area=None, directorate=None)  # no such directorate here
    rows = figure_counts_for_years(year=fy, years_before=4, equality=True)
    focus: tuple[GroupBy, str] = (
        ("procedure", p.focus_procedure) if p.focus_procedure else ("council", COUNCIL)
    )
    ed = _check_edition(edition)
    f = Figures(year=fy, years_before=4, scope=scope, edition=ed, rows=rows, focus=focus)
    whole = Figures(year=fy, years_before=4, scope=Scope(), edition=ed, rows=rows)
    narratives = narratives_latest(year=year, preset=p.key)
    parts = _parts(f, whole, p)
    sections = [
        Section(
            key,
            number,
            SECTIONS[key],
            INTROS[key],
            tables,
            charts,
            narratives[key].text if key in narratives else "",
        )
        for number, (key, (tables, charts, _)) in enumerate(parts.items(), start=1)
    ]
    texts = [
        *(t for _, _, part_texts in parts.values() for t in part_texts),
        *(
            FreeText("narrative", str(n.pk), "text", f"Narrative, section '{SECTIONS[k]}'", n.text)
            for k, n in narratives.items()
            if k in parts
        ),
    ]
    title = f"{p.title} {year}"
    if asked:
        title = f"{f.scope.label}: {p.title[0].lower()}{p.title[1:]} {year}"
    report = AnnualReport(
        kind="annual",
        title=title,
        council=_council(),
        year=year,
        edition=f.edition,  # type: ignore[arg-type]
        scope=f.scope.label,
        generated_at=timezone.now(),
        sections=tuple(sections),
        free_texts=tuple(texts),
        figures=f.report("service_area", f.year),
        suppression=f.report("service_area", f.year).get("suppression", {}),
        preset=p.key,
        law=p.law,
    )
    drafts = {s.key: narrative_draft(report, s.key) for s in sections}
    drafts["key_messages"] = list(_key_messages(sections, drafts))
    sections = [replace(s, draft=tuple(drafts.get(s.key, ()))) for s in sections]
    return _finish(
        replace(
            report,
            sections=tuple(sections),
            missing=report_missing(year=year, preset=p.key, sections=tuple(sections)),
            signoff=signoff_current(year=year, preset=p.key, narratives=narratives),
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
