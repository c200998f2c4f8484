"""A journey's answers and pending uploads, kept in the (server-side, database) session."""

from typing import Any

from django.http import HttpRequest

from complaintsdesk.intake.journeys import Answers, Journey
from complaintsdesk.intake.uploads import PendingUpload

SESSION_KEY = "intake"
DONE_KEY = "intake_done"


class JourneyState:
    def __init__(self, request: HttpRequest, journey: Journey) -> None:
        self.session = request.session
        self.slug = journey.slug
        data: dict[str, Any] = self.session.get(SESSION_KEY, {}).get(self.slug, {})
        self.answers: Answers = dict(data.get("answers", {}))
        self.uploads: list[PendingUpload] = [
            PendingUpload.from_session(u) for u in data.get("uploads", [])
        ]

    def save(self) -> None:
        store = dict(self.session.get(SESSION_KEY, {}))
        store[self.slug] = {
            "answers": self.answers,
            "uploads": [u.as_session() for u in self.uploads],
        }
        self.session[SESSION_KEY] = store

    def clear(self) -> None:
        store = dict(self.session.get(SESSION_KEY, {}))
        store.pop(self.slug, None)
        self.session[SESSION_KEY] = store
