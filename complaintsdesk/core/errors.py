"""Errors a service raises with a message fit to show the person who asked."""

from datetime import date


class ServiceError(ValueError):
    """A refused action: nothing was written; the message says why."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class StaleEditError(ServiceError):
    """Someone else saved the case after this person loaded it."""

    def __init__(self, message: str, *, changes: list[str]) -> None:
        super().__init__(message)
        self.changes = changes


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class CaseAnonymisedError(ServiceError):
    """A write to a case that retention or erasure anonymised: such a case is read-only.

    Raised by the cases app's one write guard (`cases/writable.py`: every `@case_write`
    service, and `case_lock`); the staff pages answer 409 with the message, the API 409 in
    JSON.
    """

    def __init__(self, on: date) -> None:
        month = _MONTHS[on.month - 1]  # not %B: that follows the process locale
        super().__init__(
            f"This case was anonymised on {on.day} {month} {on.year}; it can no longer be changed."
        )
        self.on = on
