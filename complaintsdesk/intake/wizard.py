"""A journey's answers and pending uploads, kept in the (server-side, database) session.

Each journey also holds a submission token, made with its first answer and sent with its
answers: the database keeps each token once, so the journey makes one case however many
times it is sent (intake.submissions.journey_submit_once).
"""

import secrets
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
        self.token: str = data.get("token") or secrets.token_hex(16)
        self.token_saved = "token" in data

    def save(self) -> None:
        store = dict(self.session.get(SESSION_KEY, {}))
        store[self.slug] = {
            "answers": self.answers,
            "uploads": [u.as_session() for u in self.uploads],
            "token": self.token,
        }
        self.session[SESSION_KEY] = store
        self.token_saved = True

    def clear(self) -> None:
        store = dict(self.session.get(SESSION_KEY, {}))
        store.pop(self.slug, None)
        self.session[SESSION_KEY] = store
