"""The report pages: who may see what, the drill-down, narrative editing, the privacy flow."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from complaintsdesk.cases.models import Learning
from complaintsdesk.reporting.models import PrivacyAcceptance, ReportNarrative
from tests.reporting_docs.data import CSC, report_finish

pytestmark = pytest.mark.django_db
ANNUAL = reverse("reporting:annual") + "?year=2023-24"


def test_signed_out_people_are_sent_to_sign_in(client, world):
    response = client.get(ANNUAL)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_people_outside_the_complaints_team_and_leadership_are_refused(client, world, responder):
    client.force_login(responder)
    assert client.get(ANNUAL).status_code == 403
    assert client.get(reverse("reporting:records")).status_code == 403


def test_officer_sees_the_internal_edition_with_links_to_records(client, world, officer):
    client.force_login(officer)
    page = client.get(ANNUAL).content.decode()
    assert "Internal edition" in page and "/reports/records/?" in page
    assert "self-checks passed" in page
    assert (
        "Equality monitoring" in page
        and "<svg" not in page
        and 'alt="Complaints received by quarter' in page
    )


def test_leadership_get_only_the_published_edition_without_records(client, world, leader):
    client.force_login(leader)
    page = client.get(ANNUAL + "&edition=internal").content.decode()
    assert "Published edition" in page and "/reports/records/" not in page
    query = urlencode(
        {
            "year": "2023-24",
            "by": "council",
            "group": "council",
            "period": "year",
            "figure": "formal",
        }
    )
    assert client.get(reverse("reporting:records") + "?" + query).status_code == 403
    assert (
        client.get(reverse("reporting:narrative", args=["2023-24", "summary"])).status_code == 403
    )


def test_leadership_see_nothing_while_personal_data_is_open(client, keira_world, leader):
    client.force_login(leader)
    page = client.get(ANNUAL).content.decode()
    assert "not ready yet" in page and "Keira" not in page
    download = client.get(reverse("reporting:annual_download", args=["pdf"]) + "?year=2023-24")
    assert download.status_code == 409 and b"Keira" not in download.content


def test_drill_down_lists_exactly_the_records_counted(client, world, officer):
    client.force_login(officer)
    query = urlencode(
        {"year": "2023-24", "by": "service_area", "group": CSC, "period": "Q1", "figure": "formal"}
    )
    page = client.get(reverse("reporting:records") + "?" + query).content.decode()
    assert "3 records" in page
    assert page.count("Stage 1</td>") == 3


def test_drill_down_of_a_percentage_lists_numerator_and_denominator(client, world, manager):
    client.force_login(manager)
    query = urlencode(
        {
            "year": "2023-24",
            "by": "council",
            "group": "council",
            "period": "year",
            "figure": "overdue_pct",
        }
    )
    page = client.get(reverse("reporting:records") + "?" + query).content.decode()
    assert "Counted: 8 records" in page and "Out of: 24 records" in page


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "xlsx", "json"])
def test_downloads_in_each_format(client, world, manager, fmt):
    report_finish(manager=manager)
    client.force_login(manager)
    response = client.get(
        reverse("reporting:annual_download", args=[fmt]) + "?year=2023-24&edition=published"
    )
    assert response.status_code == 200
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    assert response["Content-Disposition"].startswith(f"{disposition}; filename=")
    assert "published" in response["Content-Disposition"]
    assert response.streaming  # sent in chunks, not held whole in the response
    body = b"".join(response.streaming_content)
    assert len(body) > 1000 and int(response["Content-Length"]) == len(body)


def test_quarterly_dashboard_filtered_by_service_area(client, world, officer):
    client.force_login(officer)
    page = client.get(
        reverse("reporting:quarterly")
        + "?"
        + urlencode({"year": "2023-24", "quarter": "Q2", "service_area": CSC})
    ).content.decode()
    assert "Children&#x27;s Social Care: complaints dashboard, Q2 2023-24" in page
    assert "Children&#x27;s Non-Social Care, 2023-24" not in page


def test_narrative_page_offers_the_draft_and_saves_a_version(client, world, manager):
    client.force_login(manager)
    url = reverse("reporting:narrative", args=["2023-24", "summary"])
    page = client.get(url).content.decode()
    assert (
        "Children&#x27;s whole authority: Children&#x27;s Non-Social Care: "
        "Formal complaints stayed at 12, as in 2022-23." in page
    )
    response = client.post(url, {"text": "Our own words."})
    assert response.status_code == 302
    assert ReportNarrative.objects.get().author == manager
    assert "Our own words." in client.get(ANNUAL).content.decode()


def test_privacy_findings_can_be_accepted(client, keira_world, manager):
    client.force_login(manager)
    url = reverse("reporting:privacy", args=["2023-24"])
    page = client.get(url).content.decode()
    assert "Learning L-KEIRA" in page and "Keira" in page
    from complaintsdesk.reporting.annual.build import annual_report_build

    f = annual_report_build(year="2023-24", edition="published").findings[0]
    client.post(
        url,
        {
            "record_type": f.source.record_type,
            "record_id": f.source.record_id,
            "field": f.source.field,
            "finding": f.finding_hash,
        },
    )
    assert PrivacyAcceptance.objects.get().accepted_by == manager
    assert "Ready to publish" in client.get(url).content.decode()


def test_privacy_findings_can_be_redacted_in_the_record(client, keira_world, manager):
    report_finish(manager=manager)
    client.force_login(manager)
    learning = keira_world.keira
    url = reverse("reporting:privacy_redact", args=["2023-24"])
    ident = {"record_type": "learning", "record_id": str(learning.pk), "field": "learning"}
    form = client.get(url + "?" + urlencode(ident)).content.decode()
    assert "ensure [name]&#x27;s immediate safety" in form
    client.post(url, {**ident, "text": "CHAD services acted to ensure the young person's safety."})
    assert (
        Learning.objects.get(pk=learning.pk).learning
        == "CHAD services acted to ensure the young person's safety."
    )
    download = client.get(
        reverse("reporting:annual_download", args=["json"]) + "?year=2023-24&edition=published"
    )
    assert download.status_code == 200
