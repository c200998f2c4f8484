"""`complaintsdesk import` and `complaintsdesk export`: output and exit status."""

import io
import sys

import pytest
from django.core.management import CommandError, call_command

from complaintsdesk.cli import main
from complaintsdesk.exchange.columns import FILES
from tests.exchange.conftest import folder_bytes, table_counts, write_folder


@pytest.mark.django_db
def test_import_prints_a_summary(tmp_path, rows):
    out = io.StringIO()
    call_command("import", str(write_folder(tmp_path, rows)), stdout=out)
    lines = out.getvalue().splitlines()
    assert "cases.csv: 6 created, 0 updated, 0 unchanged" in lines
    assert "stages.csv: 9 created, 0 updated, 0 unchanged" in lines


@pytest.mark.django_db
def test_import_refused_prints_each_problem_and_exits_1(tmp_path, rows):
    rows["cases.csv"][0]["received"] = "soon"
    rows["cases.csv"][0]["colour"] = "blue"
    folder = write_folder(tmp_path, rows, extra_columns={"cases.csv": ["colour"]})
    before, err = table_counts(), io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import", str(folder), stderr=err)
    assert refused.value.returncode == 1
    assert err.getvalue().splitlines() == [
        "cases.csv:1:colour: unknown column: remove it, or import with --ignore-unknown-columns",
        "cases.csv:2:received: 'soon' is not a date: write it as YYYY-MM-DD, e.g. 2024-03-31",
    ]
    assert table_counts() == before
    # The same files import once told to ignore the extra column (the date fixed).
    rows["cases.csv"][0]["received"] = "2024-01-08"
    folder = write_folder(tmp_path, rows, extra_columns={"cases.csv": ["colour"]})
    call_command("import", str(folder), "--ignore-unknown-columns", stdout=io.StringIO())


@pytest.mark.django_db
def test_export_writes_every_file(tmp_path, varied_database):
    out = io.StringIO()
    call_command("export", str(tmp_path / "out"), "--today", "2024-12-02", stdout=out)
    assert sorted(folder_bytes(tmp_path / "out")) == sorted(FILES)
    # The six files and the optional recommendations file, which this database has rows for.
    assert out.getvalue().strip() == f"wrote 7 files to {tmp_path / 'out'}"
    with pytest.raises(CommandError) as refused:
        call_command("export", str(tmp_path / "x"), "--today", "02/12/2024")
    assert refused.value.returncode == 2


# Transactional: run_from_argv closes the connection after each command, which would
# break the wrapping transaction of an ordinary database test on PostgreSQL.
@pytest.mark.django_db(transaction=True)
def test_console_script_exit_status(tmp_path, rows, monkeypatch, capsys):
    """Through `complaintsdesk.cli.main`, as the console script runs: 1 refused, 0 imported."""

    def run(*args: str) -> int:
        monkeypatch.setattr(sys, "argv", ["complaintsdesk", *args])
        try:
            main()
        except SystemExit as exit:
            return int(exit.code or 0)
        return 0

    bad = {**rows, "lgsco.csv": [{**rows["lgsco.csv"][0], "remedy_amount": "£5"}]}
    assert run("import", str(write_folder(tmp_path / "bad", bad))) == 1
    refused = capsys.readouterr()
    assert refused.err.splitlines()[0].startswith("lgsco.csv:2:remedy_amount: '£5' is not")
    assert refused.out == ""

    assert run("import", str(write_folder(tmp_path / "good", rows))) == 0
    imported = capsys.readouterr()
    assert "cases.csv: 6 created, 0 updated, 0 unchanged" in imported.out
    assert imported.err == ""  # no progress bar when stderr is not a terminal

    assert run("export", str(tmp_path / "out"), "--today", "2024-12-02") == 0
    assert (tmp_path / "out" / "stages.csv").read_text().count("\n") == 10
    assert run("export", str(tmp_path / "out"), "--today", "tomorrow") == 2


@pytest.mark.django_db
def test_import_counts_the_figures_so_the_first_report_reads_them(tmp_path, rows):
    from complaintsdesk.reporting.figures import COUNTING
    from complaintsdesk.reporting.models import TallyMonth

    out = io.StringIO()
    call_command("import", str(write_folder(tmp_path, rows)), stdout=out)
    assert "Figures counted:" in out.getvalue()
    signature = COUNTING.signature()
    months = TallyMonth.objects.all()
    assert months.exists()
    assert all(m.counted == m.changes and m.signature == signature for m in months)


@pytest.mark.django_db
def test_an_imported_change_to_a_compliment_refuses_an_edit_begun_before(tmp_path, rows):
    from complaintsdesk.cases.models import Compliment

    call_command("import", str(write_folder(tmp_path / "a", rows)), stdout=io.StringIO())
    key = rows["compliments.csv"][0]["id"]
    assert Compliment.objects.get(key=key).version == 1
    rows["compliments.csv"][0]["summary"] = "Corrected in the spreadsheet"
    call_command("import", str(write_folder(tmp_path / "b", rows)), stdout=io.StringIO())
    assert Compliment.objects.get(key=key).version == 2
