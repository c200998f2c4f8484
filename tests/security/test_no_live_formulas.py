"""Formula text planted in free text never comes out of a spreadsheet we write as a formula.

People open the case list and audit CSV exports and the report workbooks in Excel or
LibreOffice: there, `=HYPERLINK(...)` in a complainant's name would be a live link. The
exchange format is data and keeps text exactly (docs/exchange-format.md).
"""

import csv
import io
import re
from datetime import date
from itertools import cycle
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from complaintsdesk.accounts import roles
from complaintsdesk.cases import services
from complaintsdesk.cases.models import Case, Directorate, Learning, LgscoCase, ServiceArea, Team
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.reporting.annual.build import annual_report_build, quarterly_build
from complaintsdesk.reporting.annual.model import SECTIONS
from complaintsdesk.reporting.annual.render_xlsx import render_xlsx
from complaintsdesk.reporting.models import ReportNarrative
from tests.reporting_docs.data import NSC, build_world

pytestmark = pytest.mark.django_db

PAYLOADS = ('=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1")
# OWASP's list of characters that start a formula in some spreadsheet.
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")

ROOT = Path(__file__).resolve().parents[2]
# Every module that writes CSV or XLSX itself, and why it is safe. The people-facing exports
# (case list, audit trail) write through complaintsdesk/core/spreadsheets.py.
SPREADSHEET_WRITERS = {
    "complaintsdesk/core/spreadsheets.py": "CSV and XLSX for people: tested here",
    "complaintsdesk/reporting/annual/render_xlsx.py": "report workbooks: tested here",
    "complaintsdesk/exchange/writer.py": "exchange format, data kept exactly: documented",
    "complaintsdesk/demo/bulk.py": "the demo's history in the exchange format, for the importer",
}
WRITER_USE = re.compile(r"\bcsv\.(writer|DictWriter)\(|\bWorkbook\(|defusedcsv")


def test_every_spreadsheet_writer_is_registered():
    found = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "complaintsdesk").rglob("*.py")
        if WRITER_USE.search(path.read_text(encoding="utf-8"))
    }
    assert found == set(SPREADSHEET_WRITERS), (
        "A new CSV/XLSX writer: write text as text (complaintsdesk/core/spreadsheets.py) "
        "and register it here"
    )


def _export_cells(client, user, url: str) -> list[str]:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    return [cell for row in csv.reader(io.StringIO(body, newline="")) for cell in row]


def _assert_neutralised(cells: list[str]) -> None:
    for payload in PAYLOADS:
        assert "'" + payload in cells, f"{payload!r} missing or not neutralised"
    live = [c for c in cells if c.startswith(DANGEROUS_START)]
    assert live == [], f"cells that a spreadsheet would run: {live}"


def _staff(username: str, role: str):
    user = get_user_model().objects.create_user(username, password="not-a-real-password-1")
    user.groups.set(roles.role_groups([role]))
    return user


def test_case_list_export_neutralises_formula_text(client):
    roles.ensure_roles()
    officer = _staff("officer", roles.OFFICER)
    directorate = Directorate.objects.create(name=PAYLOADS[0])
    area = ServiceArea.objects.create(name=PAYLOADS[1], directorate=directorate)
    team = Team.objects.create(name=PAYLOADS[2], service_area=area)
    for payload in PAYLOADS:
        services.case_create(
            actor=officer,
            procedure="children_statutory",
            service_area=area,
            team=team,
            received=date(2025, 3, 3),
            first_stage="stage1",
            channel="email",
            summary=payload,
            complainant_name=payload,
        )

    _assert_neutralised(_export_cells(client, officer, "/cases/export.csv"))


def test_audit_export_neutralises_formula_text(client):
    roles.ensure_roles()
    manager = _staff("manager", roles.MANAGER)
    for payload in PAYLOADS:
        actor = get_user_model().objects.create_user(payload)  # an imported or odd username
        AuditEvent.objects.create(
            actor=actor,
            kind="test.planted",
            case_reference=payload,
            object_type="case",
            object_id=payload,
            payload=payload,
        )

    _assert_neutralised(_export_cells(client, manager, "/administration/audit.csv"))


@pytest.fixture
def planted_report_world():
    build_world(scale=1)
    ServiceArea.objects.filter(name=NSC).update(name=PAYLOADS[0])
    texts = cycle(PAYLOADS)
    year = (date(2023, 4, 1), date(2024, 3, 31))
    for item in Learning.objects.filter(recorded__range=year):
        item.learning, item.action = next(texts), next(texts)
        item.save()
    for decision in LgscoCase.objects.filter(decided__range=year):
        decision.summary, decision.recommendations = next(texts), next(texts)
        decision.save()
    Case.objects.filter(stages__kind="stage2", stages__started__range=year).update(
        summary=PAYLOADS[3]
    )
    author = get_user_model().objects.create_user("manager")
    for section, payload in zip(SECTIONS, PAYLOADS * 2, strict=False):
        ReportNarrative.objects.create(year="2023-24", section=section, text=payload, author=author)


@pytest.mark.parametrize("edition", ["internal", "published"])
def test_annual_report_workbook_keeps_formula_text_as_text(planted_report_world, edition):
    report = annual_report_build(year="2023-24", edition=edition)

    cells = _cells(load_workbook(io.BytesIO(render_xlsx(report))))

    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    planted = [c for c in cells if c.value in PAYLOADS]
    assert {c.value for c in planted} == set(PAYLOADS)  # every payload reached a sheet
    assert all(c.data_type == "s" for c in planted)


@pytest.mark.parametrize("edition", ["internal", "published"])
def test_quarterly_dashboard_workbook_keeps_formula_text_as_text(planted_report_world, edition):
    report = quarterly_build(year="2023-24", quarter="Q4", edition=edition)

    cells = _cells(load_workbook(io.BytesIO(render_xlsx(report))))

    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    # The dashboard shows no free text; the renamed service area heads its table.
    assert any(str(c.value).startswith(PAYLOADS[0]) for c in cells)


def _cells(workbook) -> list:
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
