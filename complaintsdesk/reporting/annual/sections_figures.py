"""The sections made of figures: each a table per figures.md, years beside each other."""

from __future__ import annotations

from complaintsdesk.core import vocabulary as v
from complaintsdesk.reporting.annual.cells import cell, number
from complaintsdesk.reporting.annual.model import Chart, Row, Series, Table
from complaintsdesk.reporting.annual.source import Figures
from complaintsdesk.reporting.figures import (
    COUNCIL,
    LEFT_BLANK,
    NOT_RECORDED,
    FinancialYear,
    GroupBy,
)

# (figure, label, phrase for drafted sentences)
DASHBOARD_ROWS: tuple[tuple[str, str, str], ...] = (
    ("formal", "Formal complaints (stage 1)", "Formal complaints"),
    ("informal", "Informal complaints (representations)", "Informal complaints"),
    ("total", "Total complaints", "Total complaints"),
    ("lgsco_decided", "Ombudsman decisions", "Ombudsman decisions"),
    ("lgsco_upheld", "Ombudsman decisions upheld", "Upheld Ombudsman decisions"),
    ("overdue_pct", "Stage 1 responses overdue", "Overdue stage 1 responses"),
    ("fully_justified_pct", "Fully justified (stage 1)", "Fully justified complaints"),
    ("part_justified_pct", "Part justified (stage 1)", "Part justified complaints"),
    ("compliments", "Compliments", "Compliments"),
    ("learnings", "Learnings recorded", "Learnings recorded"),
)
SUMMARY_ROWS: tuple[tuple[str, str, str], ...] = (
    ("representations", "Representations (informal)", "Representations"),
    ("formal", "Stage 1 (formal complaints)", "Stage 1 complaints"),
    ("stage2", "Stage 2 investigations", "Stage 2 investigations"),
    ("stage3", "Stage 3 review panels", "Stage 3 review panels"),
    ("lgsco_decided", "Ombudsman decisions", "Ombudsman decisions"),
    ("lgsco_upheld", "Ombudsman decisions upheld", "Upheld Ombudsman decisions"),
)
OUTCOME_ROWS: tuple[tuple[str, str, str], ...] = (
    ("fully_justified_pct", "Fully justified", "Fully justified complaints"),
    ("part_justified_pct", "Part justified", "Part justified complaints"),
    ("not_justified_pct", "Not justified", "Not justified complaints"),
)
TIMELINESS_ROWS: tuple[tuple[str, str, str], ...] = (
    ("within_20_wd_pct", "Responded within 20 working days", "Responses within 20 working days"),
    ("over_20_wd_pct", "Took more than 20 working days", "Responses taking over 20 working days"),
    ("overdue_pct", "Responded after the due date", "Overdue responses"),
    ("responded", "Stage 1 responses sent", "Stage 1 responses sent"),
)
CIC_ROWS: tuple[tuple[str, str, str], ...] = (
    ("children_in_care", "Complaints about children in care", "Complaints about children in care"),
    ("via_advocate", "Complaints made through an advocate", "Complaints made through an advocate"),
)
EQUALITY_LABELS: dict[str, tuple[str, dict[str, str]]] = {
    "gender": ("Gender", v.GENDER),
    "sexuality": ("Sexuality", v.SEXUALITY),
    "age_band": ("Age", v.AGE_BAND),
    "religion": ("Religion or belief", v.RELIGION),
    "ethnicity": ("Ethnicity", v.ETHNICITY),
    "disability": ("Disability", v.DISABILITY),
}


def years_back(year: FinancialYear, n: int) -> list[FinancialYear]:
    """This year and the n-1 before it, this year first (the seed's column order)."""
    return [year.before(i) for i in range(n)]


def _year_rows(
    f: Figures,
    by: GroupBy,
    group: str,
    years: list[FinancialYear],
    spec: tuple[tuple[str, str, str], ...],
) -> tuple[Row, ...]:
    return tuple(
        Row(
            name,
            label,
            tuple(
                cell(f.get(by, y, group, "year", name), drill=f.drill(by, y, group, "year", name))
                for y in years
            ),
            phrase,
        )
        for name, label, phrase in spec
    )


def dashboard_tables(f: Figures, periods: tuple[str, ...]) -> tuple[Table, ...]:
    """Section 1: per service area in scope, and the whole scope when it has several."""
    columns = tuple("Year" if p == "year" else p for p in periods)
    groups: list[tuple[GroupBy, str, str]] = [
        ("service_area", g, g) for g in f.groups("service_area")
    ]
    if len(groups) != 1:
        groups.append(
            (
                "council",
                COUNCIL,
                f"{f.scope.label} (all service areas)" if f.scope.directorate else f.scope.label,
            )
        )
    tables = []
    for by, group, caption in groups:
        rows = tuple(
            Row(
                name,
                label,
                tuple(
                    cell(
                        f.get(by, f.year, group, p, name), drill=f.drill(by, f.year, group, p, name)
                    )
                    for p in periods
                ),
                phrase,
            )
            for name, label, phrase in DASHBOARD_ROWS
        )
        key = f"dashboard.{COUNCIL if by == 'council' else group}"
        tables.append(Table(key, f"{caption}, {f.year.label}", "Figure", columns, rows))
    return tuple(tables)


