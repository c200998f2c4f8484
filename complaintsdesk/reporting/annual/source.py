"""The figures behind a report: an adapter over the figures engine.

The engine computes one (year, grouping) at a time from what it is given; a report needs
several years and groupings over one scope (all, a directorate or a service area). This
module reads the stored tally (stages and cases counted by month, `tally_store.py`) and the
few small record types ONCE per report, narrows them to the scope (the engine has no scope
filter: that is the adapter's one addition), and asks the engine for each (grouping, year)
it needs, as the figures/1 JSON so the published edition's suppression is the engine's own.
The sections that list records read the year's rows behind them (`listed`), nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any
from urllib.parse import quote_plus

from django.urls import reverse

from complaintsdesk.reporting.figures import (
    COSTED,
    COUNCIL,
    COUNTING,
    DIRECTORATE_ONLY_KEYS,
    FinancialYear,
    GroupBy,
    figures_compute,
    rows_by_year,
)
from complaintsdesk.reporting.report_figures import figures_report_json
from complaintsdesk.reporting.rows import FigureRows
from complaintsdesk.reporting.selectors import (
    figure_counts_for_years,
    figure_group_names,
    figure_small_rows,
    figure_stages_started,
)
from complaintsdesk.reporting.tally import Tally, TallyKey


@dataclass(frozen=True)
class Scope:
    """Which records a report covers. `service_areas` maps every service area in scope to
    its directorate (read in one query)."""

    service_area: str | None = None
    directorate: str | None = None
    service_areas: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.service_area or self.directorate or "All service areas"

    @property
    def directorates(self) -> set[str]:
        return set(self.service_areas.values())

    def query(self) -> dict[str, str]:
        q = {}
        if self.service_area:
            q["service_area"] = self.service_area
        if self.directorate:
            q["directorate"] = self.directorate
        return q


def scope_load(*, service_area: str | None, directorate: str | None) -> Scope:
    """One query: the service areas in scope, with their directorates."""
    from complaintsdesk.cases.models import ServiceArea

    qs = ServiceArea.objects.order_by("name")
    if service_area:
        qs = qs.filter(name=service_area)
    if directorate:
        qs = qs.filter(directorate__name=directorate)
    areas = dict(qs.values_list("name", "directorate__name"))
    return Scope(service_area=service_area, directorate=directorate, service_areas=areas)


def rows_in_scope(rows: FigureRows, scope: Scope) -> FigureRows:
    """The rows of the scope's records. Equality responses are anonymous and carry only a
    directorate, so a service area's report shows its directorate's equality monitoring."""
    if not scope.service_area and not scope.directorate:
        return rows
    areas = set(scope.service_areas)
    directorates = scope.directorates

    def keep(r: Any) -> bool:
        return r.service_area in areas

    def in_scope(key: TallyKey) -> bool:
        # (set, service area, directorate, procedure, year, month); an equality response
        # has only a directorate.
        return key[1] in areas or (key[0] in DIRECTORATE_ONLY_KEYS and key[2] in directorates)

    tally = rows.tally
    if tally is not None:
        tally = Tally(
            counts={k: n for k, n in tally.counts.items() if in_scope(k)},
            sums={k: a for k, a in tally.sums.items() if in_scope(k)},
        )
    return replace(
        rows,
        tally=tally,
        stages=tuple(filter(keep, rows.stages)),
        compliments=tuple(filter(keep, rows.compliments)),
        lgsco=tuple(filter(keep, rows.lgsco)),
        learnings=tuple(filter(keep, rows.learnings)),
        cases=tuple(filter(keep, rows.cases)),
        equality=tuple(r for r in rows.equality if r.directorate in directorates),
    )


class Figures:
    """The engine's figures over one scope: `get(by, year, group, period, name)`."""

    def __init__(
        self,
        *,
        year: FinancialYear,
        years_before: int,
        scope: Scope,
        edition: str,
        rows: FigureRows | None = None,
        focus: tuple[GroupBy, str] = ("council", COUNCIL),
    ) -> None:
        """`rows`: what the engine reads, by default the stored tally of the years (one
        read) and the small record types; tests pass rows to count afresh in Python.
        `focus`: the group whose figures a preset's breakdowns are of (a procedure's
        code, or the whole scope)."""
        self.year = year
        self.scope = scope
        self.edition = edition
        self.focus = focus
        if rows is None:
            rows = figure_counts_for_years(year=year, years_before=years_before, equality=True)
        self.rows = rows_in_scope(rows, scope)
        self._json: dict[tuple[str, str], dict[str, Any]] = {}
        self._listed: FigureRows | None = None
        # Each year's rows, narrowed once: ten (grouping, year)s then read no history.
        self._by_year = rows_by_year(self.rows, [year.before(n) for n in range(years_before + 1)])
        self._records = reverse("reporting:records")

    def listed(self) -> FigureRows:
        """Rows for the sections that list records: the year's stage 2 and 3 stages (read
        through the (kind, started) index) and its compliments, Ombudsman cases and
        learnings (read by date, not counted: a tally names no records). No
        tally, so the engine's `figure_members` names the very records a figure counts."""
        if self._listed is None:
            if self.rows.tally is None:
                self._listed = self.rows
            else:
                stages = figure_stages_started(year=self.year, kinds=COSTED)
                listed = replace(figure_small_rows(year=self.year), stages=stages)
                self._listed = rows_in_scope(listed, self.scope)
        return self._listed

    def groups(self, by: GroupBy) -> list[str]:
        if by == "service_area":
            return list(self.scope.service_areas)
        if by == "directorate":
            return sorted(self.scope.directorates)
        return figure_group_names(by=by)  # procedure or council: no query

    def report(self, by: GroupBy, year: FinancialYear) -> dict[str, Any]:
        key = (by, year.label)
        if key not in self._json:
            rows = self._by_year.get(year.label, self.rows)
            computed = figures_compute(rows, year=year, by=by, groups=self.groups(by))
            self._json[key] = figures_report_json(computed, edition=self.edition)  # type: ignore[arg-type]
        return self._json[key]

    def get(self, by: GroupBy, year: FinancialYear, group: str, period: str, name: str) -> Any:
        node: Any = self.report(by, year)["groups"].get(group, {}).get(period, {})
        for part in name.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node

    def focused(self, year: FinancialYear, name: str, period: str = "year") -> Any:
        """A figure of the focus group (a preset's procedure, or the whole scope)."""
        return self.get(self.focus[0], year, self.focus[1], period, name)

    def procedure_areas(self, procedure: str) -> list[str]:
        """The service areas in scope with records of `procedure` in the years read: from
        the tally's keys, or the rows when counted afresh; no query."""
        tally = self.rows.tally
        if tally is not None:
            # Stage sets only: an Ombudsman case or a learning has its own service area but
            # its council case's procedure.
            stage_sets = {c.key for c in COUNTING.counted.values() if c.source == "stages"}
            seen = {k[1] for k in tally.counts if k[3] == procedure and k[0] in stage_sets}
        else:
            seen = {r.service_area for r in self.rows.stages if r.procedure == procedure}
        return [a for a in self.scope.service_areas if a in seen]

    def council(self, year: FinancialYear, name: str, period: str = "year") -> Any:
        return self.get("council", year, COUNCIL, period, name)

    def drill(self, by: str, year: FinancialYear, group: str, period: str, name: str) -> str | None:
        """The URL listing the records behind a figure: internal edition only."""
        if self.edition != "internal" or name.startswith("equality."):
            return None  # equality forms are anonymous: there is no list of people to show
        query = {"year": year.label, "by": by, "group": group, "period": period, "figure": name}
        pairs = {**query, **self.scope.query()}.items()
        # A report has hundreds of links over a few dozen distinct values: each quoted once.
        return self._records + "?" + "&".join(f"{_quoted(k)}={_quoted(v)}" for k, v in pairs)


@lru_cache(maxsize=4096)
def _quoted(value: str) -> str:
    """As `urlencode` quotes a key or value."""
    return quote_plus(value)
