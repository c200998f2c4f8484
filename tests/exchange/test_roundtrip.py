"""Export and import: lossless round trip, the three sources agree, re-import is idempotent."""

import csv
from datetime import date
from pathlib import Path

import pytest

from complaintsdesk.cases.models import Case, LgscoCase, Stage
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.exchange.columns import COMPUTED, FILES
from complaintsdesk.exchange.importer import exchange_import
from complaintsdesk.exchange.writer import exchange_export
from tests.exchange.conftest import (
    CSC,
    database_empty,
    folder_bytes,
    table_counts,
    write_folder,
    write_xlsx,
    write_zip,
)

pytestmark = pytest.mark.django_db
TODAY = date(2024, 12, 2)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_round_trip_is_byte_identical(varied_database, tmp_path):
    exchange_export(directory=tmp_path / "first", today=TODAY)
    database_empty()
    exchange_import(path=tmp_path / "first")
    exchange_export(directory=tmp_path / "second", today=TODAY)

    first, second = folder_bytes(tmp_path / "first"), folder_bytes(tmp_path / "second")
    assert sorted(first) == sorted(FILES)
    assert first == second
    # Not vacuous: every file has records, and the awkward text survived.
    assert all(b.count(b"\n") > 1 for b in first.values())
    assert b'"Line one, ""quoted""\nline two' in first["cases.csv"]
    assert b",  spaces kept  ," in first["cases.csv"]


def test_export_columns_and_cells(varied_database, tmp_path):
    exchange_export(directory=tmp_path, today=TODAY)
    for name, columns in FILES.items():
        with (tmp_path / name).open(encoding="utf-8") as handle:
            header = handle.readline().rstrip("\n").split(",")
        assert header == [c.name for c in columns] + list(COMPUTED.get(name, ()))

    cases = {r["reference"]: r for r in read_csv(tmp_path / "cases.csv")}
    assert list(cases) == ["ADU/2", "COM/9", "COM/10", "COM/11", "COM/100"]  # natural order
    assert cases["COM/9"]["linked"] == "COM/10;COM/11"
    assert cases["COM/10"]["linked"] == "COM/9"
    assert cases["COM/9"]["restricted"] == "true"
    assert cases["COM/9"]["care_leaver"] == "false"
    assert cases["COM/100"]["child_in_care"] == ""  # not recorded
    assert cases["COM/9"]["directorate"] == "Children's Services"

    stages = read_csv(tmp_path / "stages.csv")
    assert [(s["reference"], s["stage"]) for s in stages][1:5] == [
        ("COM/9", "informal"), ("COM/9", "stage1"), ("COM/9", "stage2"), ("COM/9", "stage3"),
    ]  # fmt: skip
    stage2 = stages[3]
    assert stage2["investigating_officer_cost"] == "3367.20"
    assert stage2["independent_person_cost"] == "1000.00"
    assert stage2["additional_cost"] == "0.50"
    equality = read_csv(tmp_path / "equality.csv")
    assert equality[0]["disability"] == "sensory;long_term_condition"
    assert equality[1]["gender"] == ""


def test_export_computed_columns(varied_database, tmp_path):
    exchange_export(directory=tmp_path, today=TODAY)
    stages = {(s["reference"], s["stage"]): s for s in read_csv(tmp_path / "stages.csv")}
    # Extended to Fri 26 Jan 2024, answered Mon 29 Jan: late. Started Tue 2 Jan: day 19.
    late = stages[("COM/9", "stage1")]
    assert (late["due"], late["working_days_taken"], late["overdue"]) == (
        "2024-01-26",
        "19",
        "true",
    )
    # Corporate: extended to 1 May, answered 30 April: on time; counted from acknowledgement.
    on_time = stages[("COM/10", "stage1")]
    assert (on_time["due"], on_time["overdue"]) == ("2024-05-01", "false")
    # Open stage 3, panel sat Mon 20 May 2024: due 20 working days later, long before TODAY.
    open_late = stages[("COM/9", "stage3")]
    assert (open_late["due"], open_late["working_days_taken"], open_late["overdue"]) == (
        "2024-06-18", "", "true",
    )  # fmt: skip
    # Open, due after TODAY: overdue is empty.
    open_in_time = stages[("COM/100", "stage1")]
    assert (open_in_time["due"], open_in_time["overdue"]) == ("2025-06-30", "")


