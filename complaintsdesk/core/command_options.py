"""Options the scheduled commands share."""

from datetime import date

from django.core.management.base import CommandError


def today_option(value: str) -> date:
    """`--today DATE`: the day a scheduled job runs as, so a missed run can be replayed."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today must be a date like 2025-03-31, not {value!r}") from None
