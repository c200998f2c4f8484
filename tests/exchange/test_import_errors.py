"""Import errors: each message exactly as a person fixing the spreadsheet reads it, every
problem at once, and nothing written when there is any."""

import pytest

from complaintsdesk.cases.models import Case
from complaintsdesk.exchange.errors import ExchangeImportError
from complaintsdesk.exchange.importer import exchange_import
from tests.exchange.conftest import VALID_ROWS, table_counts, write_folder

pytestmark = pytest.mark.django_db


def problems(tmp_path, rows, **options) -> list[str]:
    extra = options.pop("extra_columns", None)
    folder = write_folder(tmp_path / "in", rows, extra_columns=extra)
    with pytest.raises(ExchangeImportError) as refused:
        exchange_import(path=folder, **options)
    return refused.value.lines


def test_the_valid_files_import(tmp_path, rows):
    # The baseline every test below breaks one thing in.
    assert exchange_import(path=write_folder(tmp_path, rows)).created["cases.csv"] == 6


def test_wrong_date(tmp_path, rows):
    rows["stages.csv"][1]["started"] = "15/01/2024"
    rows["cases.csv"][2]["received"] = "2024-02-30"
    assert problems(tmp_path, rows) == [
        "cases.csv:4:received: '2024-02-30' is not a date in the calendar",
        "stages.csv:3:started: '15/01/2024' is not a date: write it as YYYY-MM-DD, e.g. 2024-03-31",
    ]


def test_unknown_vocabulary(tmp_path, rows):
    rows["cases.csv"][0]["procedure"] = "childrens"
    rows["stages.csv"][4]["outcome"] = "resolved"  # an informal outcome, on a stage 1
    rows["equality.csv"][0]["disability"] = "physical;bad back"
    assert problems(tmp_path, rows) == [
        "cases.csv:2:procedure: 'childrens' is not a known procedure: "
        "use one of children_statutory, adults_statutory, corporate",
        "stages.csv:6:outcome: 'resolved' is not an outcome of stage1: "
        "use one of upheld, partly_upheld, not_upheld, withdrawn",
        "equality.csv:2:disability: 'bad back' is not a known disability: use one of physical, "
        "sensory, learning, mental_health, long_term_condition, other, none, prefer_not_to_say",
    ]


def test_stage_out_of_order(tmp_path, rows):
    rows["stages.csv"][1]["started"] = "2024-01-10"  # before the informal response of 12 Jan
    assert problems(tmp_path, rows) == [
        "stages.csv:3:started: 2024-01-10 is before the informal response of 2024-01-12: "
        "a stage starts on or after the previous one's response",
    ]


def test_stage_missing_before_a_later_one(tmp_path, rows):
    del rows["stages.csv"][1]  # COM/1 loses its stage 1: informal escalated, then stage 2
    assert problems(tmp_path, rows) == [
        "stages.csv:2:outcome: "
        "an escalated informal stage must be followed by a stage1 row for COM/1",
        "stages.csv:3:stage: COM/1 has a stage2 but no stage1: "
        "stages run informal (optional), stage1, stage2, stage3",
    ]


def test_stage_the_procedure_lacks(tmp_path, rows):
    rows["stages.csv"].append({"reference": "COM/2", "stage": "stage3", "started": "2024-03-01"})
    assert problems(tmp_path, rows) == [
        "stages.csv:11:stage: COM/2 follows the corporate procedure, which has no stage3",
    ]


def test_informal_followed_by_stage1_is_escalated(tmp_path, rows):
    rows["stages.csv"][0]["outcome"] = "resolved"
    assert problems(tmp_path, rows) == [
        "stages.csv:2:outcome: 'resolved': an informal stage followed by stage1 "
        "has the outcome escalated",
    ]


def test_outcome_when_responded(tmp_path, rows):
    rows["stages.csv"][4]["outcome"] = ""
    rows["stages.csv"][5]["outcome"] = "upheld"
    assert problems(tmp_path, rows) == [
        "stages.csv:6:outcome: required when responded is given",
        "stages.csv:7:responded: required when an outcome is given",
    ]


def test_duplicate_reference(tmp_path, rows):
    rows["cases.csv"].append(dict(rows["cases.csv"][1]))
    rows["stages.csv"].append(dict(rows["stages.csv"][4]))
    assert problems(tmp_path, rows) == [
        "cases.csv:8:reference: COM/2 is already on row 3",
        "stages.csv:11:stage: COM/2 already has a stage1 on row 6",
    ]


def test_unknown_case_reference(tmp_path, rows):
    rows["stages.csv"][8]["reference"] = "COM/999"
    rows["learnings.csv"][1]["reference"] = "COM/998"
    assert problems(tmp_path, rows) == [
        "stages.csv:10:reference: no case COM/999 in cases.csv or the database",
        "learnings.csv:3:reference: no case COM/998 in cases.csv or the database",
    ]


def test_reference_to_a_case_already_in_the_database(tmp_path, rows):
    exchange_import(path=write_folder(tmp_path / "first", rows))
    later = {"stages.csv": [{"reference": "COM/5", "stage": "stage2", "started": "2024-06-03"}]}
    # COM/5's stage 1 (in the database, not the file) has no response yet.
    assert problems(tmp_path, later) == [
        "stages.csv:2:started: stage1 has no responded date, so stage2 cannot have started",
    ]


