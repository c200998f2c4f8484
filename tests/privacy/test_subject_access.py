"""A subject access request: logged with its due date, everything held about the person
found, and the disclosure bundle holding every record and document of theirs and nothing of
anyone else's unmarked."""

import io
import re
import zipfile
from datetime import date

import pytest

from complaintsdesk.cases import services, services_documents
from complaintsdesk.cases.models import CasePerson
from complaintsdesk.cases.services_casework import case_viewed
from complaintsdesk.cases.services_people import case_person_link
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.people.models import Person
from complaintsdesk.privacy.sar import person_holdings
from complaintsdesk.privacy.sar_bundle import bundle_make
from complaintsdesk.privacy.services_sar import (
    sar_close,
    sar_create,
    sar_extend,
    sar_identity_confirm,
)
from tests.casework.conftest import PDF

pytestmark = pytest.mark.django_db
TODAY = date(2025, 9, 30)


def _log(world, procedure: str, **details):
    return services.case_create(
        actor=world.users["officer"],
        procedure=procedure,
        service_area=world.area,
        team=world.team_a,
        received=date(2025, 4, 1),
        first_stage="stage1",
        channel="email",
        **details,
    )


def _document(world, case, title: str, content: bytes = PDF):
    return services_documents.document_upload(
        actor=world.users["officer"],
        case=case,
        title=title,
        file=io.BytesIO(content),
        size=len(content),
    )


@pytest.fixture
def subject(world):
    """Priya Shah: complainant on two children's cases and one corporate case; other people
    (a child, a neighbour named in a note, another complainant) around her."""
    officer = world.users["officer"]
    first = _log(
        world,
        "children_statutory",
        complainant_name="Priya Shah",
        complainant_email="priya@example.com",
        complainant_phone="07700 900456",
        complainant_address="4 Mill Lane, Leeds LS1 4AP",
        summary="Priya Shah says the social worker Mr Gareth Jones missed visits to Leo Shah.",
        children=[{"name": "Leo Shah", "date_of_birth": date(2015, 5, 1)}],
    )
    priya = CasePerson.objects.get(case=first, role="complainant").person
    second = services.case_create(
        actor=officer,
        procedure="children_statutory",
        service_area=world.area,
        team=world.team_a,
        received=date(2025, 6, 2),
        first_stage="stage1",
        complainant_person=priya,
        complainant_name="Priya Shah",
        summary="A second complaint",
        children=[{"name": "Mia Shah"}],
    )
    third = services.case_create(
        actor=officer,
        procedure="corporate",
        service_area=world.area,
        team=world.team_a,
        received=date(2025, 7, 3),
        first_stage="stage1",
        complainant_person=priya,
        complainant_name="Priya Shah",
        summary="Bins not collected; neighbour Tom Baker agrees.",
    )
    services.note_add(
        actor=officer,
        case=first,
        text="Rang Priya. Her neighbour Tom Baker (07700 900111) called too.",
    )
    services.note_add(actor=officer, case=third, text="Visited 4 Mill Lane.")
    advocate = Person.objects.create(name="Ada Advocate", email="ada@advocacy.example.org")
    case_person_link(actor=officer, case=second, person=advocate, role="advocate")
    docs = [
        _document(world, c, f"Letter {n}", PDF + bytes([n]))
        for n, c in enumerate((first, second, third))
    ]
    case_viewed(actor=world.users["manager"], case=first)
    # Someone else's case, with a document: nothing of it may be in Priya's bundle.
    other = _log(
        world,
        "corporate",
        complainant_name="Zed Other",
        complainant_email="zed@example.com",
        summary="Zed's own complaint",
    )
    other_doc = _document(world, other, "Zed letter", PDF + b"zed")
    return {
        "person": priya,
        "cases": [first, second, third],
        "docs": docs,
        "other": other,
        "other_doc": other_doc,
    }


def _unmarked(html: str) -> str:
    """The index with every marked piece taken out: what would be released unreviewed."""
    return re.sub(r"<mark[^>]*>.*?</mark>", "", html, flags=re.S)


