"""Cases for 2019-20 to 2023-24, generated year by year to the tables in `targets.py`.

Every count is placed exactly: stage starts per quarter, escalations from informal, which
stage-1 responses fall inside 20 working days (chosen as working days, so the deadline
engine counts exactly what was meant), outcomes, complainant types, themes, children in
care and the named stage-2 cases of 2023-24.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from complaintsdesk.demo import text
from complaintsdesk.demo.organisation import STRUCTURE
from complaintsdesk.demo.periods import (
    HISTORY_END,
    YEARS,
    Ctx,
    fill_exact,
    quarter_bounds,
    year_bounds,
)
from complaintsdesk.demo.plans import CasePlan, StagePlan
from complaintsdesk.demo.targets import ADULTS, CNSC, CSC, NAMED_STAGE2, PLACE, TARGETS, AreaYear
from complaintsdesk.workflow import rules

AREAS: tuple[str, ...] = (CSC, CNSC, ADULTS, PLACE)

# Invented mixes for the years and areas the report gives no breakdown for.
TYPE_MIX: dict[str, dict[str, int]] = {
    CSC: {
        "parent": 40,
        "grandparent": 4,
        "other_relative": 3,
        "young_person": 4,
        "advocate": 2,
        "customer": 8,
        "foster_carer": 2,
        "": 50,
    },
    CNSC: {"parent": 55, "customer": 10, "advocate": 2, "professional": 2, "": 40},
    ADULTS: {"individual": 30, "other_relative": 25, "advocate": 5, "customer": 10, "": 40},
    PLACE: {"customer": 50, "individual": 20, "group": 2, "": 40},
}
THEME_MIX: dict[str, dict[str, int]] = {
    CSC: {
        "communication": 8,
        "data": 3,
        "policy_disagreement": 18,
        "professional_practice": 62,
        "misconduct": 5,
        "other": 3,
        "service_delay": 1,
    },
    CNSC: {
        "service_delay": 40,
        "communication": 20,
        "policy_disagreement": 25,
        "finance": 5,
        "professional_practice": 10,
    },
    ADULTS: {
        "finance": 25,
        "service_delay": 20,
        "professional_practice": 30,
        "communication": 20,
        "policy_disagreement": 5,
    },
    PLACE: {
        "service_delay": 45,
        "policy_disagreement": 25,
        "communication": 20,
        "misconduct": 5,
        "other": 5,
    },
}
TEAM_WEIGHTS: dict[str, dict[str, int]] = {
    CSC: {
        "CWAD": 8,
        "North": 14,
        "Chesil": 10,
        "East": 12,
        "Dorchester and West": 12,
        "Purbeck": 10,
        "Fostering": 6,
        "ChAD": 6,
        "Children in Care": 6,
        "Care Leavers": 6,
    },
    CNSC: {
        "SEN": 60,
        "School Admissions": 12,
        "Home to School Transport": 14,
        "Early Years": 6,
        "Education Inclusion": 8,
    },
}
CHANNELS = {"email": 45, "web": 30, "phone": 12, "letter": 8, "in_person": 2, "advocate": 3}

NAMED_SUMMARIES: dict[str, str] = {
    "COM/4822": "The family had struggled for several months before the child came into care; "
    "no support was offered to help the child stay at home.",
    "COM/3262": "The level of service and resources provided does not meet the assessed needs "
    "of the complainant's son.",
    "COM/4613": "The parent has had no written confirmation of a permanent housing arrangement "
    "that meets the daughter's needs.",
    "COM/4783": "The parent believes social work practice under the child in need plan was poor "
    "and that earlier complaints were not dealt with properly.",
    "COM/3472": "Alleged errors in a report, inappropriate comments from a worker and a lack of "
    "contact with a parent in prison.",
}

# Working days after the 2023-24 year end on which COM/3472 has its stage 2 answer.
AFTER_LGSCO_RESPONSE_DAYS = 15


def _pick(ctx: Ctx, weights: dict[str, int]) -> str:
    keys = list(weights)
    return ctx.rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _days_in(ctx: Ctx, first: date, last: date, n: int) -> list[date]:
    days = ctx.working_days(first, last)
    return sorted(ctx.rng.choice(days) for _ in range(n))


class HistoryBuilder:
    """Plans every historical case; `plans` is the result, in no particular order."""

    def __init__(self, ctx: Ctx, rulesets: tuple[rules.RuleSet, ...]) -> None:
        self.ctx = ctx
        self.rulesets = rulesets
        self.plans: list[CasePlan] = []
        # Stage-1s started in late March whose response the next year's table places.
        self.carried: dict[str, list[tuple[CasePlan, StagePlan]]] = {a: [] for a in AREAS}

    # --- stage-1 responses ------------------------------------------------------------

    def _respond_stage1(self, plan: CasePlan, sp: StagePlan, k: int, outcome: str) -> None:
        """Answer a stage 1 on its working day `k`; acknowledge it; agree most extensions."""
        ctx, cal = self.ctx, self.ctx.cal
        sp.responded = cal.add_working_days(sp.started, k)
        sp.outcome = outcome
        ack_limit = 3 if plan.procedure == "children_statutory" else 5
        ack_days = ctx.rng.randint(1, ack_limit)
        if ack_days < k:
            sp.acknowledged = cal.add_working_days(sp.started, ack_days)
        due, maximum = self._due_and_maximum(plan, sp)
        if sp.responded > due and ctx.rng.random() < 0.8:
            wanted = cal.add_working_days(sp.responded, ctx.rng.randint(0, 3))
            if maximum is not None and wanted > maximum:
                wanted = maximum
            if wanted >= sp.responded:
                sp.extended_to = wanted
                sp.extension_reason = ctx.rng.choice(text.EXTENSION_REASONS)

    def _due_and_maximum(self, plan: CasePlan, sp: StagePlan) -> tuple[date, date | None]:
        """The stage's due date and latest extension, by the rules in force when it started."""
        ruleset = rules.ruleset_for(sp.started, self.rulesets)
        due = rules.stage_due(
            procedure=plan.procedure,
            stage=sp.kind,
            started=sp.started,
            acknowledged=sp.acknowledged,
            calendar=self.ctx.cal,
            ruleset=ruleset,
        )
        maximum = rules.extension_maximum(
            procedure=plan.procedure,
            stage=sp.kind,
            started=sp.started,
            acknowledged=sp.acknowledged,
            calendar=self.ctx.cal,
            ruleset=ruleset,
        )
        return due, maximum

    def _k_within(self, start: date, latest: date, earliest: date | None = None) -> int:
        cal, rng = self.ctx.cal, self.ctx.rng
        k = rng.randint(3, 10) if rng.random() < 0.7 else rng.randint(11, 20)
        k = min(k, cal.day_number(start, latest))
        if earliest is not None:
            k = max(k, cal.day_number(start, earliest) + (0 if cal.is_working_day(earliest) else 1))
        return k

    # --- one area, one year -----------------------------------------------------------

    def area_year(self, area: str, year: str) -> None:
        ctx, cal, rng = self.ctx, self.ctx.cal, self.ctx.rng
        t: AreaYear = TARGETS[area][year]
        procedure = STRUCTURE[area][1]
        fy_first, fy_last = year_bounds(year)
        if year == YEARS[-1] and t.carry_out:
            raise ValueError("nothing may be carried out of the last historical year")

        # Stage-1 starts by quarter; the ones carried out start in the last days of March.
        starts: list[date] = []
        for q in range(4):
            first, last = quarter_bounds(year, q)
            n = t.stage1[q] - (t.carry_out if q == 3 else 0)
            starts += _days_in(ctx, first, last, n)
        march_end = ctx.working_days(date(fy_last.year, 3, 20), fy_last)
        carry_starts = sorted(rng.choice(march_end) for _ in range(t.carry_out))

        new: list[CasePlan] = []
        s1_plans: list[tuple[CasePlan, StagePlan]] = []
        for started in starts + carry_starts:
            sp = StagePlan(kind="stage1", started=started)
            plan = CasePlan(area=area, procedure=procedure, team="", stages=[sp])
            new.append(plan)
            s1_plans.append((plan, sp))
        carry_out = s1_plans[len(starts) :]
        in_year = s1_plans[: len(starts)]

        # Escalations: an informal stage answered 'escalated' a few days before the stage 1.
        late_enough = [p for p in in_year if cal.day_number(fy_first, p[1].started) >= 30]
        esc_q = [0, 0, 0, 0]
        for plan, sp in rng.sample(late_enough, t.escalated):
            informal = StagePlan(
                kind="informal",
                started=ctx.before(sp.started, rng.randint(12, 25)),
                outcome="escalated",
            )
            informal.responded = ctx.before(sp.started, rng.randint(1, 4))
            plan.stages.insert(0, informal)
            esc_q[_quarter(year, informal.started)] += 1

        # The other informal stages, resolved (or withdrawn) without escalating.
        for q in range(4):
            first, last = quarter_bounds(year, q)
            n = t.informal[q] - esc_q[q]
            if n < 0:
                raise ValueError(f"{area} {year} Q{q + 1}: more escalations than informal stages")
            for started in _days_in(ctx, first, last, n):
                informal = StagePlan(kind="informal", started=started)
                informal.responded = ctx.after(started, 1, 12)
                informal.outcome = "withdrawn" if rng.random() < 0.08 else "resolved"
                new.append(CasePlan(area=area, procedure=procedure, team="", stages=[informal]))

        self._stage1_responses(area, year, t, in_year)
        self.carried[area] = carry_out

        named = self._named_stage2(area, year, in_year)
        self._ordinary_stage2(area, year, t, in_year, exclude={id(p) for p in named})
        self._attributes(area, year, t, new, named)
        self.plans += new

    def _stage1_responses(
        self, area: str, year: str, t: AreaYear, in_year: list[tuple[CasePlan, StagePlan]]
    ) -> None:
        """Deal out the year's responses: within/over 20 working days and the outcomes."""
        cal, rng = self.ctx.cal, self.ctx.rng
        fy_first, fy_last = year_bounds(year)
        carried_in = self.carried[area]
        total = len(in_year) + len(carried_in)
        outcomes = [o for o, n in t.outcomes.items() for _ in range(n)]
        if len(outcomes) != total:
            raise ValueError(f"{area} {year}: {len(outcomes)} outcomes for {total} responses")
        rng.shuffle(outcomes)
        over_total = total - t.within_20
        # Carried-in stages are answered in April: within 20 unless the over-20s need them.
        over_in = min(over_total, rng.randint(0, len(carried_in)))
        for i, (plan, sp) in enumerate(carried_in):
            earliest = cal.next_working_day(fy_first)
            if i < over_in:
                k = rng.randint(21, 28)
            else:
                k = rng.randint(cal.day_number(sp.started, earliest), 20)
            self._respond_stage1(plan, sp, k, outcomes.pop())
        over_room = [p for p in in_year if cal.add_working_days(p[1].started, 30) <= fy_last]
        over = {id(p[1]) for p in rng.sample(over_room, over_total - over_in)}
        for plan, sp in in_year:
            if id(sp) in over:
                k = rng.randint(21, 30)
            else:
                k = self._k_within(sp.started, fy_last)
            self._respond_stage1(plan, sp, k, outcomes.pop())

    def _stage2(
        self, plan: CasePlan, start: date, outcome: str, respond_in: tuple[int, int]
    ) -> StagePlan:
        ctx, cal = self.ctx, self.ctx.cal
        s2 = StagePlan(kind="stage2", started=start, acknowledged=ctx.after(start, 1, 3))
        if plan.procedure == "children_statutory":
            on = ctx.after(start, 2, 5)
            s2.appoint = (
                ("investigating_officer", "investigator", on),
                ("independent_person", "independent", on),
            )
        if outcome:
            s2.responded = ctx.after(start, *respond_in)
            s2.outcome = outcome
            due, maximum = self._due_and_maximum(plan, s2)
            if s2.responded > due and maximum is not None:
                s2.extended_to = min(maximum, cal.add_working_days(s2.responded, 2))
                s2.extension_reason = ctx.rng.choice(text.EXTENSION_REASONS)
        plan.stages.append(s2)
        return s2

    def _named_stage2(
        self, area: str, year: str, in_year: list[tuple[CasePlan, StagePlan]]
    ) -> list[CasePlan]:
        """The report's five stage-2 cases of 2023-24, with their references, teams and costs."""
        if area != CSC or year != "2023-24":
            return []
        ctx, cal = self.ctx, self.ctx.cal
        candidates = sorted(
            (
                p
                for p in in_year
                if p[1].outcome != "withdrawn"
                and p[1].responded is not None
                and p[1].responded <= date(2023, 8, 31)
                and len(p[0].stages) == 1
            ),
            key=lambda p: p[1].responded or date.max,
        )
        chosen = [candidates[0], *ctx.rng.sample(candidates[1:], len(NAMED_STAGE2) - 1)]
        # COM/4783 needs the earliest: its stage 2 and withdrawn stage 3 both fall in the year.
        order = sorted(NAMED_STAGE2, key=lambda n: (not n.stage3_withdrawn, n.reference))
        out = []
        for named, (plan, sp) in zip(order, chosen, strict=True):
            assert sp.responded is not None
            plan.reference, plan.team = named.reference, named.team
            plan.summary = NAMED_SUMMARIES[named.reference]
            if named.after_lgsco:
                # Passed back by the Ombudsman (decided in Q2), so stage 2 starts in October.
                start = date(2023, 10, 9)
            else:
                start = ctx.after(sp.responded, 5, 12)
            s2 = self._stage2(
                plan, start, named.outcome, (35, 60) if not named.stage3_withdrawn else (25, 40)
            )
            if named.after_lgsco and not named.outcome:
                # Open at the year end, as the report has it; answered in the next year, so
                # the case is not left open for ever beside its finished Ombudsman decision.
                # Fixed, not drawn: a draw here would move every later random choice.
                s2.responded = cal.add_working_days(HISTORY_END, AFTER_LGSCO_RESPONSE_DAYS)
                s2.outcome = "not_upheld"
            if named.costs is not None:
                s2.costs = named.costs
            if named.stage3_withdrawn:
                assert s2.responded is not None
                s3 = StagePlan(kind="stage3", started=ctx.after(s2.responded, 5, 10))
                s3.acknowledged = ctx.after(s3.started, 1, 3)
                s3.appoint = (("panel_member", "panel", ctx.after(s3.started, 3, 6)),)
                s3.responded, s3.outcome = ctx.after(s3.started, 12, 20), "withdrawn"
                plan.stages.append(s3)
                if s3.started > year_bounds(year)[1]:
                    raise ValueError("COM/4783's stage 3 must start in 2023-24")
            if cal.day_number(start, year_bounds(year)[1]) <= 0:
                raise ValueError(f"{named.reference}'s stage 2 must start in 2023-24")
            out.append(plan)
        return out

    def _ordinary_stage2(
        self,
        area: str,
        year: str,
        t: AreaYear,
        in_year: list[tuple[CasePlan, StagePlan]],
        exclude: set[int],
    ) -> None:
        ctx, rng = self.ctx, self.ctx.rng
        fy_last = year_bounds(year)[1]
        candidates = [
            p
            for p in in_year
            if id(p[0]) not in exclude
            and p[1].outcome in ("not_upheld", "partly_upheld")
            and p[1].responded is not None
            and ctx.cal.day_number(p[1].responded, fy_last) > 60
        ]
        for plan, sp in rng.sample(candidates, t.stage2):
            assert sp.responded is not None
            outcome = rng.choice(["not_upheld", "partly_upheld", "not_upheld"])
            s2 = self._stage2(plan, ctx.after(sp.responded, 5, 15), outcome, (20, 45))
            if plan.procedure == "children_statutory":
                s2.costs = (
                    Decimal(rng.randint(150000, 400000)) / 100,
                    Decimal(rng.randint(40000, 200000)) / 100,
                    Decimal("0.00"),
                )

    # --- who complained, about what ------------------------------------------------------

    def _attributes(
        self, area: str, year: str, t: AreaYear, new: list[CasePlan], named: Sequence[CasePlan]
    ) -> None:
        ctx, rng = self.ctx, self.ctx.rng
        fy_first, fy_last = year_bounds(year)

        def weight(p: CasePlan) -> int:
            return sum(
                1
                for s in p.stages
                if s.kind in ("informal", "stage1") and fy_first <= s.started <= fy_last
            )

        units = [p for p in new if weight(p) > 0]
        named_ids = {id(p) for p in named}
        # Children in care: single-stage cases, so each counts once.
        if t.children_in_care is not None:
            singles = [p for p in units if weight(p) == 1 and id(p) not in named_ids]
            cic = rng.sample(singles, t.children_in_care)
            for p in units:
                p.child_in_care = False
            for p in cic:
                p.child_in_care = True
        else:
            cic = []

        if t.complainant_types is not None:
            types = dict(t.complainant_types)
            # The report: this year's children in care all came through an advocate.
            preset = ["young_person", "young_person", "advocate"][: len(cic)]
            for p, kind in zip(cic, preset, strict=False):
                p.complainant_type, p.via_advocate = kind, True
                types[kind] -= 1
            preset_ids = {id(p) for p in cic[: len(preset)]}
            rest = [p for p in units if id(p) not in preset_ids]
            for p, kind in zip(
                rest, fill_exact(rng, [weight(p) for p in rest], types), strict=True
            ):
                p.complainant_type = kind
        else:
            for p in units:
                p.complainant_type = _pick(ctx, TYPE_MIX[area])
        if t.themes is not None:
            for p, theme in zip(
                units, fill_exact(rng, [weight(p) for p in units], t.themes), strict=True
            ):
                p.theme = theme
        else:
            for p in units:
                p.theme = _pick(ctx, THEME_MIX[area])

        for p in new:
            if not p.team:
                p.team = (
                    _pick(ctx, TEAM_WEIGHTS[area])
                    if area in TEAM_WEIGHTS
                    else rng.choice(STRUCTURE[area][2])
                )
            if p.child_in_care and p.team not in ("Children in Care", "Fostering"):
                p.team = rng.choice(["Children in Care", "Fostering"])
            if p.via_advocate is None and p.complainant_type in ("young_person", "advocate"):
                p.via_advocate = True
            p.channel = "advocate" if p.via_advocate else _pick(ctx, CHANNELS)
            if not p.summary:
                p.summary = _summary(ctx, area, p.theme)
            p.desired_outcome = rng.choice(text.DESIRED_OUTCOMES)
            s1 = p.stage("stage1")
            # The equality form goes out with the acknowledgement of a formal complaint.
            p.equality_form_sent = s1.started if s1 is not None else None
            if area == CSC:
                p.children = rng.choice([1, 1, 1, 2, 2, 3])
            elif area == CNSC:
                p.children = 1

    def build(self) -> list[CasePlan]:
        for year in YEARS:
            for area in AREAS:
                self.area_year(area, year)
        return self.plans


def _quarter(year: str, d: date) -> int:
    for q in range(4):
        first, last = quarter_bounds(year, q)
        if first <= d <= last:
            return q
    raise ValueError(f"{d} is not in {year}")


def _summary(ctx: Ctx, area: str, theme: str) -> str:
    if area == CSC:
        return ctx.rng.choice(text.CSC_SUMMARIES.get(theme) or text.CSC_SUMMARIES["other"])
    bank = {CNSC: text.CNSC_SUMMARIES, ADULTS: text.ADULTS_SUMMARIES, PLACE: text.PLACE_SUMMARIES}[
        area
    ]
    return ctx.rng.choice(bank)
