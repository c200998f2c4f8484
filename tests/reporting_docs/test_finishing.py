"""Finishing an annual report: completeness, sign-off, publication refused then allowed;
the feedback survey's figures and the compliments a manager quotes."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from complaintsdesk.cases.models import Case, Compliment, Directorate, FeedbackResponse
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.reminders.models import SentReminder
from complaintsdesk.reporting.annual.build import annual_report_build
from complaintsdesk.reporting.annual.completeness import (
    completeness_hook_register,
    completeness_hook_remove,
)
from complaintsdesk.reporting.annual.presets import PRESETS
from complaintsdesk.reporting.annual.publication import (
    PublicationIncomplete,
    PublicationNotSignedOff,
    report_publish_check,
)
from complaintsdesk.reporting.examples import compliment_example_choose
from complaintsdesk.reporting.models import ComplimentExample, ReportSignOff
from complaintsdesk.reporting.narrative import narrative_save
from complaintsdesk.reporting.signoff import report_sign_off
from tests.reporting_docs.data import CSC, report_finish

pytestmark = pytest.mark.django_db
YEAR = "2023-24"


def _cli_published(tmp_path, preset: str = "children"):
    out = tmp_path / f"{preset}.json"
    call_command(
        "report",
        "annual",
        "--year",
        YEAR,
        "--preset",
        preset,
        "--format",
        "json",
        "--edition",
        "published",
        "-o",
        str(out),
    )
    return out


@pytest.mark.parametrize("preset", list(PRESETS))
def test_completeness_names_every_section_without_narrative(world, manager, preset):
    report = annual_report_build(year=YEAR, edition="internal", preset=preset)
    titles = [s.title for s in report.sections]
    # The sections first; the Code report then names its unanswered provisions (below).
    sections_missing = [m for m in report.missing if not m.startswith("Self-assessment")]
    assert len(sections_missing) == len(titles)
    assert all(t in m for t, m in zip(titles, sections_missing, strict=True))
    narrative_save(
        actor=manager, year=YEAR, section=report.sections[0].key, text="Words.", preset=preset
    )
    again = annual_report_build(year=YEAR, edition="internal", preset=preset)
    assert len(again.missing) == len(report.missing) - 1


def test_publication_refused_while_incomplete_then_allowed_after_sign_off(
    world, manager, tmp_path, client
):
    url = reverse("reporting:annual_download", args=["pdf"]) + f"?year={YEAR}&edition=published"
    client.force_login(manager)

    # Incomplete: refused on every route, with the sections named.
    with pytest.raises(PublicationIncomplete):
        report_publish_check(annual_report_build(year=YEAR, edition="published"))
    with pytest.raises(CommandError) as refused:
        _cli_published(tmp_path)
    assert refused.value.returncode == 3
    assert "Key messages: no narrative written yet" in str(refused.value)
    response = client.get(url)
    assert response.status_code == 409
    assert "Key messages: no narrative written yet" in response.content.decode()

    # Complete but not signed off: still refused.
    for section in PRESETS["children"].sections:
        narrative_save(actor=manager, year=YEAR, section=section, text="What the year showed.")
    with pytest.raises(PublicationNotSignedOff):
        report_publish_check(annual_report_build(year=YEAR, edition="published"))
    assert client.get(url).status_code == 409

    # Signed off by a named manager: released, the sign-off printed.
    response = client.post(
        reverse("reporting:signoff", args=[YEAR]),
        {"preset": "children", "name": "Sam Manager", "role": "Head of Complaints"},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(kind="report.signed_off", actor=manager).count() == 1
    response = client.get(url)
    assert response.status_code == 200
    data = _cli_published(tmp_path).read_text()
    assert '"name": "Sam Manager"' in data and '"role": "Head of Complaints"' in data
    page = b"".join(
        client.get(
            reverse("reporting:annual_download", args=["html"]) + f"?year={YEAR}&edition=published"
        ).streaming_content
    ).decode()
    assert "Signed off by <strong>Sam Manager</strong>, Head of Complaints" in page

    # A narrative edited after sign-off: refused again until signed again.
    narrative_save(actor=manager, year=YEAR, section="summary", text="Changed our minds.")
    assert client.get(url).status_code == 409


def test_sign_off_refused_while_incomplete_and_for_officers(world, manager, officer):
    report = annual_report_build(year=YEAR, edition="internal")
    with pytest.raises(ServiceError, match="not complete"):
        report_sign_off(
            actor=manager,
            year=YEAR,
            preset="children",
            name="Sam",
            role="Manager",
            signed_on=date(2024, 6, 1),
            missing=report.missing,
        )
    with pytest.raises(ServiceError, match="complaints manager"):
        report_sign_off(
            actor=officer,
            year=YEAR,
            preset="children",
            name="Sam",
            role="Manager",
            signed_on=date(2024, 6, 1),
            missing=(),
        )
    with pytest.raises(ServiceError, match="name and role"):
        report_sign_off(
            actor=manager,
            year=YEAR,
            preset="children",
            name=" ",
            role="Manager",
            signed_on=date(2024, 6, 1),
            missing=(),
        )
    assert ReportSignOff.objects.count() == 0


def test_leadership_refused_without_the_reasons(world, leader):
    from django.test import Client

    client = Client()
    client.force_login(leader)
    response = client.get(reverse("reporting:annual_download", args=["pdf"]) + f"?year={YEAR}")
    assert response.status_code == 409
    assert "no narrative" not in response.content.decode()


def test_a_hook_adds_unanswered_items_and_blocks_sign_off(world, manager):
    def unanswered(year: str, preset: str) -> list[str]:
        return ["Self-assessment: provision 1.1 not answered"] if preset == "code" else []

    report_finish(manager=manager, preset="code")
    completeness_hook_register(unanswered)
    try:
        report = annual_report_build(year=YEAR, edition="published", preset="code")
        assert report.missing == ("Self-assessment: provision 1.1 not answered",)
        with pytest.raises(PublicationIncomplete):
            report_publish_check(report)
        children = annual_report_build(year=YEAR, edition="internal", preset="children")
        assert "Self-assessment: provision 1.1 not answered" not in children.missing
    finally:
        completeness_hook_remove(unanswered)
    report_publish_check(annual_report_build(year=YEAR, edition="published", preset="code"))


def test_the_code_report_is_incomplete_while_a_provision_is_unanswered(world, manager):
    """The self-assessment's own hook: the Code report names the unanswered provisions and
    is refused until each has an answer; the other reports do not ask for it."""
    from complaintsdesk.codecompliance.models import SelfAssessmentAnswer

    report_finish(manager=manager, preset="code")
    report_publish_check(annual_report_build(year=YEAR, edition="published", preset="code"))
    SelfAssessmentAnswer.objects.filter(year=YEAR, provision__in=["2.1", "5.3"]).delete()
    report = annual_report_build(year=YEAR, edition="published", preset="code")
    assert report.missing == (
        "Self-assessment against the Code: 2 provisions not answered (2.1, 5.3)",
    )
    with pytest.raises(PublicationIncomplete):
        report_publish_check(report)
    children = annual_report_build(year=YEAR, edition="internal", preset="children")
    assert not any("Self-assessment" in m for m in children.missing)


def test_the_code_report_has_the_self_assessment_and_remedies(world, manager):
    report = annual_report_build(year=YEAR, edition="internal", preset="code")
    keys = [s.key for s in report.sections]
    assert "self_assessment" in keys and "lgsco_remedies" in keys
    section = next(s for s in report.sections if s.key == "self_assessment")
    assert section.tables and any(t.rows for t in section.tables)


def test_each_preset_has_its_own_narrative_and_sign_off(world, manager, tmp_path):
    report_finish(manager=manager, preset="adults")
    _cli_published(tmp_path, "adults")  # allowed
    with pytest.raises(CommandError):
        _cli_published(tmp_path, "code")  # its own words not written


def test_feedback_survey_figures_counted_independently(world):
    children = Directorate.objects.get(name="Children's Services")
    cases = list(Case.objects.filter(service_area__name=CSC).order_by("pk")[:12])
    for i, case in enumerate(cases):
        SentReminder.objects.create(
            kind="feedback_invite",
            object_id=f"case:{case.pk}",
            for_date=date(2023, 6, 1 + i),
            run_date=date(2023, 6, 1 + i),
        )
    answers = [
        {"satisfaction": "satisfied", "easy_to_complain": "yes"},
        {"satisfaction": "satisfied", "improve": "Quicker replies."},
        {"satisfaction": "very_dissatisfied", "easy_to_complain": "no"},
    ]
    for i, a in enumerate(answers):
        FeedbackResponse.objects.create(
            received=date(2023, 7, 1 + i), directorate=children, answers=a
        )
    FeedbackResponse.objects.create(  # last year's: not this year's figures
        received=date(2022, 7, 1), directorate=children, answers={"satisfaction": "neither"}
    )
    section = annual_report_build(year=YEAR, edition="internal").section("effectiveness")
    uptake = section.table("effectiveness.uptake")
    assert [c.value for c in uptake.row("feedback.invited").cells] == [12, 0]
    assert [c.value for c in uptake.row("feedback.responses").cells] == [3, 1]
    assert uptake.row("feedback.uptake_pct").cells[0].printed == "25% of 12"
    assert [c.value for c in uptake.row("feedback.suggestions").cells] == [1, 0]
    satisfaction = section.table("effectiveness.satisfaction")
    assert satisfaction.row("feedback.satisfaction.satisfied").cells[0].printed == "67% of 3"
    easy = section.table("effectiveness.easy_to_complain")
    assert easy.row("feedback.easy_to_complain.no").cells[0].printed == "50% of 2"
    # Published: a share of fewer than 10 answers is withheld, with the one mark.
    published = annual_report_build(year=YEAR, edition="published").section("effectiveness")
    cell = published.table("effectiveness.satisfaction").row("feedback.satisfaction.satisfied")
    assert cell.cells[0].shown == "[c]" and cell.cells[0].withheld


def test_a_compliment_is_quoted_only_without_personal_data(world, manager):
    compliment = Compliment.objects.filter(service_area__name=CSC).first()
    compliment.summary = "Mrs Jones thanked the team for their help."
    compliment.save()
    with pytest.raises(ServiceError, match="personal data"):
        compliment_example_choose(
            actor=manager, year=YEAR, preset="children", compliment=compliment
        )
    compliment.summary = "A parent thanked the team for their help."
    compliment.save()
    compliment_example_choose(actor=manager, year=YEAR, preset="children", compliment=compliment)
    assert AuditEvent.objects.filter(kind="report.compliment_chosen").count() == 1
    table = (
        annual_report_build(year=YEAR, edition="published")
        .section("compliments")
        .table("compliments.examples")
    )
    assert [r.cells[1].shown for r in table.rows] == ["A parent thanked the team for their help."]
    # Edited after it was chosen: the published edition's check still reads it.
    Compliment.objects.filter(pk=compliment.pk).update(summary="Mrs Jones rang to thank us.")
    findings = annual_report_build(year=YEAR, edition="published").findings
    assert [(f.source.record_type, f.text) for f in findings] == [("compliment", "Mrs Jones")]
    assert ComplimentExample.objects.count() == 1


def test_compliments_page_chooses_and_removes(client, world, manager, responder):
    compliment = Compliment.objects.filter(service_area__name=CSC).first()
    compliment.summary = "A young person thanked their worker."
    compliment.save()
    url = reverse("reporting:compliments", args=[YEAR]) + "?preset=children"
    client.force_login(responder)
    assert client.get(url).status_code == 403
    client.force_login(manager)
    assert "A young person thanked their worker." in client.get(url).content.decode()
    client.post(url, {"compliment": compliment.pk, "preset": "children"})
    assert ComplimentExample.objects.count() == 1
    client.post(url, {"compliment": compliment.pk, "preset": "children", "action": "remove"})
    assert ComplimentExample.objects.count() == 0
