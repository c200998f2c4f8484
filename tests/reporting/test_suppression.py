"""Published-edition suppression: primary, secondary, small denominators (no database)."""

from __future__ import annotations

from typing import Any

import pytest

from complaintsdesk.core import vocabulary as v
from complaintsdesk.reporting.suppression import (
    LOW_BASE,
    SECONDARY,
    is_small,
    secondary_cells,
    suppress_published,
)

T, MIN_DEN = 5, 10


@pytest.mark.parametrize(
    ("count", "small"), [(0, False), (1, True), (4, True), (5, False), (40, False)]
)
def test_is_small(count: int, small: bool) -> None:
    assert is_small(count, T) is small


@pytest.mark.parametrize(
    ("values", "hidden", "lines", "added"),
    [
        # One hidden cell in a line with a known sum: the smallest non-zero other cell goes.
        ({"a": 3, "b": 0, "c": 7, "d": 20}, {"a"}, [["a", "b", "c", "d"]], {"c"}),
        # Two hidden already: nothing to add.
        ({"a": 3, "b": 2, "c": 7}, {"a", "b"}, [["a", "b", "c"]], set()),
        # Only zeros left: a zero is withheld rather than leave the cell derivable.
        ({"a": 3, "b": 0}, {"a"}, [["a", "b"]], {"b"}),
        # Cascade: hiding c for line 1 leaves c alone in line 2, so e goes too.
        ({"a": 3, "c": 7, "e": 9, "f": 30}, {"a"}, [["a", "c"], ["c", "e", "f"]], {"c", "e"}),
        # Nothing hidden, nothing added.
        ({"a": 30, "b": 20}, set(), [["a", "b"]], set()),
    ],
)
def test_secondary_cells(
    values: dict[str, int], hidden: set[str], lines: list[list[str]], added: set[str]
) -> None:
    assert secondary_cells(values, hidden, lines) == added


def period(
    formal: int = 0, types: dict[str, int] | None = None, cic: int = 0, **kw: Any
) -> dict[str, Any]:
    complainant_types = dict.fromkeys([*v.COMPLAINANT_TYPE, "not_recorded"], 0) | (types or {})
    return {
        "formal": formal,
        "total": sum(complainant_types.values()),
        "children_in_care": cic,
        "via_advocate": 0,
        "overdue_pct": {"pct": 50, "num": 6, "den": 12},
        "complainant_types": complainant_types,
        **kw,
    }


def group(**year: Any) -> dict[str, Any]:
    # Quarters all zero, so every period line is trivially safe unless a test says otherwise.
    return {"Q1": period(), "Q2": period(), "Q3": period(), "Q4": period(), "year": period(**year)}


def test_primary_and_secondary_in_a_breakdown() -> None:
    groups = {"Area": group(types={"parent": 30, "young_person": 3, "customer": 12})}
    # Put the year's counts in Q1 so the period line agrees (Q1 + ... + Q4 = year).
    groups["Area"]["Q1"] = period(types={"parent": 30, "young_person": 3, "customer": 12})
    out = suppress_published(groups, threshold=T, min_den=MIN_DEN)
    types = out["Area"]["year"]["complainant_types"]
    assert types["young_person"] == "<5"
    # `total` (45) is shown: one hidden cell would be 45 - 30 - 12; the smallest other goes.
    assert types["customer"] == SECONDARY
    assert types["parent"] == 30
    assert types["grandparent"] == 0
    assert out["Area"]["year"]["total"] == 45
    # Q1's same cells are hidden too (their own breakdown line), and the year's by period.
    assert out["Area"]["Q1"]["complainant_types"]["young_person"] == "<5"


def test_single_person_count_across_quarters_is_protected() -> None:
    groups = {"Area": group(cic=9)}
    for q, n in zip(("Q1", "Q2", "Q3", "Q4"), (2, 0, 0, 7), strict=True):
        groups["Area"][q]["children_in_care"] = n
    out = suppress_published(groups, threshold=T, min_den=MIN_DEN)
    cic = [out["Area"][p]["children_in_care"] for p in ("Q1", "Q2", "Q3", "Q4", "year")]
    assert cic[0] == "<5"
    # Q1 = year - Q2 - Q3 - Q4 unless another cell of the line goes: Q4 (smallest non-zero).
    assert cic[3] == SECONDARY
    assert sum(1 for c in cic if isinstance(c, str)) == 2


def test_groups_line_protects_against_the_council_total() -> None:
    groups = {"A": group(cic=2), "B": group(cic=8), "C": group(cic=20)}
    for name, n in (("A", 2), ("B", 8), ("C", 20)):
        groups[name]["Q1"]["children_in_care"] = n
    out = suppress_published(groups, threshold=T, min_den=MIN_DEN)
    year = {g: out[g]["year"]["children_in_care"] for g in groups}
    assert year == {"A": "<5", "B": SECONDARY, "C": 20}


def test_small_denominator_percentages() -> None:
    groups = {"Area": group(overdue_pct={"pct": 33, "num": 3, "den": 9})}
    out = suppress_published(groups, threshold=T, min_den=MIN_DEN)
    assert out["Area"]["year"]["overdue_pct"] == LOW_BASE
    assert out["Area"]["Q1"]["overdue_pct"] == {"pct": 50, "num": 6, "den": 12}
    # The input is not changed.
    assert groups["Area"]["year"]["overdue_pct"] == {"pct": 33, "num": 3, "den": 9}


def test_zero_and_non_person_counts_are_shown() -> None:
    groups = {"Area": group(formal=3)}
    out = suppress_published(groups, threshold=T, min_den=MIN_DEN)
    assert out["Area"]["year"]["formal"] == 3  # not a breakdown by person
    assert out["Area"]["year"]["children_in_care"] == 0


def pct(num: int, den: int) -> dict[str, Any]:
    return {"pct": round(100 * num / den), "num": num, "den": den}


def test_equality_cells() -> None:
    gender = {
        "female": pct(12, 20),
        "male": pct(6, 20),
        "non_binary_or_self_described": pct(1, 20),
        "prefer_not_to_say": pct(0, 20),
        "left_blank": pct(1, 20),
    }
    disability = {"physical": pct(2, 20), "none": pct(18, 20)}
    equality = {
        "responses": 20,
        "uptake_pct": pct(20, 40),
        "gender": gender,
        "disability": disability,
    }
    out = suppress_published({"council": group(equality=equality)}, threshold=T, min_den=MIN_DEN)
    eq = out["council"]["year"]["equality"]
    assert eq["gender"]["non_binary_or_self_described"] == "<5"
    assert eq["gender"]["left_blank"] == "<5"  # two hidden: no secondary needed in this line
    assert eq["gender"]["male"] == pct(6, 20)
    assert eq["disability"]["physical"] == "<5"  # a list: no secondary needed
    assert eq["disability"]["none"] == pct(18, 20)
    assert eq["responses"] == 20


def test_equality_small_base_hides_every_cell() -> None:
    equality = {
        "responses": 6,
        "uptake_pct": pct(6, 30),
        "gender": {"female": pct(6, 6), "male": pct(0, 6), "left_blank": pct(0, 6)},
    }
    out = suppress_published({"council": group(equality=equality)}, threshold=T, min_den=MIN_DEN)
    eq = out["council"]["year"]["equality"]
    assert set(eq["gender"].values()) == {LOW_BASE}
    assert eq["uptake_pct"] == pct(6, 30)
