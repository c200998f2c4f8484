"""A young person's complaint asking for an advocate can be read by staff (it used to crash)."""

import pytest
from django.test import Client

from tests.casework.conftest import build_world
from tests.hardening.dataset import young_person

ASKED = "The young person asked for an advocate to help them (public form)."


@pytest.mark.django_db
def test_the_case_page_shows_the_young_persons_request_for_an_advocate():
    world = build_world()
    reference = young_person(wants_advocate=True)
    client = Client()
    client.force_login(world.users["officer"])

    response = client.get(f"/cases/{reference}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert ASKED in page
    # The note was written by the public form, not by a member of staff.
    assert "– system</p>" in page
