"""Exchange-format test helpers: a small valid set of files, writers for folder/zip/xlsx,
table counts, and a varied database built through the ORM (independent of the importer)."""

import copy
import csv
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from complaintsdesk.cases.deadlines import stage_refresh_deadlines
from complaintsdesk.cases.models import (
    Case,
    Compliment,
    Directorate,
    EqualityResponse,
    Learning,
    LgscoCase,
    LgscoRecommendation,
    ServiceArea,
    Stage,
    Team,
)
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.exchange.columns import FILES

Rows = dict[str, list[dict[str, str]]]

CSC = {"directorate": "Children's Services", "service_area": "Children's Social Care"}
HIGHWAYS = {"directorate": "Place", "service_area": "Highways"}
ADULTS = {"directorate": "Adults", "service_area": "Adult Social Care"}


def _case(reference: str, procedure: str, area: dict[str, str], received: str, **more: str) -> dict:
    return {"reference": reference, "procedure": procedure, **area, "received": received, **more}


def _stage(reference: str, stage: str, started: str, **more: str) -> dict:
    return {"reference": reference, "stage": stage, "started": started, **more}


# Row numbers matter to the error tests: stages.csv row 2 is COM/1 informal, row 3 its stage1.
VALID_ROWS: Rows = {
    "cases.csv": [
        _case("COM/1", "children_statutory", CSC, "2024-01-08", team="CWAD", channel="email",
              complainant_type="parent", via_advocate="true", child_in_care="true",
              care_leaver="false", theme="communication", summary="Missed visits, twice",
              restricted="false", linked="COM/10", equality_form_sent="2024-01-09"),
        _case("COM/2", "corporate", HIGHWAYS, "2024-02-05", team="Roads", theme="service_delay"),
        _case("COM/3", "adults_statutory", ADULTS, "2024-03-04", restricted="true"),
        _case("COM/4", "adults_statutory", ADULTS, "2024-04-02", team="East"),
        _case("COM/5", "children_statutory", CSC, "2024-05-13", team="North"),
        _case("COM/10", "corporate", HIGHWAYS, "2024-06-03", linked="COM/1;COM/2"),
    ],
    "stages.csv": [
        _stage("COM/1", "informal", "2024-01-08", responded="2024-01-12", outcome="escalated"),
        _stage("COM/1", "stage1", "2024-01-15", acknowledged="2024-01-16",
               extended_to="2024-02-05", responded="2024-02-02", outcome="partly_upheld"),
        _stage("COM/1", "stage2", "2024-02-12", responded="2024-03-15", outcome="upheld",
               investigating_officer_cost="1200.50", independent_person_cost="800"),
        _stage("COM/1", "stage3", "2024-03-25", panel_held="2024-04-22", responded="2024-05-10",
               outcome="not_upheld", additional_cost="150.00"),
        _stage("COM/2", "stage1", "2024-02-05", acknowledged="2024-02-07", responded="2024-02-20",
               outcome="not_upheld"),
        _stage("COM/2", "stage2", "2024-02-26"),
        _stage("COM/3", "informal", "2024-03-04", responded="2024-03-08", outcome="resolved"),
        _stage("COM/4", "stage1", "2024-04-02", extended_to="2024-12-20"),
        _stage("COM/5", "stage1", "2024-05-13"),
    ],
    "lgsco.csv": [
        {"lgsco_reference": "22006903", "reference": "COM/1", **CSC, "received": "2024-06-03",
         "decided": "2024-09-02", "decision": "upheld", "remedy_amount": "500.00",
         "remedy_ongoing": "false", "summary": "Delay", "recommendations": "Apologise",
         "compliance_due": "2024-10-02", "complied": "2024-09-30"},
        {"lgsco_reference": "23001234", **HIGHWAYS, "received": "2024-07-01"},
    ],
    "learnings.csv": [
        {"id": "L1", "reference": "COM/1", "service_area": "Children's Social Care",
         "team": "CWAD", "recorded": "2024-02-02", "learning": "Visits must be recorded",
         "action": "Training", "status": "implemented", "owner": "Team manager",
         "due": "2024-03-01", "completed": "2024-02-28"},
        {"id": "L2", "service_area": "Highways", "recorded": "2024-03-01",
         "learning": "Reply sooner", "status": "in_progress"},
    ],
    "compliments.csv": [
        {"id": "C1", "received": "2024-01-20", **CSC, "team": "CWAD", "summary": "Thank you"},
        {"id": "C2", "received": "2024-02-20", "directorate": "Place",
         "service_area": "Waste", "team": "Collections"},
    ],
    "equality.csv": [
        {"id": "E1", "received": "2024-01-25", "directorate": "Children's Services",
         "gender": "female", "sexuality": "heterosexual", "age_band": "35_44",
         "religion": "none", "ethnicity": "white_british", "disability": "physical;mental_health"},
        {"id": "E2", "received": "2024-02-25", "gender": "prefer_not_to_say"},
        {"id": "E3", "received": "2024-03-25", "directorate": "Community Services"},
    ],
}  # fmt: skip


