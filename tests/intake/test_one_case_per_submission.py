"""A public journey sent twice, or three times at once, makes one case and one confirmation.

The journey's session holds a submission token; the database holds each token once. A
repeated "Send" finds the case the first one made, in this process or any other.
"""

import threading

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from complaintsdesk.cases.models import Case, Compliment
from complaintsdesk.intake.models import Submission
from tests.intake.support import answer, complaint_for_child

CHECK = "/public/complaint/check/"
DONE = "/public/complaint/sent/"


def _reference_shown(client: Client) -> str:
    page = client.get(DONE).content.decode()
    return page.split('data-testid="reference">')[1].split("<")[0]


@pytest.mark.django_db
def test_sending_again_shows_the_same_confirmation(client, org, now):
    first = complaint_for_child(client, org["children"])
    reference = _reference_shown(client)

    again = client.post(CHECK, {})

    assert (first.status_code, first["Location"]) == (302, DONE)
    assert (again.status_code, again["Location"]) == (302, DONE)
    assert _reference_shown(client) == reference
    assert Case.objects.count() == 1
    assert Submission.objects.get().confirmation["reference"] == reference


@pytest.mark.django_db
def test_a_send_that_read_the_answers_before_the_first_finished_finds_its_case(client, org, now):
    # The race made deterministic: the second request loaded the session (answers and
    # token) before the first one cleared it, then sends after the first one committed.
    complaint_for_child(client, org["children"], send=False)
    stale = dict(client.session.items())
    client.post(CHECK, {})
    reference = _reference_shown(client)
    session = client.session
    session.clear()
    session.update(stale)
    session.save()

    again = client.post(CHECK, {})

    assert (again.status_code, again["Location"]) == (302, DONE)
    assert _reference_shown(client) == reference
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_a_new_journey_after_sending_is_a_new_submission(client, org, now):
    complaint_for_child(client, org["children"])
    complaint_for_child(client, org["fostering"])
    assert Case.objects.count() == Submission.objects.count() == 2


@pytest.mark.django_db
def test_a_compliment_sent_twice_is_kept_once(client, org, now):
    answer(client, "compliment", "service", {"service_area": org["children"].pk})
    answer(client, "compliment", "compliment", {"summary": "The social worker listened."})
    for _ in range(2):
        response = client.post("/public/compliment/check/", {})
        assert (response.status_code, response["Location"]) == (302, "/public/compliment/sent/")
    assert Compliment.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_three_concurrent_sends_make_one_case(client, org, now):
    complaint_for_child(client, org["children"], send=False)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    start = threading.Barrier(3)
    responses: list = [None] * 3

    def send(i: int) -> None:
        browser = Client()  # a separate request, thread and database connection each
        browser.cookies[settings.SESSION_COOKIE_NAME] = cookie
        try:
            start.wait(10)
            responses[i] = browser.post(CHECK, {})
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert [(r.status_code, r["Location"]) for r in responses] == [(302, DONE)] * 3
    assert Case.objects.count() == 1
    reference = Case.objects.get().reference
    assert _reference_shown(client) == reference
