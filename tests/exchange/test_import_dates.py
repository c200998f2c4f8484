"""Dates in the future: something that happened cannot have happened after today; a date
planned ahead (a due date, an agreed extension) may be ahead, but not by a mistyped year."""

from datetime import date

import pytest
import time_machine

from complaintsdesk.exchange.errors import ExchangeImportError
from complaintsdesk.exchange.importer import exchange_import
from tests.exchange.conftest import table_counts, write_folder

pytestmark = pytest.mark.django_db

TODAY = date(2024, 12, 2)
AFTER = "is after today, 2024-12-02: it records something that happened, so it cannot be in " \
        "the future"  # fmt: skip


def refused(tmp_path, rows, **options) -> list[str]:
    before = table_counts()
    with pytest.raises(ExchangeImportError) as error:
        exchange_import(path=write_folder(tmp_path / "in", rows), **options)
    assert table_counts() == before
    return error.value.lines


def test_a_date_something_happened_is_refused_after_today(tmp_path, rows):
    rows["cases.csv"][0]["received"] = "9999-12-31"  # the import
    rows["cases.csv"][1]["received"] = "2024-12-03"  # tomorrow
    rows["stages.csv"][6]["responded"] = "2025-01-06"
    rows["lgsco.csv"][0]["decided"] = "2030-01-01"
    rows["learnings.csv"][0]["completed"] = "2025-02-28"
    rows["compliments.csv"][0]["received"] = "2025-01-20"
    rows["equality.csv"][0]["received"] = "2025-01-25"
    assert refused(tmp_path, rows, today=TODAY) == [
        f"cases.csv:2:received: 9999-12-31 {AFTER}",
        f"cases.csv:3:received: 2024-12-03 {AFTER}",
        f"stages.csv:8:responded: 2025-01-06 {AFTER}",
        f"lgsco.csv:2:decided: 2030-01-01 {AFTER}",
        f"learnings.csv:2:completed: 2025-02-28 {AFTER}",
        f"compliments.csv:2:received: 2025-01-20 {AFTER}",
        f"equality.csv:2:received: 2025-01-25 {AFTER}",
    ]


def test_today_itself_is_fine(tmp_path, rows):
    rows["compliments.csv"][0]["received"] = "2024-12-02"
    assert exchange_import(path=write_folder(tmp_path, rows), today=TODAY).created


def test_a_planned_date_may_be_ahead_but_not_by_a_mistyped_year(tmp_path, rows):
    rows["stages.csv"][7]["extended_to"] = "2025-03-31"  # COM/4, adults: any date agreed
    rows["lgsco.csv"][0]["compliance_due"] = "2025-01-15"
    rows["learnings.csv"][1]["due"] = "2025-06-30"
    assert exchange_import(path=write_folder(tmp_path / "ok", rows), today=TODAY).created

    rows["stages.csv"][7]["extended_to"] = "9999-12-31"
    rows["learnings.csv"][1]["due"] = "2035-01-01"
    assert refused(tmp_path, rows, today=TODAY) == [
        "stages.csv:9:extended_to: 9999-12-31 is more than 10 years ahead: check the year",
        "learnings.csv:3:due: 2035-01-01 is more than 10 years ahead: check the year",
    ]


@time_machine.travel(date(2024, 6, 1), tick=False)
def test_today_is_the_councils_today_unless_given(tmp_path, rows):
    # COM/10 was received on 3 June 2024: two days after this import runs.
    lines = refused(tmp_path, rows)
    assert "cases.csv:7:received: 2024-06-03 is after today, 2024-06-01" in lines[0]
