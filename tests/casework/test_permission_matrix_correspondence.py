"""Permission-matrix rows for the pages issue 14 added (the clock paused, letters, mail).

The rows and their checks are those of test_permission_matrix; kept in a file of their own
so the shared matrix is not edited by several branches at once.
"""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from complaintsdesk.correspondence.models import Correspondence
from tests.casework import test_permission_matrix as matrix
from tests.casework.conftest import pause_form

Row, case_url, versioned = matrix.Row, matrix.case_url, matrix.versioned
page_and_post = matrix.page_and_post
CASEWORK, MANAGER, VIEWERS_A = matrix.CASEWORK, matrix.MANAGER, matrix.VIEWERS_A


def _pause(w: Any) -> dict[str, Any]:
    return pause_form(w.front.version)


def corr(name: str, attr: str) -> Any:
    return lambda w: reverse(f"correspondence:{name}", args=[getattr(w, attr).reference])


def letter_keep(world: Any) -> None:
    """A letter kept on case_a, for the detail page's row."""
    world.letter = Correspondence.objects.create(
        case=world.case_a, direction="out", kind="holding", via="pdf", at=timezone.now(),
        subject="Update", body="Dear Alex",
    )  # fmt: skip


@pytest.fixture
def world(world):
    """The shared world plus a letter kept on case_a."""
    letter_keep(world)
    return world


def _kept_letter(w: Any) -> str:
    return reverse("correspondence:detail", args=[w.case_a.reference, w.letter.pk])


def _letter(w: Any) -> dict[str, Any]:
    return {"kind": "holding", "subject": "Update", "body": "Dear Alex", "via": "pdf"}


def _eml(w: Any) -> dict[str, Any]:
    raw = (
        b"From: Jo <jo@example.com>\r\nSubject: Hello\r\nMessage-ID: <m1@example.com>\r\n"
        b"\r\nHello there\r\n"
    )
    return {"file": SimpleUploadedFile("saved.eml", raw)}


ROWS = [
    *page_and_post(
        "pause stage 1",
        case_url("pause", "front", "stage1"),
        CASEWORK,
        post=_pause,
        audit_kind="stage.paused",
        case="front",
    ),
    Row("letters and emails", corr("list", "case_a"), VIEWERS_A, case="case_a"),
    Row("letters and emails, restricted", corr("list", "secret"), MANAGER, case="secret"),
    Row("a kept letter", _kept_letter, VIEWERS_A, case="case_a"),
    *page_and_post(
        "write a letter",
        corr("letter_new", "case_a"),
        CASEWORK,
        post_name="POST letter as PDF",
        post=_letter,
        audit_kind="correspondence.letter_produced",
        case="case_a",
    ),
    Row(
        "write a letter, merged",
        lambda w: corr("letter_new", "case_a")(w) + "?kind=acknowledgement",
        CASEWORK,
        case="case_a",
    ),
    *page_and_post(
        "add an email file",
        corr("email_file", "case_a"),
        CASEWORK,
        post_name="POST email file",
        post=_eml,
        audit_kind="correspondence.email_received",
        case="case_a",
    ),
    Row("letter templates", lambda w: "/administration/letters/", MANAGER),
    *page_and_post(
        "letter template",
        lambda w: "/administration/letters/holding/",
        MANAGER,
        post=lambda w: {"version": 0, "subject": "Update", "body": "By {{ due_date }}"},
        audit_kind="letter_template.saved",
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_permission(row, world, client_for) -> None:
    clients = {role: client_for(role) for role in matrix.ROLES}
    problems = [
        p for role in matrix.ROLES if (p := matrix.attempt(row, role, world, clients[role]))
    ]
    assert problems == [], f"{row.name}: " + "; ".join(problems)
