"""Collect a case's timeline from every registered source, oldest first."""

from typing import Any

from complaintsdesk.timeline import sources as _built_in  # noqa: F401  (registers them)
from complaintsdesk.timeline.registry import TimelineEntry, timeline_sources


def case_timeline(*, case: Any, detail: Any) -> list[TimelineEntry]:
    """Every entry for `case`, in the order things happened.

    `detail` is the case page's CaseDetail (stages, notes, documents, Ombudsman cases), which
    the built-in sources read rather than querying again.
    """
    entries = [entry for source in timeline_sources().values() for entry in source(case, detail)]
    return sorted(entries, key=TimelineEntry.sort_key)
