"""Every report figure of figures.md, defined once, over plain rows. Pure: no Django imports.

A figure is a *member set* (which records, placed in a period by which recorded date) and
a *value* of it (how many, what share, what sum). The value and the drill-down list of
records behind it come from the same member set, so a printed figure and its list agree.
Which records is data (`conditions.py`), so the database can count stages and cases by the
same definitions (`tally.py`, `counting.py`); the engine takes those counts from a tally.

    report = figures_compute(rows, year="2023-24", by="service_area", groups=[...])
    report.groups["Children's Social Care"]["Q1"]["formal"]            # -> 15
    figure_members("overdue_pct", "Children's Social Care", "Q1", rows,
                   year="2023-24", by="service_area")                 # -> Members(rows, den)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal, NamedTuple, TypeAlias

from complaintsdesk.core import vocabulary as v
from complaintsdesk.reporting.conditions import (
    EVERY,
    AtMost,
    Condition,
    Is,
    IsTrue,
    Later,
    MoreThan,
    all_of,
    is_,
)
from complaintsdesk.reporting.members import (
    AtPeriodEnd,
    Cell,
    Count,
    Dated,
    Figure,
    MemberSet,
    Ratio,
    Source,
    Split,
    Total,
    coded_split,
    listed_split,
)
from complaintsdesk.reporting.rows import FigureRows
from complaintsdesk.reporting.tally import (
    COUNTED_SOURCES,
    DIRECTORATE_ONLY,
    GROUP_FIELDS,
    Counting,
    Tally,
    TallyKey,
    tally_rows,
)

Period = Literal["Q1", "Q2", "Q3", "Q4", "year"]
PERIODS: tuple[Period, ...] = ("Q1", "Q2", "Q3", "Q4", "year")
QUARTERS: tuple[Period, ...] = ("Q1", "Q2", "Q3", "Q4")
GroupBy = Literal["service_area", "directorate", "procedure", "council"]
GROUP_BYS: tuple[GroupBy, ...] = ("service_area", "directorate", "procedure", "council")
EQUALITY_GROUP_BYS: frozenset[str] = frozenset({"council", "directorate"})
COUNCIL = "council"
NOT_RECORDED = "not_recorded"
LEFT_BLANK = "left_blank"


# --- Periods -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FinancialYear:
    """`2023-24`: 1 April 2023 to 31 March 2024; Q1 April-June ... Q4 January-March."""

    label: str
    start: date
    end: date

    @classmethod
    def parse(cls, label: str) -> FinancialYear:
        first, sep, second = label.partition("-")
        well_formed = len(first) == 4 and len(second) == 2
        if not (sep and well_formed and first.isdigit() and second.isdigit()):
            raise ValueError(f"A reporting year looks like 2023-24, not {label!r}")
        y = int(first)
        if int(second) != (y + 1) % 100:
            expected = f"{y}-{(y + 1) % 100:02d}"
            raise ValueError(f"{label!r} is not a financial year (expected {expected})")
        return cls(label=label, start=date(y, 4, 1), end=date(y + 1, 3, 31))

    def before(self, n: int = 1) -> FinancialYear:
        y = self.start.year - n
        return FinancialYear.parse(f"{y}-{(y + 1) % 100:02d}")

    def bounds(self, period: Period) -> tuple[date, date]:
        if period == "year":
            return self.start, self.end
        q = QUARTERS.index(period)
        first_month = 4 + 3 * q  # 4, 7, 10, 13
        y = self.start.year + (first_month - 1) // 12
        m = (first_month - 1) % 12 + 1
        start = date(y, m, 1)
        # The day before the next quarter's first day.
        ny, nm = (y + 1, 1) if m + 3 > 12 else (y, m + 3)
        end = date.fromordinal(date(ny, nm, 1).toordinal() - 1)
        return start, end

    def quarter_of(self, d: date) -> Period | None:
        """The quarter a recorded date falls in, or None outside the year."""
        if d < self.start or d > self.end:
            return None
        return QUARTERS[((d.month - 4) % 12) // 3]


# --- Values --------------------------------------------------------------------------------


def round_half_up(num: int, den: int) -> int:
    """round(100 * num / den) with halves up (12.5 -> 13), in integers so no float error."""
    return (200 * num + den) // (2 * den)


class Pct(NamedTuple):
    pct: int | None  # None when den is 0
    num: int
    den: int

    @classmethod
    def of(cls, num: int, den: int) -> Pct:
        return cls(round_half_up(num, den) if den else None, num, den)


def money(amount: Decimal) -> str:
    """Money in JSON: a string with two decimals."""
    return str(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


FigureValue: TypeAlias = "int | Pct | Decimal | dict[str, FigureValue]"
PeriodFigures: TypeAlias = dict[str, FigureValue]


# --- The definitions (figures.md) ----------------------------------------------------------

FIRST_CONTACT = frozenset({"informal", "stage1"})  # the units of `total` and the breakdowns
COSTED = frozenset({"stage2", "stage3"})
JUSTIFIED = frozenset({"upheld", "partly_upheld", "not_upheld"})  # stage-1 outcomes but withdrawn


def _started_kind(*kinds: str, also: Condition = EVERY) -> Dated:
    return Dated("stages", "started", all_of(is_("kind", *kinds), also))


def _stage1_responded(also: Condition = EVERY) -> Dated:
    return Dated("stages", "responded", all_of(is_("kind", "stage1"), also))


def _outcome(outcome: str) -> Dated:
    return _stage1_responded(is_("outcome", outcome))


FORMAL = _started_kind("stage1")
INFORMAL = _started_kind("informal")
TOTAL = _started_kind(*FIRST_CONTACT)
STAGE2 = _started_kind("stage2")
STAGE3 = _started_kind("stage3")
COMPLIMENTS = Dated("compliments", "received", EVERY)
LEARNINGS = Dated("learnings", "recorded", EVERY)
CHILDREN_IN_CARE = _started_kind(*FIRST_CONTACT, also=IsTrue("child_in_care"))
VIA_ADVOCATE = _started_kind(*FIRST_CONTACT, also=IsTrue("via_advocate"))
LGSCO_RECEIVED = Dated("lgsco", "received", EVERY)
LGSCO_DECIDED = Dated("lgsco", "decided", EVERY)
LGSCO_UPHELD = Dated("lgsco", "decided", is_("decision", "upheld"))
LGSCO_ONGOING = Dated("lgsco", "decided", IsTrue("remedy_ongoing"))

RESPONDED = _stage1_responded()  # withdrawn included
OVERDUE = _stage1_responded(Later("responded", "due"))
# A responded stage always has working days taken; one without is in neither share.
WITHIN_20 = _stage1_responded(AtMost("working_days_taken", 20))
OVER_20 = _stage1_responded(MoreThan("working_days_taken", 20))
# Stage 1 started and due by the period's last day, and not answered by then.
OPEN_OVERDUE = AtPeriodEnd("stages", is_("kind", "stage1"), ("started", "due"), "responded")

JUDGED = _stage1_responded(Is("outcome", JUSTIFIED))  # the outcomes' denominator

COMPLAINANT_TYPES = coded_split(TOTAL, "complainant_type", v.COMPLAINANT_TYPE, NOT_RECORDED)
THEMED = _started_kind(*FIRST_CONTACT, also=Is("theme", frozenset(v.THEME)))
THEMES = coded_split(THEMED, "theme", v.THEME, None)
COSTED_STAGES = _started_kind(*COSTED)

EQUALITY_RESPONSES = Dated("equality", "received", EVERY)
FORMS_SENT = Dated("cases", "equality_form_sent", EVERY)
EQUALITY_CHARACTERISTICS: dict[str, dict[str, str]] = {
    "gender": v.GENDER,
    "sexuality": v.SEXUALITY,
    "age_band": v.AGE_BAND,
    "religion": v.RELIGION,
    "ethnicity": v.ETHNICITY,
    "disability": v.DISABILITY,
}


def _characteristic(name: str, vocabulary: dict[str, str]) -> Split:
    if name == "disability":  # a list: a response counts once in each value it names
        return listed_split(EQUALITY_RESPONSES, name, vocabulary, LEFT_BLANK)
    return coded_split(EQUALITY_RESPONSES, name, vocabulary, LEFT_BLANK)


def _definitions() -> dict[str, Figure]:
    figures: dict[str, Figure] = {
        # Counts
        "formal": Count(FORMAL),
        "informal": Count(INFORMAL),
        "total": Count(TOTAL),
        "stage2": Count(STAGE2),
        "stage3": Count(STAGE3),
        "representations": Count(INFORMAL),  # the statutory report's word for informal
        "compliments": Count(COMPLIMENTS),
        "learnings": Count(LEARNINGS),
        "children_in_care": Count(CHILDREN_IN_CARE),
        "via_advocate": Count(VIA_ADVOCATE),
        "lgsco_received": Count(LGSCO_RECEIVED),
        "lgsco_decided": Count(LGSCO_DECIDED),
        "lgsco_upheld": Count(LGSCO_UPHELD),
        # Timeliness
        "responded": Count(RESPONDED),
        "overdue": Count(OVERDUE),
        "overdue_pct": Ratio(OVERDUE, RESPONDED),
        "within_20_wd_pct": Ratio(WITHIN_20, RESPONDED),
        "over_20_wd_pct": Ratio(OVER_20, RESPONDED),
        "open_overdue": Count(OPEN_OVERDUE),
        # Outcomes
        "fully_justified_pct": Ratio(_outcome("upheld"), JUDGED),
        "part_justified_pct": Ratio(_outcome("partly_upheld"), JUDGED),
        "not_justified_pct": Ratio(_outcome("not_upheld"), JUDGED),
    }
    # Breakdowns
    for key in COMPLAINANT_TYPES.keys:
        figures[f"complainant_types.{key}"] = Count(Cell(COMPLAINANT_TYPES, key))
    for key in THEMES.keys:
        figures[f"themes_pct.{key}"] = Ratio(Cell(THEMES, key), THEMED)
    # Money
    parts = ("investigating_officer_cost", "independent_person_cost", "additional_cost")
    for part in parts:
        figures[f"stage_costs.{part.removesuffix('_cost')}"] = Total(COSTED_STAGES, (part,))
    figures["stage_costs.total"] = Total(COSTED_STAGES, parts)
    figures["lgsco_remedy_total"] = Total(LGSCO_DECIDED, ("remedy_amount",))
    figures["lgsco_remedy_ongoing"] = Count(LGSCO_ONGOING)
    # Equality (only by council / directorate, only in the year: see `_applies`)
    figures["equality.responses"] = Count(EQUALITY_RESPONSES)
    figures["equality.uptake_pct"] = Ratio(EQUALITY_RESPONSES, FORMS_SENT)
    for name, vocabulary in EQUALITY_CHARACTERISTICS.items():
        split = _characteristic(name, vocabulary)
        for key in split.keys:
            figures[f"equality.{name}.{key}"] = Ratio(Cell(split, key), EQUALITY_RESPONSES)
    return figures


#: Every figure, by its dotted path in the JSON period object, in output order.
FIGURES: dict[str, Figure] = _definitions()
#: The member sets and amounts of FIGURES that a tally (and so the database) counts.
COUNTING = Counting(FIGURES.values())
SNAPSHOT_FLOWS = frozenset(c.key for s in COUNTING.snapshots.values() for c in (s.begun, s.ended))
#: The counted sets of records placed by a directorate alone: in no group when it is missing.
DIRECTORATE_ONLY_KEYS = COUNTING.keys_of(DIRECTORATE_ONLY)


def _dates_read() -> dict[str, frozenset[str]]:
    """Each row source's dates some figure places its records by; a source with a snapshot
    (every record may count at a period's end) maps to no date: all of its rows are read."""
    dates: dict[str, set[str]] = defaultdict(set)
    snapshots: set[str] = set()
    for figure in FIGURES.values():
        for member_set in _member_sets(figure):
            if isinstance(member_set, AtPeriodEnd):
                snapshots.add(member_set.source)
                continue
            base = member_set.split.base if isinstance(member_set, Cell) else member_set
            dates[base.source].add(base.date)
    return {source: frozenset(() if source in snapshots else d) for source, d in dates.items()}


def _tally_by_year(tally: Tally, years: Sequence[FinancialYear]) -> dict[str, Tally]:
    """The tally narrowed to each year, with what the engine reads of it and no more: the
    year's months summed by quarter (into each quarter's first month), and a snapshot's
    flows from the first record on, those before the year summed into the month before it
    begins (a snapshot adds every month up to a period's end, and every period ends after
    that month and at a quarter's end)."""
    label_of = {y.start.year: y.label for y in years}
    before = {y.label: (y.start.year - 1, 3) for y in years}  # a year begins in April
    counts: dict[str, dict[TallyKey, int]] = {y.label: {} for y in years}
    sums: dict[str, dict[TallyKey, Decimal]] = {y.label: {} for y in years}
    for key, n in tally.counts.items():
        name, area, directorate, procedure, y, m = key
        fy = y if m >= 4 else y - 1
        label = label_of.get(fy)
        if label is not None:
            out = counts[label]
            quarter: TallyKey = (name, area, directorate, procedure, y, m - (m - 1) % 3)
            out[quarter] = out.get(quarter, 0) + n
        if name not in SNAPSHOT_FLOWS:
            continue
        for later_fy, later in label_of.items():
            if later_fy > fy:
                carried: TallyKey = (name, area, directorate, procedure, *before[later])
                out = counts[later]
                out[carried] = out.get(carried, 0) + n
    for key, amount in tally.sums.items():
        name, area, directorate, procedure, y, m = key
        label = label_of.get(y if m >= 4 else y - 1)
        if label is not None:
            out_sums = sums[label]
            quarter = (name, area, directorate, procedure, y, m - (m - 1) % 3)
            out_sums[quarter] = out_sums.get(quarter, Decimal(0)) + amount
    return {label: Tally(counts=counts[label], sums=sums[label]) for label in counts}


def _rows_in_years(
    rows: Sequence[Any], fields: frozenset[str], years: Sequence[FinancialYear]
) -> dict[str, list[Any]]:
    """Each year's rows: those with a date of `fields` in it. One pass over the rows."""
    label_of = {y.start.year: y.label for y in years}
    out: dict[str, list[Any]] = {y.label: [] for y in years}
    for row in rows:
        labels = set()
        for f in fields:
            d = getattr(row, f)
            if d is not None:
                label = label_of.get(d.year if d.month >= 4 else d.year - 1)
                if label is not None:
                    labels.add(label)
        for label in labels:
            out[label].append(row)
    return out


def rows_by_year(rows: FigureRows, years: Sequence[FinancialYear]) -> dict[str, FigureRows]:
    """`rows` narrowed to what the engine reads for each of `years`, so a report of several
    years and groupings reads the history once rather than once per figures computed: the
    tally's months (`_tally_by_year`) and the records with a date some figure reads in the
    year (a source with a snapshot keeps every row). The figures of a year from its
    narrowed rows are those from all of `rows`."""
    dates = _dates_read()
    tallies = {} if rows.tally is None else _tally_by_year(rows.tally, years)
    narrowed = {
        source: _rows_in_years(getattr(rows, source), fields, years)
        for source, fields in dates.items()
        if fields
    }
    return {
        y.label: replace(
            rows,
            tally=tallies.get(y.label),
            **{source: tuple(by_year[y.label]) for source, by_year in narrowed.items()},
        )
        for y in years
    }


def _applies(name: str, by: str, period: Period) -> bool:
    """Equality monitoring is reported only by council or directorate, only for the year."""
    return not name.startswith("equality.") or (by in EQUALITY_GROUP_BYS and period == "year")


# --- Computing -----------------------------------------------------------------------------

Buckets: TypeAlias = dict[tuple[str, Period], list[Any]]


def _group_of(row: Any, source: Source, by: str) -> str | None:
    """The group a record counts in; None: in no group of this grouping."""
    if by == COUNCIL:
        return COUNCIL
    value: str | None = getattr(row, by, None)  # a compliment has no procedure at all
    if value:
        return value
    # An equality response with no directorate counts only in `council` (figures.md).
    return None if source in DIRECTORATE_ONLY else NOT_RECORDED


class _Engine:
    """Computes member sets once each (several figures share `RESPONDED`, a Split, ...).

    Counted sets (`tally.py`) come from the tally, folded into groups and quarters once;
    the others from rows, kept as lists so a drill-down can show them."""

    def __init__(self, rows: FigureRows, year: FinancialYear, by: str) -> None:
        self.rows = rows
        self.year = year
        self.by = by
        # Keyed by identity: the definitions are module constants, shared between figures.
        self._sets: dict[int, Buckets] = {}
        self._splits: dict[int, dict[str, Buckets]] = {}
        # Each record's (group, quarter) by one of its dates, worked out once per date and
        # shared by every figure dated by it (about 20 figures share `started`).
        self._placed: dict[tuple[str, str], list[tuple[Any, str, Period]]] = {}
        self._folded: dict[tuple[str, str, Period], Any] | None = None
        self._snapshots: dict[int, dict[tuple[str, Period], int]] = {}

    def members(self, member_set: MemberSet) -> Buckets:
        if isinstance(member_set, Cell):
            return self._split(member_set.split)[member_set.key]
        cached = self._sets.get(id(member_set))
        if cached is None:
            if isinstance(member_set, Dated):
                cached = self._dated(member_set)
            else:
                cached = self._at_period_end(member_set)
            self._sets[id(member_set)] = cached
        return cached

    def _placed_by(self, source: Source, date_field: str) -> list[tuple[Any, str, Period]]:
        """The records of `source` whose date falls in the year, with their group and quarter."""
        key = (source, date_field)
        placed = self._placed.get(key)
        if placed is None:
            placed = []
            for row in getattr(self.rows, source):
                when = getattr(row, date_field)
                quarter = None if when is None else self.year.quarter_of(when)
                if quarter is None:
                    continue
                group = _group_of(row, source, self.by)
                if group is not None:
                    placed.append((row, group, quarter))
            self._placed[key] = placed
        return placed

    def _dated(self, d: Dated) -> Buckets:
        out: Buckets = defaultdict(list)
        where = d.where
        for row, group, quarter in self._placed_by(d.source, d.date):
            if where(row):
                out[(group, quarter)].append(row)
                out[(group, "year")].append(row)
        return out

    def _at_period_end(self, a: AtPeriodEnd) -> Buckets:
        out: Buckets = defaultdict(list)
        last_days = [(p, self.year.bounds(p)[1]) for p in PERIODS]
        for row in getattr(self.rows, a.source):
            group = _group_of(row, a.source, self.by)
            if group is None:
                continue
            for period, last_day in last_days:
                if a.holds(row, last_day):
                    out[(group, period)].append(row)
        return out

    def _split(self, split: Split) -> dict[str, Buckets]:
        cached = self._splits.get(id(split))
        if cached is None:
            cached = {key: defaultdict(list) for key in split.keys}
            for bucket, rows in self.members(split.base).items():
                for row in rows:
                    for key in split.cells(row):
                        cached[key][bucket].append(row)
            self._splits[id(split)] = cached
        return cached

    def _tally(self) -> Tally:
        tally = self.rows.tally
        if tally is None:
            tally = tally_rows({s: getattr(self.rows, s) for s in COUNTED_SOURCES}, COUNTING)
        return tally

    def _group_in_tally(self, place: Sequence[str | None]) -> str:
        if self.by == COUNCIL:
            return COUNCIL
        return place[GROUP_FIELDS.index(self.by)] or NOT_RECORDED

    def folded(self) -> dict[tuple[str, str, Period], Any]:
        """The tally's counts and sums by (key, group, period) for this year and grouping."""
        if self._folded is None:
            tally = self._tally()
            folded: dict[tuple[str, str, Period], Any] = {}
            get = folded.get  # a hot loop: tens of thousands of entries a year
            quarters: dict[tuple[int, int], Period | None] = {}
            # The field of a tally key's place this grouping reads, or none.
            field = None if self.by == COUNCIL else GROUP_FIELDS.index(self.by)
            for values in (tally.counts, tally.sums):
                for key, n in values.items():
                    name = key[0]
                    if not n or name in SNAPSHOT_FLOWS:
                        continue
                    month = (key[4], key[5])
                    if month not in quarters:
                        quarters[month] = self.year.quarter_of(date(*month, 1))
                    quarter = quarters[month]
                    if quarter is None:
                        continue
                    placed = COUNCIL if field is None else key[1:4][field]
                    if placed is None and name in DIRECTORATE_ONLY_KEYS:
                        continue  # an equality response with no directorate: council only
                    group = placed or NOT_RECORDED
                    in_quarter: tuple[str, str, Period] = (name, group, quarter)
                    in_year: tuple[str, str, Period] = (name, group, "year")
                    folded[in_quarter] = get(in_quarter, 0) + n
                    folded[in_year] = get(in_year, 0) + n
            self._folded = folded
        return self._folded

    def snapshot(self, a: AtPeriodEnd) -> dict[tuple[str, Period], int]:
        """A snapshot from a tally: begun less ended, over every month to each period's end."""
        cached = self._snapshots.get(id(a))
        if cached is None:
            flows = COUNTING.snapshots[a]
            sign = {flows.begun.key: 1, flows.ended.key: -1}
            last_months = [(p, self.year.bounds(p)[1]) for p in PERIODS]
            totals: dict[tuple[str, Period], int] = defaultdict(int)
            for (key, *place, y, m), n in self._tally().counts.items():
                if key not in sign:
                    continue
                group = self._group_in_tally(place)
                for period, last in last_months:
                    if (y, m) <= (last.year, last.month):
                        totals[(group, period)] += sign[key] * n
            cached = {k: n for k, n in totals.items() if n}
            self._snapshots[id(a)] = cached
        return cached

    def count(self, member_set: MemberSet, group: str, period: Period) -> int:
        counted = COUNTING.counted.get(member_set)
        if counted is not None:
            n: int = self.folded().get((counted.key, group, period), 0)
            return n
        if isinstance(member_set, AtPeriodEnd) and self._uses_snapshot(member_set):
            return self.snapshot(member_set).get((group, period), 0)
        return len(self.members(member_set).get((group, period), ()))

    def _uses_snapshot(self, a: AtPeriodEnd) -> bool:
        # Without a database tally the rows are all there: a snapshot reads them directly.
        return self.rows.tally is not None and a in COUNTING.snapshots

    def value(self, figure: Figure, group: str, period: Period) -> FigureValue:
        if isinstance(figure, Count):
            return self.count(figure.members, group, period)
        if isinstance(figure, Ratio):
            num = self.count(figure.num, group, period)
            return Pct.of(num, self.count(figure.den, group, period))
        if figure.members in COUNTING.counted:
            folded = self.folded()
            keys = (COUNTING.summed[(figure.members, f)].key for f in figure.fields)
            return sum((folded.get((k, group, period), Decimal(0)) for k in keys), Decimal(0))
        rows = self.members(figure.members).get((group, period), ())
        return sum(map(figure.amount, rows), Decimal(0))

    def compute(self, member_set: MemberSet) -> None:
        """Compute a member set ahead, so the groups its records fall in are known."""
        if member_set in COUNTING.counted:
            self.folded()
        elif isinstance(member_set, AtPeriodEnd) and self._uses_snapshot(member_set):
            self.snapshot(member_set)
        else:
            self.members(member_set)

    def groups_seen(self) -> set[str]:
        """The groups some computed record falls in (a Split's cells are in its base's)."""
        seen = {group for buckets in self._sets.values() for group, _ in buckets}
        seen |= {group for snapshot in self._snapshots.values() for group, _ in snapshot}
        return seen | {group for _, group, _ in self._folded or ()}


def _as_year(year: str | FinancialYear) -> FinancialYear:
    return year if isinstance(year, FinancialYear) else FinancialYear.parse(year)


def _check_by(by: str) -> None:
    if by not in GROUP_BYS:
        raise ValueError(f"by must be one of {', '.join(GROUP_BYS)}, not {by!r}")


def _nest(flat: dict[str, FigureValue]) -> PeriodFigures:
    """{"stage_costs.total": x} -> {"stage_costs": {"total": x}}, keeping the order."""
    out: PeriodFigures = {}
    for path, value in flat.items():
        *parents, leaf = path.split(".")
        node = out
        for p in parents:
            child = node.setdefault(p, {})
            assert isinstance(child, dict)
            node = child
        node[leaf] = value
    return out


@dataclass(frozen=True)
class FiguresReport:
    """The typed report object: every figure, per group, per period."""

    year: FinancialYear
    by: GroupBy
    groups: dict[str, dict[Period, PeriodFigures]] = field(default_factory=dict)


def figures_compute(
    rows: FigureRows, *, year: str | FinancialYear, by: GroupBy, groups: Sequence[str] = ()
) -> FiguresReport:
    """Every figure of figures.md for each group and period of `year`.

    `groups` are the groups that exist (the selector passes every service area's or
    directorate's name, or the procedure codes): each appears, with zeros if it had nothing.
    A group some record falls in is added after them (e.g. `not_recorded`).
    """
    _check_by(by)
    fy = _as_year(year)
    engine = _Engine(rows, fy, by)
    applicable = {p: [(n, f) for n, f in FIGURES.items() if _applies(n, by, p)] for p in PERIODS}
    # Compute every member set first, so the groups records fall in are known.
    for _name, figure in applicable["year"]:
        for member_set in _member_sets(figure):
            engine.compute(member_set)
    names = [COUNCIL] if by == COUNCIL else list(dict.fromkeys(groups))
    extra = sorted(engine.groups_seen() - set(names) - {NOT_RECORDED})
    names += extra
    if NOT_RECORDED in engine.groups_seen() and NOT_RECORDED not in names:
        names.append(NOT_RECORDED)
    out: dict[str, dict[Period, PeriodFigures]] = {}
    for group in names:
        out[group] = {
            period: _nest({n: engine.value(f, group, period) for n, f in applicable[period]})
            for period in PERIODS
        }
    return FiguresReport(year=fy, by=by, groups=out)


def _member_sets(figure: Figure) -> tuple[MemberSet, ...]:
    return (figure.num, figure.den) if isinstance(figure, Ratio) else (figure.members,)


class Members(NamedTuple):
    """The records behind one figure: `rows` are counted (or summed); for a percentage,
    `rows` are the numerator's and `den` the denominator's."""

    rows: list[Any]
    den: list[Any] | None = None


def figure_members(
    name: str,
    group: str,
    period: Period,
    rows: FigureRows,
    *,
    year: str | FinancialYear,
    by: GroupBy,
) -> Members:
    """The records behind figure `name` (its dotted path, e.g. `overdue_pct`,
    `complainant_types.parent`, `stage_costs.total`) for one group and period."""
    _check_by(by)
    figure = FIGURES.get(name)
    if figure is None:
        raise KeyError(f"No figure called {name!r}")
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    if rows.tally is not None:
        raise ValueError("A drill-down lists records: it needs rows, not a tally")
    engine = _Engine(rows, _as_year(year), by)
    if not _applies(name, by, period):
        return Members([], [] if isinstance(figure, Ratio) else None)
    if isinstance(figure, Ratio):
        return Members(
            list(engine.members(figure.num).get((group, period), ())),
            list(engine.members(figure.den).get((group, period), ())),
        )
    return Members(list(engine.members(figure.members).get((group, period), ())))
