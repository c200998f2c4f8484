"""After a bulk load outside `complaintsdesk import`, the background refresh counts the months
the triggers marked, so the next report reads the store instead of counting them."""

from __future__ import annotations

import importlib
import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.management import call_command

from complaintsdesk.cases.models import Stage
from complaintsdesk.reminders.locks import lock_acquire
from complaintsdesk.reporting import tally_store
from complaintsdesk.reporting.figures import COUNTING
from complaintsdesk.reporting.models import TallyMonth
from complaintsdesk.reporting.tally import STORED_SOURCES
from complaintsdesk.reporting.tally_refresh import LOCK_NAME, tally_marked, tally_refresh
from complaintsdesk.reporting.tasks import tally_refresh_task
from config.schedule import SCHEDULE
from tests.reporting.test_counting import make_awkward_data
from tests.reporting.test_tally_store import _assert_stored_equals_fresh


def _marked() -> int:
    return TallyMonth.objects.filter(tally_marked(COUNTING)).count()


@pytest.fixture
def counted_months(monkeypatch: pytest.MonkeyPatch) -> list[date]:
    """Every month anyone counts from the stored record types' rows from here on (the few
    record types counted at each read are not stored, so never refreshed)."""
    counted: list[date] = []
    real = tally_store.count_months

    def spy(counting: Any, source: Any, date_field: str, spans: Any) -> Any:
        if source in STORED_SOURCES:
            counted.extend(start for start, _ in spans)
        return real(counting, source, date_field, spans)

    monkeypatch.setattr(tally_store, "count_months", spy)
    return counted


@pytest.fixture
def bulk_loaded(db: Any) -> None:
    """Rows written in bulk with the triggers on: every month they touch is marked."""
    make_awkward_data(31, n_cases=80)
    assert _marked() > 0


def test_the_refresh_counts_every_marked_month_so_the_next_report_counts_none(
    bulk_loaded: None, counted_months: list[date]
) -> None:
    report = tally_refresh(COUNTING)
    assert report.marked > 0 and report.left == 0 and not report.locked_out
    assert _marked() == 0
    counted_months.clear()
    _assert_stored_equals_fresh()  # every report the tests know, against the records
    assert counted_months == []


def test_a_second_refresh_counts_nothing(bulk_loaded: None, counted_months: list[date]) -> None:
    tally_refresh(COUNTING)
    counted_months.clear()
    assert tally_refresh(COUNTING).marked == 0
    assert counted_months == []


def test_a_refresh_counts_only_what_was_written_since(
    bulk_loaded: None, counted_months: list[date]
) -> None:
    tally_refresh(COUNTING)
    stage = Stage.objects.filter(kind="stage1").order_by("id").first()
    assert stage is not None
    Stage.objects.filter(pk=stage.pk).update(outcome="upheld")
    counted_months.clear()
    report = tally_refresh(COUNTING)
    # The stage's months only (started, responded, the latest of started and due, ...).
    assert 1 <= report.marked <= 4 and report.left == 0
    assert len(counted_months) <= report.marked
    _assert_stored_equals_fresh()


def test_months_counted_under_other_definitions_are_counted_again(
    bulk_loaded: None, counted_months: list[date]
) -> None:
    tally_refresh(COUNTING)
    TallyMonth.objects.update(signature="an older release")
    counted_months.clear()
    assert tally_refresh(COUNTING).marked == TallyMonth.objects.count()
    assert counted_months and _marked() == 0


def test_a_refresh_while_another_runs_counts_nothing(
    bulk_loaded: None, counted_months: list[date]
) -> None:
    assert lock_acquire(name=LOCK_NAME, stale_after=timedelta(hours=1))
    report = tally_refresh(COUNTING)
    assert report.locked_out and report.left == report.marked > 0
    assert counted_months == [] and _marked() == report.marked


def test_a_dry_run_counts_nothing(bulk_loaded: None, counted_months: list[date]) -> None:
    before = _marked()
    out = io.StringIO()
    call_command("report", "refresh", "--dry-run", stdout=out)
    assert out.getvalue() == f"{before} monthly tallies marked changed; none counted.\n"
    assert counted_months == [] and _marked() == before


def test_the_scheduled_command_queues_the_task_and_the_worker_counts(bulk_loaded: None) -> None:
    # The test settings' task backend runs a task as it is queued, as the worker would.
    out = io.StringIO()
    call_command("report", "refresh", stdout=out)
    assert out.getvalue().startswith("Refresh of the stored figures queued")
    assert _marked() == 0


@pytest.mark.django_db
def test_the_scheduled_command_queues_nothing_when_nothing_is_marked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class NoQueue:
        @staticmethod
        def enqueue() -> None:
            raise AssertionError("a task was queued with nothing to count")

    command = importlib.import_module("complaintsdesk.reporting.management.commands.report")
    monkeypatch.setattr(command, "tally_refresh_task", NoQueue)
    out = io.StringIO()
    call_command("report", "refresh", stdout=out)
    assert out.getvalue() == "No monthly tallies marked changed; nothing queued.\n"


def test_the_task_says_what_it_counted(bulk_loaded: None) -> None:
    before = _marked()
    result = tally_refresh_task.enqueue()
    assert result.return_value == {"marked": before, "left": 0, "locked_out": False}


def test_now_counts_in_the_command_itself(bulk_loaded: None) -> None:
    before = _marked()
    out = io.StringIO()
    call_command("report", "refresh", "--now", stdout=out)
    assert out.getvalue() == f"{before} of {before} marked months counted.\n"


def test_the_refresh_is_scheduled() -> None:
    assert any(command == "complaintsdesk report refresh" for command, _ in SCHEDULE)
