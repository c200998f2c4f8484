"""The benchmarks' bulk load leaves the store as a load with the triggers on would: the same
months marked, and the background refresh then makes the stored figures exact."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import F

from bench.bulk_load import load
from complaintsdesk.cases.models import Case, Stage
from complaintsdesk.reporting.figures import COUNTING
from complaintsdesk.reporting.models import TallyMonth
from complaintsdesk.reporting.tally_refresh import tally_marked, tally_refresh
from tests.reporting.test_tally_store import _assert_stored_equals_fresh


def _marked_months() -> set[tuple[str, str, Any]]:
    return set(
        TallyMonth.objects.filter(changes__gt=0).values_list("source", "date_field", "month")
    )


@pytest.mark.django_db
def test_the_bulk_load_marks_the_months_the_triggers_would() -> None:
    written = load(connection, 400, last_year=2024, owner_id=None)
    assert written["cases"] == 400 and written["stages"] >= 400
    by_bulk_load = _marked_months()
    TallyMonth.objects.all().delete()
    # Every row written again through the triggers: each marks the months of its dates.
    Stage.objects.update(kind=F("kind"))
    Case.objects.update(theme=F("theme"))
    assert by_bulk_load == _marked_months()


@pytest.mark.django_db
def test_after_the_bulk_load_the_refresh_makes_the_stored_figures_exact() -> None:
    load(connection, 400, last_year=2024, owner_id=None)
    assert TallyMonth.objects.filter(tally_marked(COUNTING)).exists()
    tally_refresh(COUNTING)
    assert not TallyMonth.objects.filter(tally_marked(COUNTING)).exists()
    _assert_stored_equals_fresh()
