"""The goals of issue 10, beside which the report benchmark prints each figure.

A goal may depend on the data size (the annual report page: 1 s up to 100,000 cases, 2 s at
a million); `goal_for` picks the one for a size. Figures are seconds.
"""

from __future__ import annotations

# (measure, label, [(up to this many cases, seconds)]): the first row whose size fits wins.
GOALS: list[tuple[str, str, list[tuple[int, float]]]] = [
    ("load", "load the cases (bulk)", [(10**9, 300.0)]),
    ("recount", "background recount after the load", []),
    ("after_load", "first report after the bulk load", [(10**9, 2.0)]),
    ("after_load_figures", "  its figures JSON (the store's part)", [(10**9, 2.0)]),
    ("first_request", "first request of a new process", [(10**9, 0.5)]),
    ("second_request", "  its second request (the page itself)", []),
    ("start", "  its start, before it (not a goal)", []),
    ("annual_html", "annual report page (HTML)", [(100_000, 1.0), (10**9, 2.0)]),
    ("annual_pdf", "annual report PDF", [(15_000, 5.0), (10**9, 10.0)]),
    ("annual_docx", "annual report DOCX", [(10**9, 3.0)]),
    ("annual_xlsx", "annual report XLSX", [(10**9, 3.0)]),
    ("quarterly", "quarterly dashboard", [(10**9, 0.3)]),
    ("staff_home", "staff home", [(10**9, 0.1)]),
]
# ours must be at least this many times faster than django-helpdesk's report page
HELPDESK_RATIO_GOAL = 10.0


def goal_for(measure: str, cases: int) -> float | None:
    for key, _, steps in GOALS:
        if key == measure:
            return next((seconds for size, seconds in steps if cases <= size), None)
    raise KeyError(measure)


def verdict(seconds: float | None, goal: float | None) -> str:
    """None is a page stopped at the time limit: slower than any goal."""
    if goal is None:
        return ""
    return "met" if seconds is not None and seconds <= goal else "MISSED"
