"""The self-assessment pages and the Ombudsman figures: who may read, who may answer."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from complaintsdesk.codecompliance.models import OmbudsmanAnnualFigures, SelfAssessmentAnswer
from complaintsdesk.codecompliance.services import self_assessment_save
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.models import AuditEvent

pytestmark = pytest.mark.django_db
YEAR = "2026-27"


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# (role, year page, answer page GET, answer POST)
ACCESS = [
    ("manager", 200, 200, 302),
    ("officer", 200, 403, 403),
    ("leader", 200, 403, 403),
    ("responder", 403, 403, 403),
]


@pytest.mark.parametrize(("role", "view", "form", "post"), ACCESS)
def test_who_may_read_and_answer(people, role, view, form, post) -> None:
    client = client_of(getattr(people, role))
    assert client.get(f"/self-assessment/{YEAR}/").status_code == view
    assert client.get(f"/self-assessment/{YEAR}/5.1/").status_code == form
    response = client.post(
        f"/self-assessment/{YEAR}/5.1/",
        {"compliance": "partly", "explanation": "Most within 10 days", "evidence": "See figures"},
    )
    assert response.status_code == post
    saved = SelfAssessmentAnswer.objects.filter(provision="5.1").count()
    events = AuditEvent.objects.filter(kind="code.self_assessment_saved").count()
    assert (saved, events) == ((1, 1) if post == 302 else (0, 0))


def test_anonymous_is_sent_to_sign_in(people) -> None:
    assert Client().get(f"/self-assessment/{YEAR}/").status_code == 302


def test_bad_year_or_provision_is_not_found(people) -> None:
    client = client_of(people.manager)
    assert client.get("/self-assessment/2026-28/").status_code == 404
    assert client.get("/self-assessment/nonsense/").status_code == 404
    assert client.get(f"/self-assessment/{YEAR}/99.9/").status_code == 404
    assert client.get("/self-assessment/").status_code == 302


def test_every_save_is_a_new_version_shown_in_the_history(people) -> None:
    client = client_of(people.manager)
    client.post(f"/self-assessment/{YEAR}/2.3/", {"compliance": "no", "explanation": "Not yet"})
    client.post(f"/self-assessment/{YEAR}/2.3/", {"compliance": "yes", "explanation": "Online"})
    assert SelfAssessmentAnswer.objects.filter(provision="2.3").count() == 2
    page = client.get(f"/self-assessment/{YEAR}/").content.decode()
    assert "2 saved versions" in page and "Not yet" in page
    form = client.get(f"/self-assessment/{YEAR}/2.3/")
    assert form.context["form"].initial["compliance"] == "yes"


def test_a_refused_answer_shows_the_message_and_saves_nothing(people) -> None:
    response = client_of(people.manager).post(
        f"/self-assessment/{YEAR}/4.1/", {"compliance": "no", "explanation": ""}
    )
    assert response.status_code == 400
    assert "Explain why" in response.content.decode()
    assert not SelfAssessmentAnswer.objects.exists()


def test_the_service_refuses_others_than_the_manager(people) -> None:
    with pytest.raises(ServiceError, match="Only the complaints manager"):
        self_assessment_save(actor=people.officer, year=YEAR, provision="1.1", compliance="yes")
    with pytest.raises(ServiceError, match="no provision"):
        self_assessment_save(actor=people.manager, year=YEAR, provision="10.1", compliance="yes")
    with pytest.raises(ServiceError, match="yes, partly or no"):
        self_assessment_save(actor=people.manager, year=YEAR, provision="1.1", compliance="maybe")
    assert not AuditEvent.objects.filter(kind="code.self_assessment_saved").exists()


def test_evidence_is_filled_in_on_a_first_answer(people, area) -> None:
    from tests.codecompliance.conftest import add_stage

    add_stage(area, 1, "stage1", date(2026, 6, 1), acknowledged=date(2026, 6, 2))
    form = client_of(people.manager).get(f"/self-assessment/{YEAR}/4.2/")
    assert (
        "Stage 1 acknowledged within 5 working days: 1 of 1 (100%)"
        in (form.context["form"].initial["evidence"])
    )


CSV = b"year,decisions,upheld_rate,compliance_rate,remedies_satisfactory\n2026-27,4,50%,100,1\n"


@pytest.mark.parametrize(("role", "status"), [("manager", 302), ("officer", 403)])
def test_importing_the_ombudsman_figures(people, role, status) -> None:
    client = client_of(getattr(people, role))
    response = client.post(
        f"/self-assessment/{YEAR}/ombudsman-figures/",
        {"file": SimpleUploadedFile("lgsco.csv", CSV, content_type="text/csv")},
    )
    assert response.status_code == status
    assert OmbudsmanAnnualFigures.objects.filter(year=YEAR).exists() == (status == 302)
    assert AuditEvent.objects.filter(kind="code.ombudsman_figures_imported").exists() == (
        status == 302
    )


def test_a_bad_file_is_refused_with_its_problems(people) -> None:
    bad = b"year,decisions,upheld_rate\n2026-27,4,50%\n2027-28,many,120%\n"
    response = client_of(people.manager).post(
        f"/self-assessment/{YEAR}/ombudsman-figures/",
        {"file": SimpleUploadedFile("lgsco.csv", bad, content_type="text/csv")},
    )
    assert response.status_code == 400
    assert "Row 3" in response.content.decode()
    assert not OmbudsmanAnnualFigures.objects.exists()  # all or nothing
