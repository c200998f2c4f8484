"""Letters and emails on the case's timeline: each one kept on the case, linked to itself."""

from collections.abc import Iterable
from typing import Any

from complaintsdesk.correspondence.selectors import correspondence_timeline_entries
from complaintsdesk.timeline.registry import TimelineEntry, entry_at, timeline_source


@timeline_source("correspondence")
def correspondence_entries(case: Any, detail: Any) -> Iterable[TimelineEntry]:
    for at, _kind, summary, link in correspondence_timeline_entries(case):
        yield entry_at(at, category="correspondence", title=summary, url=link)
