"""The annual report for 2023-24 rendered in every format, and read back.

By construction (tests/reporting_docs/data.py, scale 3) each service area has 3 formal and 3
informal complaints a quarter; the stage 2 and 3 costs are known to the penny.
"""

import io
import json
import subprocess
from pathlib import Path

import matplotlib.image
import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook

from complaintsdesk.reporting.annual.build import annual_report_build, quarterly_build
from complaintsdesk.reporting.annual.render_docx import render_docx
from complaintsdesk.reporting.annual.render_pdf import _ChartFetcher, render_pdf
from complaintsdesk.reporting.annual.render_xlsx import render_xlsx
from tests.reporting_docs.data import CSC

pytestmark = pytest.mark.django_db


def _pages_as_png(pdf: bytes, folder: Path) -> list[Path]:
    source = folder / "report.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(source), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


@pytest.mark.parametrize("edition", ["internal", "published"])
def test_pdf_renders_many_non_blank_pages(world, tmp_path, edition):
    from pypdf import PdfReader

    pdf = render_pdf(annual_report_build(year="2023-24", edition=edition))
    pages = _pages_as_png(pdf, tmp_path)
    assert len(pages) > 13  # cover, contents and thirteen sections, each from a new page
    for page in pages:
        pixels = matplotlib.image.imread(page)
        assert pixels.min() < 0.5, f"{page.name} is blank"  # some dark ink on every page
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title.startswith("Children's services complaints annual report 2023-24")
    text = "\n".join(p.extract_text() for p in reader.pages[:3])
    assert "Contents" in text and "Equality monitoring" in text
    assert "Page 1 of" in reader.pages[0].extract_text()
    assert ("Internal edition" in text) == (edition == "internal")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root  # tagged for assistive technology


def test_pdf_links_figures_to_their_records_only_internally(world):
    from pypdf import PdfReader

    def uris(edition: str) -> list[str]:
        reader = PdfReader(
            io.BytesIO(render_pdf(annual_report_build(year="2023-24", edition=edition)))
        )
        return [
            a.get_object()["/A"].get("/URI", "")
            for p in reader.pages
            for a in p.get("/Annots", [])
            if a.get_object().get("/A")
        ]

    assert any("/reports/records/?" in u for u in uris("internal"))
    assert not any("/reports/records/" in u for u in uris("published"))


def test_pdf_places_each_chart_as_one_image_and_reads_nothing_else(world):
    from pypdf import PdfReader

    report = annual_report_build(year="2023-24", edition="internal")
    reader = PdfReader(io.BytesIO(render_pdf(report)))
    # Every page lists the document's images: each counted once, by its content.
    images = {image.data for page in reader.pages for image in page.images}
    # A picture per chart (drawn SVG would be paths, not images).
    assert len(images) == sum(len(s.charts) for s in report.sections) == 5
    with pytest.raises(ValueError, match="Not one of the report's charts"):
        _ChartFetcher({}).fetch("file:///etc/passwd")


def _docx_table(doc, caption: str):
    paragraphs = [p for p in doc.paragraphs if p.style.name == "Caption"]
    index = [p.text for p in paragraphs if not p.text.startswith("Figure:")].index(caption)
    return doc.tables[index]


def test_docx_has_real_headings_tables_and_pictures(world):
    doc = Document(io.BytesIO(render_docx(annual_report_build(year="2023-24", edition="internal"))))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[1:] == [
        "1. Key messages",
        "2. Quarterly dashboard",
        "3. Statutory procedure summary",
        "4. Stage 2 and stage 3 cases",
        "5. Ombudsman decisions",
        "6. Who complained, what about, and the outcomes",
        "7. Children in care",
        "8. Timeliness",
        "9. Learning and service improvement",
        "10. Review of the effectiveness of the procedure",
        "11. Equality monitoring",
        "12. Compliments",
        "13. Appendix: every Ombudsman decision",
    ]
    # A4, not python-docx's US Letter.
    assert [(round(s.page_width.cm, 1), round(s.page_height.cm, 1)) for s in doc.sections] == [
        (21.0, 29.7)
    ]
    table = _docx_table(doc, f"{CSC}, 2023-24")
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows}
    assert rows["Formal complaints (stage 1)"] == ["3", "3", "3", "3", "12"]
    assert rows["Informal complaints (representations)"] == ["3", "3", "3", "3", "12"]
    costs = _docx_table(doc, "Stage 2 and 3 investigations started in 2023-24")
    assert [c.text for c in costs.rows[-1].cells][-3:] == ["£4,367.20", "£2,117.74", "£50.50"]
    assert len(doc.inline_shapes) >= 4
    assert all(s._inline.docPr.get("descr") for s in doc.inline_shapes)  # alt text on each chart
    assert doc.core_properties.title == "Children's services complaints annual report 2023-24"


