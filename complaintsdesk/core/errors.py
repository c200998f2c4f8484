"""Errors a service raises with a message fit to show the person who asked."""


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
