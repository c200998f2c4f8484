"""The staff pages of an anonymised case: every write the permission matrix posts (with the
data that succeeds on a live case) is answered 409 with the message and writes nothing; any
POST to any of its pages is never a 5xx; the case page shows the banner and no edit action."""

from datetime import date

import pytest

from complaintsdesk.cases import services_learning, services_lgsco
from complaintsdesk.cases.services_anonymise import cases_anonymise
from tests.casework import test_permission_matrix as matrix
from tests.casework import test_permission_matrix_correspondence as matrix_correspondence
from tests.privacy.test_anonymised_read_only import ANONYMISED_ON, MESSAGE, database

pytestmark = pytest.mark.django_db
CASES = ("front", "case_a", "case_b", "secret", "triage")
ROWS = matrix.ROWS + matrix_correspondence.ROWS
# Writes to a case's content (holds, breaches and requests are the council's own records).
CASE_WRITES = [r for r in ROWS if r.post and r.case]
CASE_PAGES = [r for r in ROWS if r.case]


@pytest.fixture
def anonymised(world):
    matrix_correspondence.letter_keep(world)
    # The Ombudsman and learning pages of the restricted case, as the matrix's world has them.
    manager = world.users["manager"]
    world.secret_lgsco = services_lgsco.lgsco_case_create(
        actor=manager, lgsco_reference="25009999", service_area=world.area,
        received=date(2025, 6, 3), case=world.secret,
    )  # fmt: skip
    world.secret_learning = services_learning.learning_create(
        actor=manager, service_area=world.area, recorded=date(2025, 4, 2),
        learning="Secret lesson", status="in_progress", case=world.secret,
    )  # fmt: skip
    cases = [getattr(world, name) for name in CASES]
    cases_anonymise(actor=None, case_ids=[c.pk for c in cases], why="retention", now=ANONYMISED_ON)
    for case in cases:
        case.refresh_from_db()
    return world


def test_the_table_covers_the_case_writes():
    """A row that is not a case write would make the test below vacuous; none are missed."""
    assert {r.audit_kind for r in CASE_WRITES} >= {
        "case.note_added", "stage.responded", "stage.extended", "stage.appointed",
        "case.triaged", "case.updated", "case.access_changed", "case.reassigned",
        "document.removed", "learning.created", "stage.paused",
        "correspondence.letter_produced", "correspondence.email_received",
    }  # fmt: skip


@pytest.mark.parametrize("row", CASE_WRITES, ids=[r.name for r in CASE_WRITES])
def test_every_case_write_page_refuses_with_409_and_writes_nothing(anonymised, client_for, row):
    before = database()
    response = client_for("manager").post(row.url(anonymised), row.post(anonymised))
    if row.audit_kind == "document.removed":  # anonymising deleted the documents already
        assert response.status_code == 404
    else:
        assert response.status_code == 409, (row.name, response.status_code)
        assert MESSAGE in response.content.decode()
    assert database() == before


@pytest.mark.parametrize("row", CASE_PAGES, ids=[r.name for r in CASE_PAGES])
def test_any_post_to_an_anonymised_case_page_is_never_a_5xx(anonymised, client_for, row):
    before = database()
    response = client_for("manager").post(row.url(anonymised), {})
    assert response.status_code < 500, row.name
    assert _unread(database()) == _unread(before)


def _unread(held: dict) -> dict:
    """Without the audit of reads (a page read records who read it; that is not a change)."""
    events = [
        e for e in held["AuditEvent"] if e["kind"] not in ("case.viewed", "document.downloaded")
    ]
    return {**held, "AuditEvent": events}


def test_the_case_page_shows_the_banner_and_no_edit_action(anonymised, client_for):
    page = client_for("manager").get(f"/cases/{anonymised.front.reference}/").content.decode()
    assert "This case was anonymised on 1 April 2031; it can no longer be changed." in page
    for edit in ("/-/edit/", "/-/notes/new/", "/-/stages/stage1/respond/", "/-/documents/new/"):
        assert edit not in page, edit
    assert "/-/audit/" in page  # reading stays
    letters = client_for("manager").get(f"/cases/{anonymised.front.reference}/-/correspondence/")
    assert "Write a letter" not in letters.content.decode()


def test_a_live_case_page_has_no_banner_and_its_edit_actions(world, client_for):
    page = client_for("manager").get(f"/cases/{world.front.reference}/").content.decode()
    assert "was anonymised on" not in page
    assert "/-/edit/" in page and "/-/notes/new/" in page
