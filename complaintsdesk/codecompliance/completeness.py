"""What the self-assessment leaves unfinished in the Code's annual report."""

from __future__ import annotations

from complaintsdesk.codecompliance.selectors import provisions_unanswered


def unanswered_provisions(year: str, preset: str) -> list[str]:
    """One line naming the year's unanswered provisions, for the Code report only."""
    if preset != "code":
        return []
    refs = provisions_unanswered(year=year)
    if not refs:
        return []
    return [
        f"Self-assessment against the Code: {len(refs)} provisions not answered ({', '.join(refs)})"
    ]
