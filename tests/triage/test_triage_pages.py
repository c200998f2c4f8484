"""The triage queue, reassignment, the caseload, escalation and the procedure warning over
HTTP, for the people allowed and refused; the public pages' plain English and footer."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from complaintsdesk.cases import services, services_ownership
from complaintsdesk.cases.models import Case, Directorate, ServiceArea, Stage
from complaintsdesk.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def arrival(world, *, via="web_form", hours=3):
    case = services.case_create(
        actor=None,
        procedure="children_statutory",
        service_area=world.area,
        received=timezone.localdate(),
        channel="web" if via == "web_form" else "email",
        received_via=via,
        complainant_name="Robin Resident",
    )
    Case.objects.filter(pk=case.pk).update(triage_since=timezone.now() - timedelta(hours=hours))
    return case


def test_the_triage_queue_leads_my_work_for_the_complaints_team(world, client_for):
    web, mail = arrival(world, hours=30), arrival(world, via="mailbox", hours=2)
    page = client_for("officer").get("/").content.decode()
    assert page.index('id="triage"') < page.index('id="acknowledgements"')
    queue = page[page.index('id="triage"') : page.index('id="acknowledgements"')]
    assert "Awaiting triage (3)" in queue  # the world's own triage case too
    # Longest waiting first; the route, who logged it and how long it has waited.
    assert queue.index(web.reference) < queue.index(mail.reference)
    assert "Public web form" in queue and "Team mailbox" in queue
    assert "The complainant" in queue and "1 day" in queue and "2 hours" in queue
    assert f"/cases/{web.reference}/-/triage/" in queue
    assert "Robin" not in queue  # no complainant names on the queue


def test_responding_managers_have_no_triage_queue(world, client_for):
    arrival(world)
    response = client_for("responder").get("/")
    assert response.status_code == 200 and response.context["work"].triage is None
    assert 'id="triage"' not in response.content.decode()


def test_triage_warns_about_an_unusual_procedure_and_saves_once_confirmed(world, client_for):
    adults = Directorate.objects.create(name="Adults' Services")
    asc = ServiceArea.objects.create(name="Adult Social Care", directorate=adults)
    client, case = client_for("officer"), world.triage
    data = {
        "version": case.version,
        "procedure": "children_statutory",
        "service_area": asc.pk,
        "first_stage": "stage1",
    }
    response = client.post(f"/cases/{case.reference}/-/triage/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "usually follow the Adults&#x27; statutory procedure" in body
    assert 'type="checkbox"' in body and "id_procedure_checked" in body
    case.refresh_from_db()
    assert case.status == "awaiting_triage" and not case.stages.exists()

    response = client.post(
        f"/cases/{case.reference}/-/triage/", {**data, "procedure_checked": "on"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.service_area, case.owner) == ("open", asc, world.users["officer"])
    event = AuditEvent.objects.get(case_reference=case.reference, kind="case.triaged")
    assert event.payload["warnings"] == ["procedure_service_area"]
    # The case page keeps saying so.
    assert "usually follow" in client.get(f"/cases/{case.reference}/").content.decode()


def test_the_triage_page_says_how_the_case_arrived_and_how_long_it_waited(world, client_for):
    case = arrival(world, hours=26)
    body = client_for("officer").get(f"/cases/{case.reference}/-/triage/").content.decode()
    assert "Arrived by public web form, logged by the complainant, waiting 1 day." in body


def test_a_usual_procedure_is_not_warned_about(world, client_for):
    response = client_for("officer").get(f"/cases/{world.triage.reference}/-/triage/")
    assert 'type="checkbox"' not in response.content.decode().split('id="main-form"')[1]


def test_logging_a_case_asks_for_confirmation_of_an_unusual_procedure(world, client_for):
    adults = Directorate.objects.create(name="Adults' Services")
    asc = ServiceArea.objects.create(name="Adult Social Care", directorate=adults)
    count = Case.objects.count()
    data = {
        "channel": "phone",
        "received-day": "3",
        "received-month": "3",
        "received-year": "2025",
        "procedure": "children_statutory",
        "service_area": asc.pk,
        "complainant_name": "Pat Parent",
        "summary": "Missed visits",
    }
    client = client_for("officer")
    assert client.post("/cases/new/", data).status_code == 400
    assert Case.objects.count() == count
    assert client.post("/cases/new/", {**data, "procedure_checked": "on"}).status_code == 302
    assert Case.objects.count() == count + 1


def test_escalation_asks_why(world, client_for):
    officer, case = world.users["officer"], world.front
    services.stage_respond(
        actor=officer, stage=case.stages.get(), on=date(2025, 3, 10), outcome="not_upheld"
    )
    case.refresh_from_db()
    client = client_for("officer")
    url = f"/cases/{case.reference}/-/escalate/"
    data = {
        "version": case.version,
        "started-day": "14",
        "started-month": "3",
        "started-year": "2025",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Choose why the complainant is escalating" in response.content.decode()
    assert not Stage.objects.filter(case=case, kind="stage2").exists()
    assert client.post(url, {**data, "reason": "unhappy_with_outcome"}).status_code == 302
    stage2 = Stage.objects.get(case=case, kind="stage2")
    assert stage2.escalation_reason == "unhappy_with_outcome"
    page = client.get(f"/cases/{case.reference}/").content.decode()
    assert "Why escalated" in page and "Unhappy with the outcome" in page


def test_the_case_list_shows_and_filters_owners(world, client_for):
    manager = world.users["manager"]
    services_ownership.case_reassign(
        actor=world.users["officer"], case=world.case_b, owner=manager, expected_version=None
    )
    client = client_for("officer")
    page = client.get(f"/cases/?owner={manager.pk}")
    assert [c.reference for c in page.context["page"].object_list] == [world.case_b.reference]
    assert "Owner and responding manager" in page.content.decode()
    nobody = client.get("/cases/?owner=0").context["page"].object_list
    assert list(nobody) == []  # every world case was logged by staff, so owned


def test_bulk_reassign_from_the_list(world, client_for):
    manager = world.users["manager"]
    client = client_for("officer")
    response = client.post(
        "/cases/reassign/",
        {"cases": [world.front.pk, world.case_b.pk], "owner": manager.pk, "next": "/cases/?q=x"},
    )
    assert response.status_code == 302 and response.url == "/cases/?q=x"
    owners = Case.objects.filter(pk__in=[world.front.pk, world.case_b.pk]).values_list(
        "owner", flat=True
    )
    assert set(owners) == {manager.pk}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"owner": "MANAGER"}, "Select at least one case"),
        ({"cases": ["FRONT"]}, "Choose who to reassign"),
        ({"cases": ["FRONT", "SECRET"], "owner": "MANAGER"}, "no longer available"),
        ({"cases": ["FRONT"], "owner": "LEADER"}, "Choose who to reassign"),
        ({"cases": ["one"], "owner": "MANAGER"}, "not understood"),
    ],
)
def test_a_bad_bulk_reassign_changes_nothing_and_says_why(world, client_for, data, message):
    ids = {
        "MANAGER": world.users["manager"].pk,
        "LEADER": world.users["leader"].pk,
        "FRONT": world.front.pk,
        "SECRET": world.secret.pk,  # restricted: the officer cannot see it
    }
    posted = {
        key: [ids.get(v, v) for v in value] if isinstance(value, list) else ids[value]
        for key, value in data.items()
    }
    client = client_for("officer")
    response = client.post("/cases/reassign/", {**posted, "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == "/cases/"
    assert not AuditEvent.objects.filter(kind="case.reassigned").exists()
    follow = client.get("/cases/").content.decode()
    assert "Nothing was reassigned" in follow and message in follow


def test_the_caseload_page_links_to_the_cases_it_counts(world, client_for):
    officer = world.users["officer"]
    services.stage_respond(
        actor=officer, stage=world.case_b.stages.get(), on=date(2025, 3, 10), outcome="upheld"
    )  # closed: not in the caseload, and not in the list it links to
    client = client_for("manager")
    page = client.get("/caseload/")
    assert page.status_code == 200
    assert 'id="total-open">4<' in page.content.decode()
    (row,) = [r for r in page.context["load"].by_owner if r.user_id == officer.pk]
    listed = client.get(f"/cases/?owner={officer.pk}&status=active")
    assert f"?owner={officer.pk}&amp;status=active" in page.content.decode()
    assert listed.context["page"].paginator.count == row.open == 4


def test_public_forms_use_the_public_name_of_a_service(world, client_for):
    client = client_for("manager")
    url = f"/administration/service-areas/{world.area.pk}/"
    response = client.post(url, {"public_name": "Help for children and families"})
    assert response.status_code == 302
    public = Client().get("/public/complaint/service/").content.decode()
    assert "Help for children and families" in public
    assert "Children&#x27;s social care" not in public


def test_the_public_pages_have_footer_links_and_our_statements(db, settings):
    settings.COMPLAINTSDESK = {
        **settings.COMPLAINTSDESK,
        "PRIVACY_NOTICE_URL": "https://www.example.gov.uk/privacy",
        "COOKIES_URL": "",
    }
    client = Client()
    start = client.get("/public/").content.decode()
    footer = start[start.index("govuk-footer") :]
    assert 'href="https://www.example.gov.uk/privacy">Privacy notice<' in footer
    assert 'href="/public/accessibility/">Accessibility statement<' in footer
    assert 'href="/public/cookies/">Cookies<' in footer
    statement = client.get("/public/accessibility/")
    assert statement.status_code == 200
    assert "WCAG" in statement.content.decode() and "Enforcement procedure" in (
        statement.content.decode()
    )
    assert client.get("/public/cookies/").status_code == 200


def test_the_upload_page_puts_continue_first(db):
    from tests.intake.support import answer, make_org

    org = make_org()
    client = Client()
    for step, data in [
        ("service", {"service_area": org["children"].pk}),
        ("about", {"about": "me"}),
        ("details", {"summary": "Nobody came."}),
        ("when", {"events_date_0": "24", "events_date_1": "2", "events_date_2": "2025"}),
        ("outcome", {"desired_outcome": "An apology."}),
    ]:
        assert answer(client, "complaint", step, data).status_code == 302
    page = client.get("/public/complaint/documents/").content.decode()
    assert page.index('value="continue"') < page.index('value="upload"')


def test_the_case_export_reports_owners_and_escalation_reasons(world, client_for):
    officer = world.users["officer"]
    services.stage_respond(
        actor=officer, stage=world.front.stages.get(), on=date(2025, 3, 10), outcome="upheld"
    )
    services.case_escalate(
        actor=officer, case=world.front, started=date(2025, 3, 14), reason="new_information"
    )
    export = b"".join(client_for("officer").get("/cases/export.csv").streaming_content)
    rows = {row["reference"]: row for row in csv.DictReader(io.StringIO(export.decode()))}
    front = rows[world.front.reference]
    assert (front["owner"], front["escalation_reason"]) == ("officer", "new_information")
    assert rows[world.case_b.reference]["escalation_reason"] == ""
    # case_a escalated without a reason (by the service, as the importer and API may).
    assert rows[world.case_a.reference]["escalation_reason"] == ""


@pytest.mark.parametrize(
    ("role", "link"),
    [
        ("officer", "?owner={pk}&amp;status=active"),
        ("responder", "?responding_manager={pk}&amp;status=active"),
        ("investigator", None),
    ],
)
def test_my_work_links_to_the_persons_own_cases(world, client_for, role, link):
    body = client_for(role).get("/").content.decode()
    if link is None:
        assert "status=active" not in body
    else:
        assert link.format(pk=world.users[role].pk) in body
