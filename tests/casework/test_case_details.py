"""Editing every case detail staff correct, and the rules' warnings on the case page."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from complaintsdesk.cases import selectors, services
from complaintsdesk.cases.models import Case
from complaintsdesk.core.models import AuditEvent
from tests.casework.conftest import add_case

pytestmark = pytest.mark.django_db


def edit_url(case: Case) -> str:
    return reverse("cases:edit", args=[case.reference])


def every_detail(world, version: int, **overrides: str) -> dict:
    data = {
        "version": version,
        "service_area": world.area.pk,
        "team": world.team_a.pk,
        "channel": "letter",
        "complainant_name": "Alex Example",
        "complainant_type": "parent",
        "relationship_to_child": "Mother",
        "consent_to_act": "yes",
        "via_advocate": "no",
        "advocacy_service": "Coram Voice",
        "complainant_email": "alex@example.com",
        "complainant_phone": "01632 960000",
        "complainant_address": "1 High Street\nTown",
        "child_in_care": "yes",
        "care_leaver": "unknown",
        "theme": "communication",
        "events_date-day": "2",
        "events_date-month": "1",
        "events_date-year": "2025",
        "summary": "Late reviews",
        "desired_outcome": "An apology and a review date",
    }
    return {**data, **overrides}


def test_edit_saves_every_detail_and_audits_the_field_names(world, client_for):
    case = Case.objects.get(pk=world.case_a.pk)
    response = client_for("officer").post(edit_url(case), every_detail(world, case.version))
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert (case.channel, case.complainant_type, case.relationship_to_child) == (
        "letter",
        "parent",
        "Mother",
    )
    assert (case.consent_to_act, case.via_advocate, case.child_in_care, case.care_leaver) == (
        True,
        False,
        True,
        None,
    )
    assert case.advocacy_service == "Coram Voice"
    assert case.complainant_address == "1 High Street\nTown"
    assert case.events_date == date(2025, 1, 2)
    assert case.desired_outcome == "An apology and a review date"
    assert case.theme == "communication"
    event = AuditEvent.objects.filter(kind="case.updated", case_reference=case.reference).get()
    assert {"channel", "complainant_address", "consent_to_act", "events_date"} <= set(
        event.payload["fields"]
    )
    assert "Coram Voice" not in str(event.payload)  # field names only


def test_edit_form_shows_the_current_details(world, client_for):
    case = Case.objects.get(pk=world.case_a.pk)
    client = client_for("officer")
    assert client.post(edit_url(case), every_detail(world, case.version)).status_code == 302
    form = client.get(edit_url(case)).content.decode()
    assert 'name="consent_to_act" type="radio" value="yes" checked' in form
    assert 'name="via_advocate" type="radio" value="no" checked' in form
    assert 'name="care_leaver" type="radio" value="unknown" checked' in form
    assert '<option value="letter" selected>' in form
    assert 'name="events_date-year" type="text" inputmode="numeric" value="2025"' in form
    assert "1 High Street" in form and "Coram Voice" in form


def test_events_after_the_complaint_are_refused(world, client_for):
    case = Case.objects.get(pk=world.case_a.pk)
    response = client_for("officer").post(
        edit_url(case), every_detail(world, case.version, **{"events_date-year": "2026"})
    )
    assert response.status_code == 400
    assert "The events cannot be after the complaint was received" in response.content.decode()
    case.refresh_from_db()
    assert case.events_date is None and case.version == world.case_a.version


def test_a_stale_edit_of_the_new_details_is_refused(world, client_for):
    case = Case.objects.get(pk=world.case_a.pk)
    loaded = case.version
    assert (
        client_for("manager").post(edit_url(case), every_detail(world, loaded)).status_code == 302
    )
    response = client_for("officer").post(
        edit_url(case), every_detail(world, loaded, complainant_address="2 Low Road")
    )
    assert response.status_code == 409
    assert "2 Low Road" in response.content.decode()  # their input is kept
    case.refresh_from_db()
    assert case.complainant_address == "1 High Street\nTown"


# --- warnings -----------------------------------------------------------------------------


def warning_codes(content: bytes) -> set[str]:
    import re

    return set(re.findall(r'class="govuk-warning-text" data-warning="([a-z_]+)"', content.decode()))


@time_machine.travel(date(2025, 3, 20), tick=False)
def test_case_page_warns_about_an_unacknowledged_stage_and_old_events(world, client_for):
    officer = world.users["officer"]
    # Stage 1 from 3 March 2025: acknowledgement was due within 3 working days.
    case = add_case(officer, area=world.area, team=world.team_a, events_date=date(2023, 12, 1))
    content = client_for("officer").get(reverse("cases:case", args=[case.reference])).content
    assert warning_codes(content) == {"acknowledgement_overdue", "events_late"}
    page = content.decode()
    assert "Stage 1 has not been acknowledged" in page
    assert "more than 12 months after the events" in page
    assert '<span class="govuk-visually-hidden">Warning</span>' in page


@time_machine.travel(date(2025, 3, 20), tick=False)
def test_case_page_has_no_warning_when_all_is_in_time(world, client_for):
    officer = world.users["officer"]
    case = add_case(officer, area=world.area, team=world.team_a, events_date=date(2025, 1, 1))
    services.stage_acknowledge(actor=officer, stage=case.stages.get(), on=date(2025, 3, 4))
    content = client_for("officer").get(reverse("cases:case", args=[case.reference])).content
    assert warning_codes(content) == set()
    assert b"govuk-warning-text" not in content


@time_machine.travel(date(2025, 6, 20), tick=False)
def test_case_page_warns_about_a_late_escalation_for_the_current_stage(world, client_for):
    officer = world.users["officer"]
    case = add_case(officer, area=world.area, team=world.team_a)
    stage1 = case.stages.get()
    services.stage_acknowledge(actor=officer, stage=stage1, on=date(2025, 3, 4))
    services.stage_respond(actor=officer, stage=stage1, on=date(2025, 3, 10), outcome="not_upheld")
    # Asked for stage 2 on 2 June: well over 20 working days after the response.
    stage2 = services.stage_start(actor=officer, case=case, kind="stage2", started=date(2025, 6, 2))
    services.stage_acknowledge(actor=officer, stage=stage2, on=date(2025, 6, 3))
    content = client_for("officer").get(reverse("cases:case", args=[case.reference])).content
    assert warning_codes(content) == {"escalation_late"}


def test_the_selector_reads_the_calendar_and_rules_once(world, monkeypatch):
    # The calendar comes with the closure days' names, from one read (calendar_and_names).
    calls = {"calendar": 0, "calendar_alone": 0, "rulesets": 0}
    calendar, rulesets = selectors.calendar_and_names, selectors.rulesets_current

    def counted(name, real):
        def wrapper():
            calls[name] += 1
            return real()

        return wrapper

    monkeypatch.setattr(selectors, "calendar_and_names", counted("calendar", calendar))
    alone = selectors.calendar_current
    monkeypatch.setattr(selectors, "calendar_current", counted("calendar_alone", alone))
    monkeypatch.setattr(selectors, "rulesets_current", counted("rulesets", rulesets))
    detail = selectors.case_detail(
        user=world.users["manager"], case=world.case_a, today=date(2025, 9, 1)
    )
    assert calls == {"calendar": 1, "calendar_alone": 0, "rulesets": 1}
    assert [w.code for w in detail.warnings] == ["acknowledgement_overdue"]
