"""The report builders run a constant number of queries whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaintsdesk.cases.models import (
    Case,
    Compliment,
    Directorate,
    EqualityResponse,
    Learning,
    LgscoCase,
    ServiceArea,
    Stage,
    Team,
)
from complaintsdesk.reporting.annual.build import annual_report_build, quarterly_build
from tests.reporting_docs.data import build_world

pytestmark = pytest.mark.django_db


def _wipe() -> None:
    for model in (
        Stage,
        LgscoCase,
        Learning,
        Compliment,
        EqualityResponse,
        Case,
        Team,
        ServiceArea,
        Directorate,
    ):
        model.objects.all().delete()


def _queries(build, **kwargs) -> int:
    with CaptureQueriesContext(connection) as ctx:
        build(**kwargs)
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("build", "kwargs"),
    [
        (annual_report_build, {"year": "2023-24", "edition": "internal"}),
        (annual_report_build, {"year": "2023-24", "edition": "published"}),
        (
            annual_report_build,
            {"year": "2023-24", "edition": "internal", "directorate": "Children's Services"},
        ),
        (quarterly_build, {"year": "2023-24", "quarter": "Q3", "edition": "internal"}),
    ],
)
def test_query_count_does_not_grow_with_the_data(build, kwargs):
    build_world(scale=1)
    small = _queries(build, **kwargs)
    _wipe()
    build_world(scale=8)  # eight times the cases, stages and learning
    large = _queries(build, **kwargs)
    assert Stage.objects.count() > 300
    assert small == large
    assert large <= 16