@pytest.fixture
def rows() -> Rows:
    """A fresh copy of the valid files, to break one thing in."""
    return copy.deepcopy(VALID_ROWS)


def write_folder(
    folder: Path,
    rows: Rows,
    *,
    extra_columns: dict[str, list[str]] | None = None,
    drop_columns: dict[str, list[str]] | None = None,
) -> Path:
    """Write each file with every spec column (in order), plus or minus some."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, records in rows.items():
        dropped = (drop_columns or {}).get(name, [])
        columns = [c.name for c in FILES.get(name, ()) if c.name not in dropped] or list(records[0])
        columns += (extra_columns or {}).get(name, [])
        records = [{k: v for k, v in r.items() if k not in dropped} for r in records]
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, restval="")
            writer.writeheader()
            writer.writerows(records)
    return folder


def write_zip(path: Path, folder: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, f"export/{file.name}")  # zipped as a folder, as people do
    return path


def write_xlsx(path: Path, rows: Rows) -> Path:
    """One sheet per file; dates as real date cells and money as numbers, as Excel holds them."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, records in rows.items():
        sheet = workbook.create_sheet(name.removesuffix(".csv"))
        columns = [c.name for c in FILES[name]]
        sheet.append(columns)
        kinds = {c.name: c.kind for c in FILES[name]}
        for record in records:
            sheet.append([_xlsx_value(kinds[c], record.get(c, "")) for c in columns])
    workbook.save(path)
    return path


def _xlsx_value(kind: str, text: str) -> Any:
    if not text:
        return None
    if kind == "date":
        return date.fromisoformat(text)
    if kind == "money":
        return float(text)
    return text


def table_counts() -> dict[str, int]:
    """Rows in every table an import writes, including the audit trail."""
    models = [Directorate, ServiceArea, Team, Case, Case.linked.through, Stage, LgscoCase,
              LgscoRecommendation, Learning, Compliment, EqualityResponse, AuditEvent]  # fmt: skip
    return {m._meta.label: m._default_manager.count() for m in models}


def database_empty() -> None:
    """Delete every record the exchange format carries (and the audit trail)."""
    AuditEvent.objects.all().delete()
    for model in (Stage, Case.linked.through, LgscoRecommendation, LgscoCase, Learning,
                  Compliment, EqualityResponse, Case, Team, ServiceArea, Directorate):  # fmt: skip
        model._default_manager.all().delete()


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _stage_make(case: Case, kind: str, started: date, **fields: Any) -> Stage:
    stage = Stage(case=case, kind=kind, started=started, **fields)
    stage_refresh_deadlines(stage, procedure=case.procedure)
    stage.save()
    return stage


