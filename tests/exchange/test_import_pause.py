"""The pause columns of stages.csv: optional, carried both ways, checked, and old files still
import (issue 14)."""

import csv
from datetime import date

import pytest

from complaintsdesk.cases.models import Stage
from complaintsdesk.exchange.importer import exchange_import
from complaintsdesk.exchange.writer import exchange_export
from tests.exchange.conftest import write_folder
from tests.exchange.test_import_errors import problems

pytestmark = pytest.mark.django_db
PAUSE = ["paused_from", "paused_to", "pause_reason"]


def com5_stage1() -> Stage:
    return Stage.objects.get(case__reference="COM/5", kind="stage1")


def test_a_file_without_the_pause_columns_still_imports(tmp_path, rows):
    folder = write_folder(tmp_path, rows, drop_columns={"stages.csv": PAUSE})
    header = (folder / "stages.csv").read_text().splitlines()[0]
    assert "paused_from" not in header
    assert exchange_import(path=folder).created["stages.csv"] == 9
    assert com5_stage1().due == date(2024, 5, 28)  # 10 wd from Mon 13 May, over 27 May


def test_a_pause_moves_the_due_date_and_comes_back_out(tmp_path, rows):
    rows["stages.csv"][8].update(
        paused_from="2024-05-15", paused_to="2024-05-21", pause_reason="Advocate arranged"
    )
    exchange_import(path=write_folder(tmp_path / "in", rows))
    stage = com5_stage1()
    assert (stage.paused_from, stage.paused_to) == (date(2024, 5, 15), date(2024, 5, 21))
    assert stage.due == date(2024, 6, 4)  # five working days paused
    exchange_export(directory=tmp_path / "out", today=date(2024, 6, 1))
    with (tmp_path / "out" / "stages.csv").open(encoding="utf-8") as handle:
        exported = [r for r in csv.DictReader(handle) if r["reference"] == "COM/5"]
    assert exported[0]["paused_from"] == "2024-05-15"
    assert exported[0]["pause_reason"] == "Advocate arranged"
    assert exported[0]["due"] == "2024-06-04"


def test_leaving_the_columns_out_keeps_a_pause(tmp_path, rows):
    rows["stages.csv"][8].update(
        paused_from="2024-05-15", paused_to="2024-05-21", pause_reason="Advocate arranged"
    )
    exchange_import(path=write_folder(tmp_path / "a", rows))
    rows["stages.csv"][8]["acknowledged"] = "2024-05-14"
    exchange_import(path=write_folder(tmp_path / "b", rows, drop_columns={"stages.csv": PAUSE}))
    stage = com5_stage1()
    assert stage.paused_from == date(2024, 5, 15) and stage.acknowledged == date(2024, 5, 14)


def test_bad_pauses_are_named_cell_by_cell(tmp_path, rows):
    rows["stages.csv"][8].update(paused_from="2024-05-21", paused_to="2024-05-15")
    rows["stages.csv"][7].update(
        paused_from="2024-04-03", paused_to="2024-04-05", pause_reason="Advocate"
    )
    assert problems(tmp_path, rows) == [
        "stages.csv:9:paused_from: only the children_statutory stage1 clock can pause for advocacy",
        "stages.csv:10:paused_to: 2024-05-15 is before paused_from",
        "stages.csv:10:pause_reason: required when the clock was paused",
    ]