def test_extension_beyond_the_maximum(tmp_path, rows):
    rows["stages.csv"][1]["extended_to"] = "2024-03-01"
    rows["stages.csv"][0]["extended_to"] = "2024-01-30"  # informal: no extension at all
    assert problems(tmp_path, rows) == [
        "stages.csv:2:extended_to: 2024-01-30 is beyond the maximum: "
        "Informal resolution cannot be extended: it is due on 22 January 2024.",
        "stages.csv:3:extended_to: 2024-03-01 is beyond the maximum: "
        "Stage 1 can be extended to at most 20 working days after it started: "
        "12 February 2024 at the latest.",
    ]


def test_unknown_column(tmp_path, rows):
    rows["cases.csv"][0]["colour"] = "blue"
    assert problems(tmp_path, rows, extra_columns={"cases.csv": ["colour"]}) == [
        "cases.csv:1:colour: unknown column: remove it, or import with --ignore-unknown-columns",
    ]


def test_missing_required_column_and_cell(tmp_path, rows):
    rows["compliments.csv"][0]["received"] = " "
    folder = write_folder(tmp_path, rows, drop_columns={"learnings.csv": ["status"]})
    with pytest.raises(ExchangeImportError) as refused:
        exchange_import(path=folder)
    assert refused.value.lines == [
        "learnings.csv:1:status: required column is missing",
        "compliments.csv:2:received: required, but empty",
    ]


def test_directorate_conflict(tmp_path, rows):
    rows["compliments.csv"][1].update(directorate="Children's Services", service_area="Highways")
    assert problems(tmp_path, rows) == [
        "compliments.csv:3:directorate: service area Highways is in the directorate Place "
        "on cases.csv row 3, not Children's Services",
    ]


def test_money_and_booleans(tmp_path, rows):
    rows["lgsco.csv"][0]["remedy_amount"] = "£500"
    rows["lgsco.csv"][1]["remedy_amount"] = "12.345"
    rows["cases.csv"][0]["via_advocate"] = "perhaps"
    assert problems(tmp_path, rows) == [
        "cases.csv:2:via_advocate: 'perhaps' is not true or false: "
        "write true/false, yes/no, y/n or 1/0",
        "lgsco.csv:2:remedy_amount: '£500' is not an amount of money: "
        "write pounds with up to two decimals and no £ or commas, e.g. 3367.20",
        "lgsco.csv:3:remedy_amount: '12.345' is not an amount of money: "
        "write pounds with up to two decimals and no £ or commas, e.g. 3367.20",
    ]


def test_every_problem_at_once_and_nothing_written(tmp_path, rows):
    exchange_import(path=write_folder(tmp_path / "before", VALID_ROWS))  # data already there
    before = table_counts()
    rows["cases.csv"][0]["summary"] = "Changed, but must not be saved"
    rows["cases.csv"].append({**rows["cases.csv"][1], "reference": "COM/77"})  # a new, valid case
    rows["cases.csv"][2]["received"] = "yesterday"
    rows["stages.csv"][1]["extended_to"] = "2024-03-01"
    rows["lgsco.csv"][0]["reference"] = "COM/404"
    rows["equality.csv"][0]["gender"] = "unknown"

    lines = problems(tmp_path, rows)

    assert [line.split(": ")[0] for line in lines] == [
        "cases.csv:4:received",
        "stages.csv:3:extended_to",
        "lgsco.csv:2:reference",
        "equality.csv:2:gender",
    ]
    assert table_counts() == before  # including the audit trail
    assert not Case.objects.filter(reference="COM/77").exists()
    assert Case.objects.get(reference="COM/1").summary == "Missed visits, twice"


def test_unreadable_sources(tmp_path):
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    (tmp_path / "bad.xlsx").write_bytes(b"not a workbook")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "cases.csv").write_bytes(b"reference,procedure\nCOM/1,\xa3\n")
    (folder / "notes.csv").write_text("a\n1\n")
    for path, expected in (
        (
            tmp_path / "bad.zip",
            "bad.zip:1:-: cannot be read as a .zip file (File is not a zip file)",
        ),
        (tmp_path / "missing", "missing:1:-: no such file or folder"),
        (
            folder,
            "cases.csv:2:procedure: is not UTF-8 text: "
            'save the file as "CSV UTF-8" and import again',
        ),
    ):
        with pytest.raises(ExchangeImportError) as refused:
            exchange_import(path=path)
        assert refused.value.lines == [expected]
    with pytest.raises(ExchangeImportError) as refused:
        exchange_import(path=tmp_path / "bad.xlsx")
    assert refused.value.lines[0].startswith("bad.xlsx:1:-: cannot be read as an .xlsx workbook")

    (folder / "cases.csv").write_text("reference\n")
    with pytest.raises(ExchangeImportError) as refused:
        exchange_import(path=folder)
    assert "notes.csv:1:-: not an exchange file: remove it, or import with " \
           "--ignore-unknown-columns" in refused.value.lines  # fmt: skip
