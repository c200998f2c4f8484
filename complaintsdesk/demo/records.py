"""Ombudsman cases, learning, compliments and equality responses for 2019-20 to 2023-24.

Pure: the records come out as exchange-format rows (column name -> value, `bulk.py` writes
them to files and imports them with the history's cases), so the same seed gives the same
rows without a database.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from complaintsdesk.demo import text
from complaintsdesk.demo.history import AREAS
from complaintsdesk.demo.organisation import STRUCTURE
from complaintsdesk.demo.periods import YEARS, Ctx, apportion, pct, quarter_bounds, year_bounds
from complaintsdesk.demo.plans import CasePlan
from complaintsdesk.demo.targets import (
    CNSC,
    CSC,
    EQUALITY,
    EQUALITY_UPTAKE,
    NAMED_LGSCO,
    NAMED_LGSCO_CSC,
    TARGETS,
)

NAMED_REFS = {ref for ref, _, _ in NAMED_LGSCO} | {NAMED_LGSCO_CSC[0]}
REMEDIES = (0, 100, 150, 250, 300, 500, 750, 1000, 1200, 1500, 2000, 2500)

Row = dict[str, Any]  # an exchange row: column name -> value (date, Decimal, bool, str, None)


class RecordsBuilder:
    """`lgsco`, `learnings`, `compliments` and `equality` fill the rows of the same name.

    Each learning row also has `evidence`, which the exchange format does not carry.
    """

    def __init__(self, ctx: Ctx, plans: list[CasePlan]) -> None:
        self.ctx, self.plans = ctx, plans
        self.by_reference = {p.reference: p for p in plans}
        self.lgsco_rows: list[Row] = []
        self.learning_rows: list[Row] = []
        self.compliment_rows: list[Row] = []
        self.equality_rows: list[Row] = []
        self.used_refs: set[str] = set(NAMED_REFS)
        # Per area, sorted by date: cases by their last response, and by their stage-1 response.
        self.closed: dict[str, list[tuple[date, str]]] = {a: [] for a in AREAS}
        self.answered: dict[str, list[tuple[date, str]]] = {a: [] for a in AREAS}
        for p in plans:
            if p.stages and p.stages[-1].responded is not None:
                self.closed[p.area].append((p.stages[-1].responded, p.reference))
            s1 = p.stage("stage1")
            if s1 is not None and s1.responded is not None:
                self.answered[p.area].append((s1.responded, p.reference))
        for lists in (self.closed, self.answered):
            for entries in lists.values():
                entries.sort()

    @staticmethod
    def _between(entries: list[tuple[date, str]], first: date, last: date) -> list[str]:
        lo = bisect_left(entries, (first, ""))
        hi = bisect_right(entries, (last, "\uffff"))
        return [ref for _, ref in entries[lo:hi]]

    # --- the Ombudsman -------------------------------------------------------------------

    def _lgsco_reference(self, received: date) -> str:
        while True:
            ref = f"{received.year % 100:02d}{self.ctx.rng.randint(0, 19999):06d}"
            if ref not in self.used_refs:
                self.used_refs.add(ref)
                return ref

    def _case_before(self, area: str, received: date) -> CasePlan | None:
        """A closed case of the area answered in the few months before the Ombudsman heard of it."""
        first, last = self.ctx.before(received, 120), self.ctx.before(received, 20)
        options = self._between(self.closed[area], first, last)
        if not options or self.ctx.rng.random() < 0.3:
            return None
        return self.by_reference[self.ctx.rng.choice(options)]

    def _lgsco_create(
        self,
        *,
        area: str,
        reference: str,
        received: date,
        decided: date,
        decision: str,
        remedy: Decimal | None,
        ongoing: bool = False,
        case: CasePlan | None = None,
        summary: str = "",
        recommendations: str = "",
    ) -> None:
        upheld = decision == "upheld"
        compliance_due = self.ctx.after(decided, 20, 40) if upheld else None
        complied = (
            self.ctx.before(compliance_due, self.ctx.rng.randint(0, 5))
            if compliance_due is not None and not ongoing
            else None
        )
        self.lgsco_rows.append(
            {
                "lgsco_reference": reference,
                "reference": case.reference if case is not None else "",
                "directorate": STRUCTURE[area][0],
                "service_area": area,
                "received": received,
                "decided": decided,
                "decision": decision,
                "remedy_amount": remedy,
                "remedy_ongoing": ongoing,
                "summary": summary,
                "recommendations": recommendations,
                "compliance_due": compliance_due,
                "complied": complied,
            }
        )

    def lgsco(self) -> None:
        ctx, rng = self.ctx, self.ctx.rng
        named = list(NAMED_LGSCO)
        for year in YEARS:
            for area in AREAS:
                t = TARGETS[area][year]
                for q in range(4):
                    first, last = quarter_bounds(year, q)
                    decided_days = sorted(
                        ctx.working_day_in(first, last) for _ in range(t.lgsco_decided[q])
                    )
                    upheld = set(rng.sample(range(len(decided_days)), t.lgsco_upheld[q]))
                    for i, decided in enumerate(decided_days):
                        received = ctx.before(decided, rng.randint(40, 110))
                        case = self._case_before(area, received)
                        if i in upheld and area == CSC and year == "2023-24":
                            self._named_csc()
                            continue
                        if i in upheld and area == CNSC and year == "2023-24":
                            ref, remedy, ongoing = named.pop(0)
                            summary, recs = text.LGSCO_TEXT[ref]
                            self._lgsco_create(
                                area=area,
                                reference=ref,
                                received=received,
                                decided=decided,
                                decision="upheld",
                                remedy=remedy,
                                ongoing=ongoing,
                                case=case,
                                summary=summary,
                                recommendations=recs,
                            )
                            continue
                        if i in upheld:
                            summary, recs = (
                                text.LGSCO_TEXT["default_sen"]
                                if area == CNSC
                                else (
                                    rng.choice(text.LGSCO_OTHER),
                                    "Apologise and remind staff of the procedure.",
                                )
                            )
                            self._lgsco_create(
                                area=area,
                                reference=self._lgsco_reference(received),
                                received=received,
                                decided=decided,
                                decision="upheld",
                                remedy=Decimal(rng.choice(REMEDIES)).quantize(Decimal("0.01")),
                                case=case,
                                summary=summary,
                                recommendations=recs,
                            )
                            continue
                        self._lgsco_create(
                            area=area,
                            reference=self._lgsco_reference(received),
                            received=received,
                            decided=decided,
                            decision=rng.choice(
                                [
                                    "not_upheld",
                                    "closed_after_initial_enquiries",
                                    "closed_after_initial_enquiries",
                                    "referred_back",
                                    "withdrawn",
                                ]
                            ),
                            remedy=None,
                            case=case,
                            summary=rng.choice(text.LGSCO_OTHER),
                        )
        if named:
            raise ValueError(f"named Ombudsman decisions left over: {named}")

    def _named_csc(self) -> None:
        """23017734: passed back for stage 2 of COM/3472, which started a week and a half later."""
        case = self.by_reference["COM/3472"]
        stage2 = case.stage("stage2")
        assert stage2 is not None
        decided = self.ctx.before(stage2.started, 7)
        ref, remedy = NAMED_LGSCO_CSC
        summary, recs = text.LGSCO_TEXT[ref]
        self._lgsco_create(
            area=CSC,
            reference=ref,
            received=self.ctx.before(decided, 25),
            decided=decided,
            decision="upheld",
            remedy=remedy,
            case=case,
            summary=summary,
            recommendations=recs,
        )

    # --- learning and compliments ----------------------------------------------------------

    def learnings(self) -> None:
        ctx, rng = self.ctx, self.ctx.rng
        n = 0
        for year in YEARS:
            for area in AREAS:
                bank = {CSC: text.CSC_LEARNINGS, CNSC: text.CNSC_LEARNINGS}.get(
                    area, text.OTHER_LEARNINGS
                )
                for q in range(4):
                    first, last = quarter_bounds(year, q)
                    for _ in range(TARGETS[area][year].learnings[q]):
                        n += 1
                        recorded = ctx.working_day_in(first, last)
                        since = ctx.before(recorded, 40)
                        options = self._between(self.answered[area], since, recorded)
                        case = self.by_reference[rng.choice(options)] if options else None
                        learning, action = rng.choice(bank)
                        status = rng.choices(["implemented", "not_implemented"], weights=[92, 8])[0]
                        due = ctx.after(recorded, 15, 40)
                        team = (
                            case.team
                            if case is not None and case.team
                            else rng.choice(STRUCTURE[area][2])
                        )
                        implemented = status == "implemented"
                        self.learning_rows.append(
                            {
                                "id": f"L-{year}-{n:05d}",
                                "reference": case.reference if case is not None else "",
                                "service_area": area,
                                "team": team,
                                "recorded": recorded,
                                "learning": learning,
                                "action": action,
                                "status": status,
                                "owner": "Team manager",
                                "due": due,
                                "completed": ctx.before(due, rng.randint(0, 10))
                                if implemented
                                else None,
                                "evidence": "Team meeting notes seen by the complaints team."
                                if implemented
                                else "",
                            }
                        )

    def compliments(self) -> None:
        ctx, rng = self.ctx, self.ctx.rng
        n = 0
        for year in YEARS:
            for area in AREAS:
                for q in range(4):
                    first, last = quarter_bounds(year, q)
                    for _ in range(TARGETS[area][year].compliments[q]):
                        n += 1
                        team_name = rng.choice(STRUCTURE[area][2])
                        received = ctx.working_day_in(first, last)
                        self.compliment_rows.append(
                            {
                                "id": f"C-{year}-{n:05d}",
                                "received": received,
                                "directorate": STRUCTURE[area][0],
                                "service_area": area,
                                "team": team_name,
                                "summary": _compliment_text(ctx, area),
                            }
                        )

    # --- equality monitoring ---------------------------------------------------------------

    def equality(self) -> None:
        ctx, rng = self.ctx, self.ctx.rng
        directorates = {a: STRUCTURE[a][0] for a in AREAS}
        for year in YEARS:
            first, last = year_bounds(year)
            sent = [
                p
                for p in self.plans
                if p.equality_form_sent and first <= p.equality_form_sent <= last
            ]
            forms = len(sent)
            uptake = EQUALITY_UPTAKE[year]
            n = round(forms * uptake / 100)
            n = next(
                m
                for m in sorted(range(n - 3, n + 4), key=lambda m: abs(m - n))
                if pct(m, forms) == uptake
            )
            columns: dict[str, list[str]] = {}
            for name, wanted in EQUALITY.get(year, EQUALITY["2022-23"]).items():
                # Exact for the years the report prints; roughly the same mix before them.
                if year in EQUALITY:
                    counts = apportion(n, wanted)
                    columns[name] = [k for k, c in counts.items() for _ in range(c)]
                else:
                    columns[name] = _mix(n, wanted)
            columns["religion"] = _mix(
                n,
                {
                    "none": 36,
                    "christian": 31,
                    "atheist": 3,
                    "buddhist": 1,
                    "other": 3,
                    "prefer_not_to_say": 12,
                    "": 14,
                },
            )
            columns["ethnicity"] = _mix(
                n,
                {
                    "white_british": 80,
                    "white_other": 3,
                    "mixed_other": 1,
                    "asian_other": 1,
                    "other": 2,
                    "prefer_not_to_say": 5,
                    "": 8,
                },
            )
            columns["disability"] = _mix(
                n,
                {
                    "": 60,
                    "none": 20,
                    "physical": 7,
                    "mental_health": 6,
                    "long_term_condition": 4,
                    "physical;mental_health": 2,
                    "learning": 1,
                },
            )
            for values in columns.values():
                rng.shuffle(values)
            sent_by = Counter(p.area for p in sent)
            area_keys = sorted(sent_by)
            days = ctx.working_days(first, last)
            for i in range(n):
                area = rng.choices(area_keys, weights=[sent_by[a] for a in area_keys])[0]
                received = rng.choice(days)
                row: Row = {
                    "id": f"E-{year}-{i + 1:05d}",
                    "received": received,
                    "directorate": None if rng.random() < 0.05 else directorates[area],
                    **{name: values[i] for name, values in columns.items()},
                }
                # A `;`-list in the exchange format; the importer checks every code.
                row["disability"] = [d for d in row["disability"].split(";") if d]
                self.equality_rows.append(row)


def _mix(n: int, weights: dict[str, int]) -> list[str]:
    total = sum(weights.values())
    out: list[str] = []
    for k, w in weights.items():
        out += [k] * (n * w // total)
    out += [""] * (n - len(out))
    return out


def _compliment_text(ctx: Ctx, area: str) -> str:
    bank = text.COMPLIMENTS
    pick = {CSC: bank[:4] + bank[6:8], CNSC: bank[4:6] + bank[11:]}.get(area, bank[8:11])
    return ctx.rng.choice(pick)
