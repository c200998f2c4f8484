"""The completeness check a report must pass before its published edition is released.

A report is complete when every section has the manager's narrative and every hook finds
nothing unanswered. Hooks are how other parts of the system add their own unfinished
items: the Code's self-assessment registers one naming its unanswered provisions.

    @completeness_hook_register
    def unanswered_provisions(year: str, preset: str) -> list[str]:
        return ["Self-assessment: provision 3.2 not answered", ...] if preset == "code" else []

A hook runs once per report build, so it must read a constant number of queries.
"""

from __future__ import annotations

from collections.abc import Callable

from complaintsdesk.reporting.annual.model import Section

UnansweredHook = Callable[[str, str], list[str]]  # (year, preset) -> items not yet answered
_HOOKS: list[UnansweredHook] = []


def completeness_hook_register(hook: UnansweredHook) -> UnansweredHook:
    """Add a source of unanswered items (idempotent: a hook registered twice runs once)."""
    if hook not in _HOOKS:
        _HOOKS.append(hook)
    return hook


def completeness_hook_remove(hook: UnansweredHook) -> None:
    if hook in _HOOKS:
        _HOOKS.remove(hook)


def report_missing(*, year: str, preset: str, sections: tuple[Section, ...]) -> tuple[str, ...]:
    """What is unfinished, in the report's order: empty sections, then each hook's items."""
    missing = [
        f"Section {s.number}, {s.title}: no narrative written yet"
        for s in sections
        if not s.narrative.strip()
    ]
    for hook in _HOOKS:
        missing += hook(year, preset)
    return tuple(missing)