@pytest.fixture
def varied_database(db: Any) -> None:
    """Every file, every procedure, informal to stage 3, extensions, costs, awkward text."""
    children = Directorate.objects.create(name="Children's Services")
    place = Directorate.objects.create(name="Place")
    adults = Directorate.objects.create(name="Adults")
    csc = ServiceArea.objects.create(name="Children's Social Care", directorate=children)
    sen = ServiceArea.objects.create(name="Children's Non-Social Care", directorate=children)
    highways = ServiceArea.objects.create(name="Highways", directorate=place)
    asc = ServiceArea.objects.create(name="Adult Social Care", directorate=adults)
    cwad = Team.objects.create(name="CWAD", service_area=csc)
    roads = Team.objects.create(name="Roads", service_area=highways)
    Team.objects.create(name="North", service_area=asc)  # same name as below, other area
    north = Team.objects.create(name="North", service_area=csc)

    c1 = Case.objects.create(
        reference="COM/9", procedure="children_statutory", service_area=csc, team=cwad,
        received=date(2023, 12, 18), channel="advocate", complainant_type="young_person",
        via_advocate=True, child_in_care=True, care_leaver=False, theme="professional_practice",
        summary='Line one, "quoted"\nline two — with a £ sign and ünïcödé', restricted=True,
        equality_form_sent=date(2023, 12, 19),
    )  # fmt: skip
    _stage_make(c1, "informal", date(2023, 12, 18), responded=date(2023, 12, 22),
                outcome="escalated")  # fmt: skip
    _stage_make(c1, "stage1", date(2024, 1, 2), acknowledged=date(2024, 1, 3),
                extended_to=date(2024, 1, 26), responded=date(2024, 1, 29),
                outcome="upheld")  # fmt: skip
    _stage_make(c1, "stage2", date(2024, 2, 5), responded=date(2024, 4, 2),
                outcome="partly_upheld", investigating_officer_cost=Decimal("3367.20"),
                independent_person_cost=Decimal("1000"),
                additional_cost=Decimal("0.5"))  # fmt: skip
    _stage_make(c1, "stage3", date(2024, 4, 15), panel_held=date(2024, 5, 20),
                independent_person_cost=Decimal("420.00"))  # fmt: skip
    c2 = Case.objects.create(reference="COM/10", procedure="corporate", service_area=highways,
                             team=roads, received=date(2024, 3, 28), channel="web")  # fmt: skip
    _stage_make(c2, "stage1", date(2024, 3, 28), acknowledged=date(2024, 4, 3),
                extended_to=date(2024, 5, 1), responded=date(2024, 4, 30),
                outcome="not_upheld")  # fmt: skip
    _stage_make(c2, "stage2", date(2024, 5, 7), responded=date(2024, 6, 28), outcome="withdrawn")
    c3 = Case.objects.create(reference="COM/100", procedure="adults_statutory", service_area=asc,
                             received=date(2024, 8, 31), complainant_type="individual",
                             child_in_care=None, summary="  spaces kept  ")  # fmt: skip
    _stage_make(c3, "stage1", date(2024, 8, 31), extended_to=date(2025, 6, 30))
    c4 = Case.objects.create(reference="ADU/2", procedure="adults_statutory", service_area=asc,
                             received=date(2024, 2, 1))  # fmt: skip
    _stage_make(c4, "informal", date(2024, 2, 1), responded=date(2024, 2, 2), outcome="withdrawn")
    c5 = Case.objects.create(reference="COM/11", procedure="children_statutory", service_area=sen,
                             received=date(2024, 11, 1), theme="finance")  # fmt: skip
    _stage_make(c5, "stage1", date(2024, 11, 1))
    c1.linked.add(c2, c5)

    upheld = LgscoCase.objects.create(
        lgsco_reference="22006903", case=c1, service_area=csc, received=date(2024, 6, 3),
        decided=date(2024, 9, 2), decision="upheld", remedy_amount=Decimal("1500"),
        remedy_ongoing=True, summary="Delay, in brief", recommendations="Review; train",
        compliance_due=date(2024, 10, 2), complied=date(2024, 9, 30),
    )  # fmt: skip
    LgscoRecommendation.objects.create(
        key="R-10", lgsco_case=upheld, kind="financial_remedy", amount=Decimal("1500"),
        due=date(2024, 10, 2), complied=date(2024, 9, 30), remedy_paid=date(2024, 9, 27),
        description="Pay for the delay", evidence="Remittance, \"paid\"",
    )  # fmt: skip
    LgscoRecommendation.objects.create(
        key="R-9", lgsco_case=upheld, kind="training", due=date(2024, 12, 2),
        description="Train the team\non visits",
    )  # fmt: skip
    LgscoCase.objects.create(lgsco_reference="23000001", service_area=highways,
                             received=date(2024, 7, 1))  # fmt: skip
    Learning.objects.create(key="10", case=c1, service_area=csc, team=cwad,
                            recorded=date(2024, 1, 29), learning="Record every visit",
                            action="Training", status="implemented", owner="Manager",
                            due=date(2024, 3, 1), completed=date(2024, 2, 20))  # fmt: skip
    Learning.objects.create(key="9", service_area=highways, recorded=date(2024, 5, 1),
                            learning="Reply sooner", status="not_implemented")  # fmt: skip
    Compliment.objects.create(key="C1", received=date(2024, 1, 5), service_area=csc, team=north,
                              summary="Thank you")  # fmt: skip
    Compliment.objects.create(key="C2", received=date(2024, 2, 5), service_area=sen)
    EqualityResponse.objects.create(key="E1", received=date(2024, 1, 10), directorate=children,
                                    gender="non_binary_or_self_described", sexuality="bisexual",
                                    age_band="16_24", religion="prefer_not_to_say",
                                    ethnicity="mixed_white_asian",
                                    disability="sensory;long_term_condition")  # fmt: skip
    EqualityResponse.objects.create(key="E2", received=date(2024, 1, 11))