def dashboard_chart(f: Figures, periods: tuple[str, ...]) -> Chart:
    quarters = tuple(p for p in periods if p != "year")
    series = tuple(
        Series(label, tuple(number(f.council(f.year, name, q)) for q in quarters))
        for name, label in (("formal", "Formal"), ("informal", "Informal"))
    )
    return Chart("dashboard", f"Complaints received by quarter, {f.year.label}", quarters, series)


def summary_tables(f: Figures) -> tuple[Table, ...]:
    """Section 2: per procedure, this year and the two before."""
    years = years_back(f.year, 3)
    tables = []
    for code in [*v.PROCEDURE, NOT_RECORDED]:
        rows = _year_rows(f, "procedure", code, years, SUMMARY_ROWS)
        if not any(c.value for r in rows for c in r.cells) and code not in (
            "children_statutory",
            "corporate",
        ):
            continue  # a procedure the scope never used is left out, the two statutory ones never
        name = v.PROCEDURE.get(
            code, "Procedure not recorded (Ombudsman cases with no council case)"
        )
        tables.append(
            Table(
                f"summary.{code}",
                f"{name} procedure",
                "Stage",
                tuple(y.label for y in years),
                rows,
                years=True,
            )
        )
    return tuple(tables)


WHOLE_AUTHORITY_ROWS: tuple[tuple[str, str, str], ...] = (
    ("representations", "Representations (informal)", "Representations"),
    ("formal", "Formal complaints", "Formal complaints"),
    ("lgsco_decided", "Ombudsman decisions", "Ombudsman decisions"),
    ("lgsco_upheld", "Ombudsman decisions upheld", "Upheld Ombudsman decisions"),
)


def _areas_rows(
    f: Figures, areas: list[str], years: list[FinancialYear], spec: tuple[tuple[str, str, str], ...]
) -> tuple[Row, ...]:
    """Rows of counts summed over several service areas (one area: its own, with links)."""
    if len(areas) == 1:
        return _year_rows(f, "service_area", areas[0], years, spec)
    rows = []
    for name, label, phrase in spec:
        cells = []
        for y in years:
            values = [f.get("service_area", y, a, "year", name) for a in areas]
            ints = [x for x in values if isinstance(x, int) and not isinstance(x, bool)]
            cells.append(cell(sum(ints) if len(ints) == len(values) else "[c]"))
        rows.append(Row(name, label, tuple(cells), phrase))
    return tuple(rows)


def children_summary_tables(f: Figures) -> tuple[Table, ...]:
    """Section 2 of the children's report, as the seed prints it: children's social care
    (the service areas whose cases follow the statutory procedure) and the children's whole
    authority (the directorate's other service areas), each this year and the two before.
    The tables partition the scope, so their stage 1 complaints add up to the dashboard's."""
    years = years_back(f.year, 3)
    cols = tuple(y.label for y in years)
    statutory = f.procedure_areas(f.focus[1]) if f.focus[0] == "procedure" else []
    others = [a for a in f.groups("service_area") if a not in statutory]
    tables = []
    if statutory:
        tables.append(
            Table(
                "summary.statutory",
                f"{' and '.join(statutory)} (statutory procedure)",
                "Stage",
                cols,
                _areas_rows(f, statutory, years, SUMMARY_ROWS),
                years=True,
            )
        )
    if others:
        tables.append(
            Table(
                "summary.whole_authority",
                f"Children's whole authority: {' and '.join(others)}",
                "Figure",
                cols,
                _areas_rows(f, others, years, WHOLE_AUTHORITY_ROWS),
                years=True,
            )
        )
    return tuple(tables)


def summary_chart(f: Figures) -> Chart:
    years = list(reversed(years_back(f.year, 3)))  # oldest first, reading left to right
    series = tuple(
        Series(label, tuple(number(f.council(y, name)) for y in years))
        for name, label, _ in SUMMARY_ROWS[:4]
    )
    return Chart(
        "summary", "Complaints by stage, all procedures", tuple(y.label for y in years), series
    )


