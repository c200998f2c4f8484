"""Small-number suppression for the published edition (figures.md). Pure: no Django imports.

Two rules:
- **Primary**: a count from 1 to threshold-1 in a breakdown by person (complainant types,
  children in care, via advocate, equality) is shown as `"<5"`; any percentage whose
  denominator is under the minimum is shown as `"[low]"`.
- **Secondary**: a *line* is a set of cells whose sum is known (a breakdown and the total
  it adds up to; Q1..Q4 and the year; the groups and the council's figure). A line with
  exactly one hidden cell gives that cell away, so the smallest other cell of the line is
  hidden too (`"[c]"`), preferring a non-zero one; repeated until no line has a single
  hidden cell. This is the usual heuristic, not an optimal or a complete audit: it does not
  solve the system of all lines together.

`suppress_published` works on the JSON `groups` object of figures.md, so every renderer of
the published edition hides the same cells.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

K = TypeVar("K", bound=Hashable)

SECONDARY = "[c]"  # withheld so that another suppressed cell cannot be worked out
LOW_BASE = "[low]"  # a percentage over too few records to publish

PERIOD_LINE = ("Q1", "Q2", "Q3", "Q4", "year")
# Breakdowns by person (figures.md), as paths in a period object.
PERSON_COUNTS = (("children_in_care",), ("via_advocate",))
PERSON_BREAKDOWNS = ("complainant_types",)
# Equality characteristics whose cells add up to the responses; disability is a list (a
# response may count in several cells), so its cells add up to nothing known.
ADDITIVE_CHARACTERISTICS = ("gender", "sexuality", "age_band", "religion", "ethnicity")

Path = tuple[str, ...]
CellKey = tuple[str, str, Path]  # (group, period, path)


def primary_marker(threshold: int) -> str:
    return f"<{threshold}"


def is_small(count: int, threshold: int) -> bool:
    """A count to hide: more than none, fewer than the threshold (0 is safe to show)."""
    return 0 < count < threshold


def secondary_cells(
    values: Mapping[K, int], hidden: Iterable[K], lines: Iterable[Sequence[K]]
) -> set[K]:
    """The cells to hide besides `hidden` so that no line has exactly one hidden cell."""
    lines = [line for line in lines if len(line) > 1]
    now = set(hidden)
    added: set[K] = set()
    changed = True
    while changed:
        changed = False
        for line in lines:
            shown = [k for k in line if k not in now]
            if len(line) - len(shown) != 1 or not shown:
                continue
            # The smallest non-zero cell costs the least information; a zero only if none.
            pick = min(shown, key=lambda k: (values[k] == 0, values[k]))
            now.add(pick)
            added.add(pick)
            changed = True
    return added


def _is_pct(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"pct", "num", "den"}


def _get(period_figures: Mapping[str, Any], path: Path) -> Any:
    node: Any = period_figures
    for p in path:
        if not isinstance(node, Mapping) or p not in node:
            return None
        node = node[p]
    return node


def _person_cells(period_figures: Mapping[str, Any]) -> dict[Path, int]:
    """The by-person cells of one period object, with the count each shows."""
    cells: dict[Path, int] = {}
    for path in PERSON_COUNTS:
        value = _get(period_figures, path)
        if isinstance(value, int):
            cells[path] = value
    for name in PERSON_BREAKDOWNS:
        for key, value in (_get(period_figures, (name,)) or {}).items():
            cells[(name, key)] = value
    equality = period_figures.get("equality") or {}
    for characteristic, values in equality.items():
        if isinstance(values, dict) and not _is_pct(values):
            for key, pct in values.items():
                cells[("equality", characteristic, key)] = pct["num"]
    return cells


def _lines(cells: Mapping[CellKey, int]) -> list[list[CellKey]]:
    """Every set of cells whose sum a reader knows."""
    by_breakdown: dict[tuple[str, str, Path], list[CellKey]] = {}
    by_period: dict[tuple[str, Path], list[CellKey]] = {}
    by_group: dict[tuple[str, Path], list[CellKey]] = {}
    for cell in cells:
        group, period, path = cell
        parent = path[:-1]
        if path[0] in PERSON_BREAKDOWNS or (
            path[0] == "equality" and path[1] in ADDITIVE_CHARACTERISTICS
        ):
            # Adds up to `total` / the equality responses, both shown.
            by_breakdown.setdefault((group, period, parent), []).append(cell)
        by_period.setdefault((group, path), []).append(cell)
        # The groups add up to the council's figure, published in the `--by council` edition.
        by_group.setdefault((period, path), []).append(cell)
    period_lines = [line for line in by_period.values() if len(line) == len(PERIOD_LINE)]
    return [*by_breakdown.values(), *period_lines, *by_group.values()]


def _low_base(node: Any, min_den: int) -> Any:
    """A copy with every percentage over fewer than `min_den` records replaced by the marker."""
    if _is_pct(node):
        return LOW_BASE if node["den"] < min_den else dict(node)
    if isinstance(node, Mapping):
        return {k: _low_base(v, min_den) for k, v in node.items()}
    return node


def _set(period_figures: dict[str, Any], path: Path, value: Any) -> None:
    node = period_figures
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value


def suppress_published(
    groups: Mapping[str, Mapping[str, Mapping[str, Any]]], *, threshold: int, min_den: int
) -> dict[str, dict[str, dict[str, Any]]]:
    """The figures.md `groups` object (internal edition) made safe to publish."""
    cells: dict[CellKey, int] = {}
    hidden: dict[CellKey, str] = {}
    for group, periods in groups.items():
        for period, figures in periods.items():
            for path, count in _person_cells(figures).items():
                key: CellKey = (group, period, path)
                cells[key] = count
                value = _get(figures, path)
                if _is_pct(value) and value["den"] < min_den:
                    hidden[key] = LOW_BASE
                elif is_small(count, threshold):
                    hidden[key] = primary_marker(threshold)
    for key in secondary_cells(cells, hidden, _lines(cells)):
        hidden[key] = SECONDARY

    out: dict[str, dict[str, dict[str, Any]]] = {
        # _low_base rebuilds every dict, so the caller's object is left as it was.
        group: {period: _low_base(figures, min_den) for period, figures in periods.items()}
        for group, periods in groups.items()
    }
    for (group, period, path), marker in hidden.items():
        _set(out[group][period], path, marker)
    return out
