"""The letters-and-emails page reads a case's correspondence in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaintsdesk.correspondence.models import Correspondence

pytestmark = pytest.mark.django_db


def queries_for_listing(world, client, n: int) -> int:
    Correspondence.objects.all().delete()
    Correspondence.objects.bulk_create(
        Correspondence(
            case=world.case_a, direction="out" if i % 2 else "in", kind="holding", via="pdf",
            at=timezone.now(), by=world.users["officer"], subject=f"Letter {i}", body="Dear Alex",
        )
        for i in range(n)
    )  # fmt: skip
    url = reverse("correspondence:list", args=[world.case_a.reference])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200 and f"Letter {n - 1}" in response.content.decode()
    return len(captured)


def test_listing_query_count_does_not_grow_with_the_letters(world, client_for):
    client = client_for("officer")
    client.get("/")  # sessions, the calendar: warmed as a running server has them
    few, many = queries_for_listing(world, client, 2), queries_for_listing(world, client, 60)
    assert few == many
    assert many == 7, many  # measured: the same for 2 letters or 60