def who_tables(f: Figures) -> tuple[Table, ...]:
    """Section 5: complainant types, themes and outcomes, this year and last."""
    years = years_back(f.year, 2)
    cols = tuple(y.label for y in years)
    types = {**v.COMPLAINANT_TYPE, NOT_RECORDED: "Not recorded"}
    type_rows = _year_rows(
        f,
        *f.focus,
        years,
        tuple(
            (
                f"complainant_types.{k}",
                label,
                f"Complaints from the complainant type “{label.lower()}”",
            )
            for k, label in types.items()
        ),
    )
    total = _year_rows(f, *f.focus, years, (("total", "All complaints", "All complaints"),))[0]
    theme_rows = _year_rows(
        f,
        *f.focus,
        years,
        tuple(
            (f"themes_pct.{k}", label, f"Complaints about {label.lower()}")
            for k, label in v.THEME.items()
        ),
    )
    return (
        Table(
            "who.complainant_types",
            "Who complained (informal and stage 1 complaints)",
            "Complainant",
            cols,
            type_rows,
            total,
            years=True,
            group=f.focus[1],
        ),
        Table(
            "who.themes",
            "What the complaints were about (share of complaints with a theme)",
            "Theme",
            cols,
            theme_rows,
            years=True,
        ),
        Table(
            "who.outcomes",
            "Stage 1 outcomes (share of responses, withdrawn excluded)",
            "Outcome",
            cols,
            _year_rows(f, *f.focus, years, OUTCOME_ROWS),
            years=True,
        ),
    )


def themes_chart(f: Figures) -> Chart:
    values = tuple(number(f.focused(f.year, f"themes_pct.{k}")) for k in v.THEME)
    return Chart(
        "themes",
        f"Complaints by theme, {f.year.label}",
        tuple(v.THEME.values()),
        (Series(f.year.label, values),),
        "pct",
    )


def cic_tables(f: Figures) -> tuple[Table, ...]:
    years = years_back(f.year, 5)
    rows = _year_rows(f, *f.focus, years, CIC_ROWS)
    return (
        Table(
            "cic",
            "Complaints about children in care, this year and the four before",
            "Figure",
            tuple(y.label for y in years),
            rows,
            years=True,
        ),
    )


def cic_chart(f: Figures) -> Chart:
    years = list(reversed(years_back(f.year, 5)))
    series = tuple(
        Series(label, tuple(number(f.focused(y, name)) for y in years))
        for name, label, _ in CIC_ROWS
    )
    return Chart("cic", "Complaints about children in care", tuple(y.label for y in years), series)


def timeliness_tables(f: Figures) -> tuple[Table, ...]:
    years = years_back(f.year, 3)
    rows = _year_rows(f, *f.focus, years, TIMELINESS_ROWS)
    return (
        Table(
            "timeliness",
            "Stage 1 response times, this year and the two before",
            "Figure",
            tuple(y.label for y in years),
            rows,
            years=True,
        ),
    )


def timeliness_chart(f: Figures) -> Chart:
    years = list(reversed(years_back(f.year, 3)))
    series = tuple(
        Series(label, tuple(number(f.focused(y, name)) for y in years))
        for name, label, _ in TIMELINESS_ROWS[:2]
    )
    return Chart(
        "timeliness",
        "Stage 1 responses by working days taken",
        tuple(y.label for y in years),
        series,
        "pct",
    )


def _equality_phrase(title: str, key: str, label: str) -> str:
    if key == LEFT_BLANK:
        return f"forms leaving {title.lower()} blank"
    return f"forms giving {title.lower()} as “{label.lower()}”"


def equality_tables(f: Figures) -> tuple[Table, ...]:
    years = years_back(f.year, 2)
    cols = tuple(y.label for y in years)
    overview = _year_rows(
        f,
        "council",
        COUNCIL,
        years,
        (
            ("equality.responses", "Monitoring forms returned", "Monitoring forms returned"),
            (
                "equality.uptake_pct",
                "Uptake (forms returned / forms sent)",
                "The monitoring form's uptake",
            ),
        ),
    )
    tables = [
        Table(
            "equality.overview", "Equality monitoring forms", "Figure", cols, overview, years=True
        )
    ]
    for name, (title, vocabulary) in EQUALITY_LABELS.items():
        labels = {**vocabulary, LEFT_BLANK: "Left blank"}
        rows = _year_rows(
            f,
            "council",
            COUNCIL,
            years,
            tuple(
                (f"equality.{name}.{k}", lab, _equality_phrase(title, k, lab))
                for k, lab in labels.items()
            ),
        )
        tables.append(
            Table(
                f"equality.{name}",
                f"{title} (share of forms returned)",
                title,
                cols,
                rows,
                years=True,
            )
        )
    return tuple(tables)


def compliments_tables(f: Figures) -> tuple[Table, ...]:
    years = years_back(f.year, 2)
    rows = tuple(
        Row(
            g,
            g,
            tuple(
                cell(
                    f.get("service_area", y, g, "year", "compliments"),
                    drill=f.drill("service_area", y, g, "year", "compliments"),
                )
                for y in years
            ),
            f"Compliments for {g}",
        )
        for g in f.groups("service_area")
    )
    total = _year_rows(
        f, "council", COUNCIL, years, (("compliments", "All compliments", "Compliments"),)
    )[0]
    return (
        Table(
            "compliments",
            "Compliments received",
            "Service area",
            tuple(y.label for y in years),
            rows,
            total,
            years=True,
        ),
    )