def test_the_bundle_holds_everything_of_theirs_and_nothing_of_others_unmarked(world, subject):
    sar = sar_create(
        actor=world.users["officer"],
        person=subject["person"],
        received=date(2025, 9, 1),
        today=TODAY,
    )
    holdings = person_holdings(user=world.users["officer"], person=subject["person"])
    assert sorted(holdings.references) == sorted(c.reference for c in subject["cases"])
    assert {h.case.procedure for h in holdings.cases} == {"children_statutory", "corporate"}
    bundle = bundle_make(sar=sar, holdings=holdings, pdf=True)

    archive = zipfile.ZipFile(io.BytesIO(bundle.content))
    names = archive.namelist()
    assert {"index.pdf", "index.html", "redactions.csv"} <= set(names)
    assert archive.read("index.pdf").startswith(b"%PDF")
    documents = [n for n in names if n.startswith("documents/")]
    assert len(documents) == 3 and bundle.documents == 3
    for doc in subject["docs"]:
        stored = [n for n in documents if f"/{doc.pk}-" in n]
        assert (
            len(stored) == 1
            and archive.read(stored[0]) == services_documents.document_path(doc).read_bytes()
        )
    assert not any(f"/{subject['other_doc'].pk}-" in n for n in documents)

    html = archive.read("index.html").decode()
    # Every record of hers: cases, stages, notes, her details, who read her records.
    for case in subject["cases"]:
        assert case.reference in html
    assert "Rang Priya" in html and "Visited 4 Mill Lane" in html
    assert "priya@example.com" in html
    assert "case.viewed" in html and "manager" in html
    # Nothing of anyone else's unmarked: the other person's case is absent altogether,
    # and third parties on her cases are marked.
    released = _unmarked(html)
    for theirs in ("Zed", "zed@example.com", subject["other"].reference):
        assert theirs not in html
    for third_party in ("Tom Baker", "07700 900111", "Gareth Jones", "Ada Advocate"):
        assert third_party in html and third_party not in released, third_party
    marks = archive.read("redactions.csv").decode()
    assert "Tom Baker" in marks and bundle.marks >= 4
    # Her own children are on her cases as children: marked for review, as third parties.
    assert "Leo Shah" not in released


def test_the_handler_sees_only_cases_they_may_open(world, subject):
    first = subject["cases"][0]
    first.restricted = True
    first.save(update_fields=["restricted"])
    holdings = person_holdings(user=world.users["officer"], person=subject["person"])
    assert first.reference not in holdings.references and holdings.hidden == 1
    holdings = person_holdings(user=world.users["manager"], person=subject["person"])
    assert first.reference in holdings.references and holdings.hidden == 0


def test_due_dates_identity_extension_and_closing_are_audited(world, subject):
    officer = world.users["officer"]
    sar = sar_create(
        actor=officer, person=subject["person"], received=date(2025, 7, 25), today=TODAY
    )
    assert sar.due == date(2025, 8, 26)  # 25 August 2025 is a bank holiday
    sar = sar_identity_confirm(
        actor=officer, sar=sar, on=date(2025, 8, 4), evidence="Passport", today=TODAY
    )
    assert sar.due == date(2025, 9, 4)  # the clock starts when identity is confirmed
    sar = sar_extend(actor=officer, sar=sar, reason="Many records across three cases")
    assert sar.due == date(2025, 11, 4)
    with pytest.raises(ServiceError):
        sar_extend(actor=officer, sar=sar, reason="Again")
    sar = sar_close(actor=officer, sar=sar, status="disclosed", on=date(2025, 9, 30), today=TODAY)
    kinds = list(
        AuditEvent.objects.filter(object_type="subjectaccessrequest").values_list("kind", flat=True)
    )
    assert kinds == ["sar.created", "sar.identity_confirmed", "sar.extended", "sar.disclosed"]
    with pytest.raises(ServiceError):
        sar_close(actor=officer, sar=sar, status="withdrawn", on=date(2025, 9, 30), today=TODAY)


@pytest.mark.parametrize(
    ("received", "checked"),
    [
        (date(2025, 10, 1), None),
        (date(2025, 9, 1), date(2025, 8, 1)),
        (date(2025, 9, 1), date(2025, 10, 9)),
    ],
)
def test_impossible_dates_are_refused(world, subject, received, checked):
    with pytest.raises(ServiceError):
        sar_create(
            actor=world.users["officer"],
            person=subject["person"],
            received=received,
            identity_checked=checked,
            today=TODAY,
        )
    assert not AuditEvent.objects.filter(kind="sar.created").exists()


def test_the_bundle_download_is_audited_and_a_zip(world, subject, client_for):
    sar = sar_create(
        actor=world.users["officer"],
        person=subject["person"],
        received=date(2025, 9, 1),
        today=TODAY,
    )
    response = client_for("officer").get(f"/data-protection/subject-access/{sar.pk}/bundle.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(response.content)).testzip() is None
    event = AuditEvent.objects.get(kind="sar.bundle_made")
    assert event.actor == world.users["officer"] and len(event.payload["cases"]) == 3