def test_folder_zip_and_xlsx_give_the_same_records(db, rows, tmp_path):
    folder = write_folder(tmp_path / "folder", rows)
    sources = {
        "folder": folder,
        "zip": write_zip(tmp_path / "exchange.zip", folder),
        "xlsx": write_xlsx(tmp_path / "exchange.xlsx", rows),
    }
    exports = {}
    for name, path in sources.items():
        database_empty()
        result = exchange_import(path=path)
        assert result.created["cases.csv"] == 6
        exchange_export(directory=tmp_path / f"out-{name}", today=TODAY)
        exports[name] = folder_bytes(tmp_path / f"out-{name}")
    assert exports["folder"] == exports["zip"] == exports["xlsx"]


def test_reimport_is_idempotent(db, rows, tmp_path):
    folder = write_folder(tmp_path / "in", rows)
    first = exchange_import(path=folder)
    counts = table_counts()
    ids = set(Case.objects.values_list("pk", flat=True))

    second = exchange_import(path=folder)

    after = table_counts()
    assert after.pop("core.AuditEvent") == counts.pop("core.AuditEvent") + 1  # the summary event
    assert after == counts
    assert set(Case.objects.values_list("pk", flat=True)) == ids
    assert sum(second.created.values()) == sum(second.updated.values()) == 0
    assert second.unchanged == {name: len(records) for name, records in rows.items()}
    assert first.created["stages.csv"] == 9


def test_reimport_updates_in_place(db, rows, tmp_path):
    exchange_import(path=write_folder(tmp_path / "one", rows))
    case = Case.objects.get(reference="COM/5")
    stage = Stage.objects.get(case=case, kind="stage1")
    assert (case.status, case.current_stage, case.current_due) == ("open", "stage1", stage.due)

    rows["stages.csv"][8].update(responded="2024-05-24", outcome="upheld")
    rows["cases.csv"][4]["summary"] = "Personal details that must not reach the audit trail"
    rows["cases.csv"][5]["linked"] = "COM/1"  # COM/10 no longer linked to COM/2
    rows["cases.csv"][1]["team"] = "Potholes"
    rows["lgsco.csv"][1].update(**CSC, remedy_amount="10.5")
    result = exchange_import(path=write_folder(tmp_path / "two", rows))

    assert result.updated["stages.csv"] == 1 and result.updated["cases.csv"] == 3  # 2, 5, 10
    assert result.created["teams"] == 1 and result.updated["lgsco.csv"] == 1
    com2 = Case.objects.get(reference="COM/2")
    assert (com2.team.name, com2.team.service_area.name) == ("Potholes", "Highways")
    assert list(com2.linked.all()) == []
    assert list(
        Case.objects.get(reference="COM/10").linked.values_list("reference", flat=True)
    ) == ["COM/1"]
    assert (
        LgscoCase.objects.get(lgsco_reference="23001234").service_area.name == CSC["service_area"]
    )
    case.refresh_from_db()
    stage.refresh_from_db()
    assert (case.status, case.current_due, case.version) == ("closed", None, 2)
    assert (stage.responded, stage.outcome, stage.working_days_taken) == (
        date(2024, 5, 24), "upheld", 9,
    )  # fmt: skip
    events = AuditEvent.objects.filter(kind="exchange.record_imported", case_reference="COM/5")
    updated = [e.payload for e in events if e.payload["action"] == "updated"]
    assert {"action": "updated", "file": "cases.csv",
            "fields": ["current_due", "status", "summary"]} in updated  # fmt: skip
    assert {"action": "updated", "file": "stages.csv", "stage": "stage1",
            "fields": ["outcome", "responded", "working_days_taken"]} in updated  # fmt: skip
    assert not any("Personal details" in str(e.payload) for e in AuditEvent.objects.all())


