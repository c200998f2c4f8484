"""The anonymous public forms (equality monitoring, feedback) and a complaint's first step, as
an attacker sends them: every field of the page's own form made hostile in turn, a hostile
directorate in the address, then past the rate limit. No 5xx; a refusal stores nothing."""

from datetime import date

import pytest
from django.test import Client

from complaintsdesk.cases.models import Case, EqualityResponse, FeedbackResponse
from tests.casework.conftest import build_world
from tests.hardening.sweeper import HUGE, post_bodies

pytestmark = pytest.mark.django_db
PAGES = ("/public/equality/", "/public/feedback/", "/public/complaint/service/")
DIRECTORATES = ("", "0", "-1", str(HUGE), "x", "%C2%B2", "2026-02-30")


def _stored() -> tuple[int, int, int]:
    return (
        EqualityResponse.objects.count(),
        FeedbackResponse.objects.count(),
        Case.objects.count(),
    )


@pytest.mark.parametrize("page", PAGES)
def test_hostile_answers_are_refused_or_kept_as_text(page):
    world = build_world()
    client = Client(raise_request_exception=False)
    form = client.get(f"{page}?directorate={world.directorate.pk}")
    assert form.status_code == 200
    bodies = post_bodies(form.content.decode(), date(2025, 6, 10))
    assert len(bodies) > 3  # the page's form was read: not only the fallback body
    for directorate in DIRECTORATES:
        for how, body in bodies.items():
            before = _stored()
            response = client.post(f"{page}?directorate={directorate}", body)
            assert response.status_code < 500, (directorate, how)
            if response.status_code != 302:
                assert _stored() == before, (directorate, how)


@pytest.mark.parametrize("page", PAGES)
def test_past_the_rate_limit_nothing_is_stored(page, settings):
    build_world()
    settings.INTAKE = {**settings.INTAKE, "RATE_LIMIT_POSTS": 2, "RATE_LIMIT_SUBMISSIONS": 2}
    client = Client(raise_request_exception=False)
    for _ in range(2):
        client.post(page, {"website": "x" * 5000})
    before = _stored()
    response = client.post(page, {"gender": "female", "satisfaction": "satisfied"})
    assert response.status_code == 429
    assert _stored() == before
