"""The manager's narrative: append-only history, latest wins, audited; drafted sentences."""

from datetime import date

import pytest

from complaintsdesk.cases.models import Case, ServiceArea, Stage
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.reporting.annual.build import annual_report_build
from complaintsdesk.reporting.models import ReportNarrative
from complaintsdesk.reporting.narrative import narrative_draft, narrative_history, narrative_save
from tests.reporting_docs.data import CSC

pytestmark = pytest.mark.django_db


def test_history_is_kept_and_the_latest_version_is_printed(world, manager, officer):
    narrative_save(actor=officer, year="2023-24", section="summary", text="First draft.")
    narrative_save(
        actor=manager, year="2023-24", section="summary", text="Stage 2 investigations rose."
    )
    history = narrative_history(year="2023-24", section="summary")
    assert [(n.text, n.author) for n in history] == [
        ("Stage 2 investigations rose.", manager),
        ("First draft.", officer),
    ]
    report = annual_report_build(year="2023-24", edition="internal")
    assert report.section("summary").narrative == "Stage 2 investigations rose."
    assert (
        annual_report_build(year="2022-23", edition="internal").section("summary").narrative == ""
    )
    assert AuditEvent.objects.filter(kind="report.narrative_saved").count() == 2


def test_a_saved_version_cannot_be_overwritten(world, manager):
    version = narrative_save(actor=manager, year="2023-24", section="cic", text="Text.")
    version.text = "Changed."
    with pytest.raises(ValueError):
        version.save()
    assert ReportNarrative.objects.get().text == "Text."


@pytest.mark.parametrize(("year", "section"), [("2023", "summary"), ("2023-24", "nonsense")])
def test_bad_year_or_section_is_refused(world, manager, year, section):
    with pytest.raises((ServiceError, ValueError)):
        narrative_save(actor=manager, year=year, section=section, text="x")
    assert ReportNarrative.objects.count() == 0


def test_draft_states_the_changes_in_plain_sentences(world):
    # Four more stage 2 investigations in 2023-24 than in 2022-23 (one each by construction).
    area = ServiceArea.objects.get(name=CSC)
    for n in range(4):
        case = Case.objects.create(
            reference=f"COM/80{n}",
            procedure="children_statutory",
            service_area=area,
            received=date(2023, 6, 1),
        )
        Stage.objects.create(case=case, kind="stage2", started=date(2023, 6, 1 + n))
    draft = narrative_draft(annual_report_build(year="2023-24", edition="internal"), "summary")
    assert (
        "Children's Social Care (statutory procedure): "
        "Stage 2 investigations rose from 1 in 2022-23 to 5 in 2023-24." in draft
    )
    assert (
        "Children's whole authority: Children's Non-Social Care: "
        "Formal complaints stayed at 12, as in 2022-23." in draft
    )


def test_draft_leaves_out_withheld_figures(world):
    report = annual_report_build(year="2023-24", edition="published")
    draft = narrative_draft(report, "who")
    assert all("<5" not in s and "[c]" not in s for s in draft)
    assert narrative_draft(report, "no-such-section") == []