def test_import_computes_deadlines_summaries_links_and_audits(db, rows, tmp_path):
    result = exchange_import(path=write_folder(tmp_path, rows))

    com1 = Case.objects.get(reference="COM/1")
    assert (com1.status, com1.current_stage, com1.current_due) == ("closed", "stage3", None)
    linked = {c.reference: sorted(c.linked.values_list("reference", flat=True))
              for c in Case.objects.all()}  # fmt: skip
    # COM/10 lists COM/1 and COM/2; a link holds both ways.
    assert linked["COM/1"] == ["COM/10"] and linked["COM/2"] == ["COM/10"]
    assert linked["COM/10"] == ["COM/1", "COM/2"] and linked["COM/3"] == []
    stage1 = Stage.objects.get(case=com1, kind="stage1")
    # Extended to Mon 5 Feb 2024 (within 20 working days of Mon 15 Jan); answered Fri 2 Feb.
    assert (stage1.due, stage1.working_days_taken) == (date(2024, 2, 5), 14)
    com2 = Case.objects.get(reference="COM/2")
    stage2 = Stage.objects.get(case=com2, kind="stage2")
    assert (com2.status, com2.current_stage, com2.current_due) == ("open", "stage2", stage2.due)
    assert stage2.due == date(2024, 3, 25)  # 20 working days after Mon 26 Feb

    records = sum(result.created[name] for name in FILES)
    organisation = sum(result.created[n] for n in ("directorates", "service_areas", "teams"))
    assert records == sum(len(r) for r in rows.values())
    assert AuditEvent.objects.filter(kind="exchange.record_imported").count() == (
        records + organisation
    )
    summary = AuditEvent.objects.get(kind="exchange.imported")
    assert summary.payload["created"]["cases.csv"] == 6
    assert "Missed visits" not in str(list(AuditEvent.objects.values_list("payload", flat=True)))


def test_import_accepts_labels_and_spreadsheet_spellings(db, rows, tmp_path):
    case = rows["cases.csv"][1]
    case.update(procedure="  CORPORATE ", channel="In Person", via_advocate="Y",
                theme="professional practice/quality of service",
                complainant_type="Special  Guardian", restricted="0")  # fmt: skip
    rows["stages.csv"][4]["outcome"] = "Not Upheld"
    rows["equality.csv"][0].update(age_band="75 & over", sexuality="gay woman / lesbian",
                                   disability="Mental health; physical")  # fmt: skip
    exchange_import(path=write_folder(tmp_path, rows))
    com2 = Case.objects.get(reference="COM/2")
    assert (com2.procedure, com2.channel, com2.via_advocate, com2.theme, com2.complainant_type,
            com2.restricted) == ("corporate", "in_person", True, "professional_practice",
                                 "special_guardian", False)  # fmt: skip
    assert Stage.objects.get(case=com2, kind="stage1").outcome == "not_upheld"


def test_import_ignores_computed_columns_and_optionally_unknown_ones(db, rows, tmp_path):
    for stage in rows["stages.csv"]:
        stage.update(due="1999-01-01", working_days_taken="nonsense", overdue="maybe")
    rows["cases.csv"][0]["notes"] = "an extra column"
    folder = write_folder(tmp_path, rows, extra_columns={
        "stages.csv": ["due", "working_days_taken", "overdue"], "cases.csv": ["notes"],
    })  # fmt: skip
    exchange_import(path=folder, ignore_unknown_columns=True)
    assert Stage.objects.exclude(due=date(1999, 1, 1)).count() == 9
