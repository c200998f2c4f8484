"""The demo's published annual report goes through with no manual step: its free text holds
no personal data the checker finds, and every self-check passes."""

from datetime import date

import pytest

demo = pytest.importorskip("complaintsdesk.demo.build")

pytestmark = pytest.mark.django_db


def test_demo_published_edition_needs_no_manual_step(tmp_path):
    from django.core.management import call_command

    from complaintsdesk.reporting.annual.build import annual_report_build

    demo.demo_build(today=date(2025, 6, 2))
    report = annual_report_build(year="2023-24", edition="published")
    assert [(f.source.label, f.text) for f in report.findings] == []
    assert [c.name for c in report.failures] == []
    out = tmp_path / "published.pdf"
    call_command(
        "report",
        "annual",
        "--year",
        "2023-24",
        "--format",
        "pdf",
        "--edition",
        "published",
        "-o",
        str(out),
    )
    assert out.read_bytes().startswith(b"%PDF")