def _sheet_rows(ws) -> dict[str, list]:
    return {
        r[0]: list(r[1:]) for r in ws.iter_rows(values_only=True) if r and isinstance(r[0], str)
    }


def test_xlsx_has_a_sheet_per_section_and_numbers_as_numbers(world):
    wb = load_workbook(
        io.BytesIO(render_xlsx(annual_report_build(year="2023-24", edition="internal")))
    )
    assert wb.sheetnames[0] == "About" and len(wb.sheetnames) == 14
    dashboard = wb["2 Quarterly dashboard"]
    # The first table is the first service area alphabetically; find CSC's block.
    values = [list(r) for r in dashboard.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(values) if r[0] == f"{CSC}, 2023-24")
    block = {r[0]: r[1:6] for r in values[start + 2 : start + 12]}
    assert block["Formal complaints (stage 1)"] == [3, 3, 3, 3, 12]
    assert block["Stage 1 responses overdue"][4] == pytest.approx(0.33)
    costs = _sheet_rows(wb["4 Stage 2 and 3 cases"])
    assert costs["Totals"][-3:] == pytest.approx([4367.20, 2117.74, 50.50])  # numbers, not "£" text
    assert costs["Overall cost"][0] == pytest.approx(6535.44)
    cic = _sheet_rows(wb["7 Children in care"])
    assert all(isinstance(v, int) for v in cic["Complaints about children in care"])


def test_published_xlsx_withholds_small_counts_as_text(world):
    from datetime import date

    from complaintsdesk.cases.models import Case, ServiceArea, Stage

    case = Case.objects.create(
        reference="COM/9001",
        procedure="children_statutory",
        service_area=ServiceArea.objects.get(name=CSC),
        received=date(2023, 5, 2),
        complainant_type="foster_carer",
    )
    Stage.objects.create(case=case, kind="informal", started=date(2023, 5, 2))
    internal = _sheet_rows(
        load_workbook(
            io.BytesIO(render_xlsx(annual_report_build(year="2023-24", edition="internal")))
        )["6 Who, what, outcomes"]
    )
    published = _sheet_rows(
        load_workbook(
            io.BytesIO(render_xlsx(annual_report_build(year="2023-24", edition="published")))
        )["6 Who, what, outcomes"]
    )
    assert internal["Foster carer"][0] == 1
    assert published["Foster carer"][0] == "[c]"  # one mark for every withheld figure


def test_cli_writes_every_format(world, tmp_path):
    for fmt in ("html", "pdf", "docx", "xlsx", "json"):
        out = tmp_path / f"annual.{fmt}"
        call_command("report", "annual", "--year", "2023-24", "--format", fmt, "-o", str(out))
        assert out.stat().st_size > 1000
    data = json.loads((tmp_path / "annual.json").read_text())
    assert data["schema"] == "complaintsdesk.report/1"
    assert data["figures"]["schema"] == "complaintsdesk.figures/1"
    assert "<html" in (tmp_path / "annual.html").read_text()


def test_cli_quarterly_dashboard(world, tmp_path):
    out = tmp_path / "q2.xlsx"
    call_command(
        "report",
        "quarterly",
        "--year",
        "2023-24",
        "--quarter",
        "Q2",
        "--format",
        "xlsx",
        "--service-area",
        CSC,
        "-o",
        str(out),
    )
    rows = _sheet_rows(load_workbook(out)["1 Quarterly dashboard to Q2"])
    assert rows["Formal complaints (stage 1)"][:2] == [3, 3]


def test_quarterly_dashboard_shows_quarters_to_date(world):
    q2 = quarterly_build(year="2023-24", quarter="Q2", edition="internal")
    assert q2.sections[0].tables[0].columns == ("Q1", "Q2")
    q4 = quarterly_build(year="2023-24", quarter="Q4", edition="internal")
    assert q4.sections[0].tables[0].columns == ("Q1", "Q2", "Q3", "Q4", "Year")
