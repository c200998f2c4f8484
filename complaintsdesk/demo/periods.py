"""Small helpers the generator shares: financial years, random working days, apportioning.

All dates are chosen on the council's working calendar (`deadlines.calendar`), so the
deadline engine's counts for the demo's stages are exactly the ones the generator meant.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from complaintsdesk.deadlines.calendar import WorkingCalendar

YEARS: tuple[str, ...] = ("2019-20", "2020-21", "2021-22", "2022-23", "2023-24")
HISTORY_END = date(2024, 3, 31)


def year_bounds(year: str) -> tuple[date, date]:
    first = int(year[:4])
    return date(first, 4, 1), date(first + 1, 3, 31)


def quarter_bounds(year: str, quarter: int) -> tuple[date, date]:
    """Quarter 0..3 of a financial year: April-June, July-Sept, Oct-Dec, Jan-March."""
    first = int(year[:4])
    starts = (date(first, 4, 1), date(first, 7, 1), date(first, 10, 1), date(first + 1, 1, 1))
    ends = (date(first, 6, 30), date(first, 9, 30), date(first, 12, 31), date(first + 1, 3, 31))
    return starts[quarter], ends[quarter]


def pct(num: int, den: int) -> int:
    """figures.md's rounding: half up, whole numbers."""
    return int((Decimal(100 * num) / Decimal(den)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Ctx:
    """What every generator step needs: the seeded random source and the calendar."""

    rng: random.Random
    cal: WorkingCalendar
    # The same quarters and years are asked for again and again: count each out once.
    _days: dict[tuple[date, date], tuple[date, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def working_days(self, first: date, last: date) -> list[date]:
        days = self._days.get((first, last))
        if days is None:
            out: list[date] = []
            d = self.cal.next_working_day(first)
            while d <= last:
                out.append(d)
                d = self.cal.add_working_days(d, 1)
            days = self._days[(first, last)] = tuple(out)
        return list(days)

    def working_day_in(self, first: date, last: date) -> date:
        return self.rng.choice(self.working_days(first, last))

    def after(self, d: date, low: int, high: int) -> date:
        """A working day `low`..`high` working days after `d`."""
        return self.cal.add_working_days(d, self.rng.randint(low, high))

    def before(self, d: date, n: int) -> date:
        """The working day `n` working days before the working day `d`."""
        rank = self.cal.day_number(date(2000, 1, 3), d)
        return self.cal.add_working_days(date(2000, 1, 3), rank - n)


def apportion(total: int, targets: dict[str, int]) -> dict[str, int]:
    """Counts summing to `total` whose percentages round (half up) to `targets` exactly.

    Largest remainder, then a small search over one-unit moves if rounding disagrees;
    raises if no such counts exist (the target table would then be wrong).
    """
    if sum(targets.values()) != 100:
        raise ValueError(f"targets must sum to 100: {targets}")
    raw = {k: Decimal(total * p) / 100 for k, p in targets.items()}
    counts = {k: int(r) for k, r in raw.items()}
    short = total - sum(counts.values())
    for k in sorted(raw, key=lambda k: raw[k] - counts[k], reverse=True)[:short]:
        counts[k] += 1

    def wrong() -> list[str]:
        return [k for k, p in targets.items() if pct(counts[k], total) != p]

    for _ in range(total):
        bad = wrong()
        if not bad:
            return counts
        k = bad[0]
        step = 1 if pct(counts[k], total) < targets[k] else -1
        donors = [
            j
            for j in targets
            if j != k and counts[j] - step >= 0 and pct(counts[j] - step, total) == targets[j]
        ]
        if not donors:
            break
        counts[k] += step
        counts[donors[0]] -= step
    if wrong():
        raise ValueError(f"no counts of {total} give {targets}")
    return counts


def fill_exact(rng: random.Random, weights: list[int], targets: dict[str, int]) -> list[str]:
    """Give each unit (a case counted `weight` times) a key; each key is counted exactly its target.

    Heavier units go first, each to a key with room for it (chosen in proportion to the
    room left), so the lighter ones can always fill what is left.
    """
    if sum(weights) != sum(targets.values()):
        raise ValueError(f"weights sum to {sum(weights)}, targets to {sum(targets.values())}")
    left = dict(targets)
    out: list[str] = [""] * len(weights)
    for i in sorted(range(len(weights)), key=lambda i: -weights[i]):
        w = weights[i]
        room = [k for k in sorted(left) if left[k] >= w]
        if not room:
            raise ValueError(f"cannot place a unit of weight {w} in {left}")
        k = rng.choices(room, weights=[left[k] for k in room])[0]
        out[i] = k
        left[k] -= w
    return out
