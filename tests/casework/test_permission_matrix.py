"""Every role against every page and action, allowed and refused.

Each row names a page or action, how to reach it, and the roles allowed. A role that may not
see the case gets 404 (as if it did not exist); a role that sees the case but may not take
the action gets 403; pages outside a case answer 403 to roles without them. Anonymous
visitors are sent to sign in. POST rows also check that a refused write wrote nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from complaintsdesk.cases import services_learning, services_lgsco
from complaintsdesk.cases.access import cases_visible_to
from complaintsdesk.core.models import AuditEvent
from tests.casework.conftest import ALL

CASEWORK = {"officer", "manager"}
MANAGER = {"manager"}
VIEWERS_A = {
    "officer",
    "manager",
    "responder",
    "investigator",
    "independent",
}  # case_a: Team A, stage 2
VIEWERS_FRONT = {"officer", "manager", "responder"}  # front: Team A, stage 1
# Roles refused an Ombudsman page (403) before the linked case is looked at.
NO_LGSCO = {role: 403 for role in ALL if role not in CASEWORK}


@pytest.fixture
def world(world):
    """The shared world plus an Ombudsman case and a learning linked to the restricted case
    (kept here: other suites count the shared world's records)."""
    world.secret_lgsco = services_lgsco.lgsco_case_create(
        actor=world.users["manager"],
        lgsco_reference="25009999",
        service_area=world.area,
        received=date(2025, 6, 3),
        case=world.secret,
    )
    world.secret_learning = services_learning.learning_create(
        actor=world.users["manager"],
        service_area=world.area,
        team=world.team_a,
        recorded=date(2025, 4, 2),
        learning="Secret lesson",
        status="in_progress",
        case=world.secret,
    )
    world.compliment = services_learning.compliment_create(
        actor=world.users["officer"],
        received=date(2025, 4, 1),
        service_area=world.area,
        team=None,
        summary="Thank you for listening",
    )
    return world


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable[[Any], str]
    allowed: set[str]
    case: str | None = None  # the world attribute of the case the row acts on
    post: Callable[[Any], dict[str, Any]] | None = None
    audit_kind: str = ""
    ok: dict[str, int] = field(default_factory=dict)  # role -> status when allowed, if not 200/302
    refused: dict[str, int] = field(default_factory=dict)  # role -> status when refused, if set


def case_url(name: str, attr: str, *extra: str) -> Callable[[Any], str]:
    return lambda w: reverse(f"cases:{name}", args=[getattr(w, attr).reference, *extra])


def versioned(attr: str, **data: Any) -> Callable[[Any], dict[str, Any]]:
    def build(w: Any) -> dict[str, Any]:
        case = getattr(w, attr)
        case.refresh_from_db()
        return {"version": case.version, **data}

    return build


ROWS = [
    # --- pages outside a case
    # Leadership are sent to the reports: no case list or case page for them.
    Row("my work", lambda w: "/", set(ALL), ok={"leader": 302}),
    Row("case list", lambda w: "/cases/", set(ALL) - {"leader"}),
    Row("case export", lambda w: "/cases/export.csv", CASEWORK),
    Row("log a case", lambda w: "/cases/new/", CASEWORK),
    Row("ombudsman list", lambda w: "/ombudsman/", CASEWORK),
    Row("ombudsman new", lambda w: "/ombudsman/new/", CASEWORK),
    Row("ombudsman page", lambda w: f"/ombudsman/{w.lgsco.pk}/", CASEWORK),
    Row("ombudsman decision", lambda w: f"/ombudsman/{w.lgsco.pk}/decision/", CASEWORK),
    Row("ombudsman compliance", lambda w: f"/ombudsman/{w.lgsco.pk}/compliance/", CASEWORK),
    Row(
        "ombudsman recommendation new",
        lambda w: f"/ombudsman/{w.lgsco.pk}/recommendations/new/",
        CASEWORK,
    ),
    # An Ombudsman case or learning on a restricted case goes with the case: "not found".
    Row(
        "ombudsman recommendation new, restricted case",
        lambda w: f"/ombudsman/{w.secret_lgsco.pk}/recommendations/new/",
        MANAGER,
        case="secret",
        refused=NO_LGSCO,
    ),
    Row(
        "ombudsman page, restricted case",
        lambda w: f"/ombudsman/{w.secret_lgsco.pk}/",
        MANAGER,
        case="secret",
        refused=NO_LGSCO,
    ),
    Row(
        "ombudsman decision, restricted case",
        lambda w: f"/ombudsman/{w.secret_lgsco.pk}/decision/",
        MANAGER,
        case="secret",
        refused=NO_LGSCO,
    ),
    Row(
        "ombudsman compliance, restricted case",
        lambda w: f"/ombudsman/{w.secret_lgsco.pk}/compliance/",
        MANAGER,
        case="secret",
        refused=NO_LGSCO,
    ),
    Row(
        "learning edit, restricted case",
        lambda w: f"/learning/{w.secret_learning.pk}/",
        MANAGER,
        case="secret",
        refused={"investigator": 403, "independent": 403, "panel": 403, "leader": 403},
    ),
    Row("learning list", lambda w: "/learning/", CASEWORK | {"responder"}),
    Row("learning new", lambda w: "/learning/new/", CASEWORK | {"responder"}),
    Row("learning edit", lambda w: f"/learning/{w.learning.pk}/", CASEWORK | {"responder"}),
    Row("compliments", lambda w: "/compliments/", CASEWORK),
    Row("compliment new", lambda w: "/compliments/new/", CASEWORK),
    Row("compliment edit", lambda w: f"/compliments/{w.compliment.pk}/", CASEWORK),
    Row("administration", lambda w: "/administration/", MANAGER),
    Row("organisation", lambda w: "/administration/organisation/", MANAGER),
    Row("directorate new", lambda w: "/administration/directorates/new/", MANAGER),
    Row("service area new", lambda w: "/administration/service-areas/new/", MANAGER),
    Row("team new", lambda w: "/administration/teams/new/", MANAGER),
    Row("users", lambda w: "/administration/users/", MANAGER),
    Row("user new", lambda w: "/administration/users/new/", MANAGER),
    Row("user edit", lambda w: f"/administration/users/{w.users['panel'].pk}/", MANAGER),
    Row("closure days", lambda w: "/administration/closure-days/", MANAGER),
    Row("timescales", lambda w: "/administration/timescales/", MANAGER),
    Row("timescale new", lambda w: "/administration/timescales/new/", MANAGER),
    Row("audit export", lambda w: "/administration/audit.csv", MANAGER),
    # --- case pages and actions
    Row("case page", case_url("case", "case_a"), VIEWERS_A, case="case_a"),
    Row("case page team B", case_url("case", "case_b"), CASEWORK, case="case_b"),
    Row("restricted case page", case_url("case", "secret"), MANAGER, case="secret"),
    Row("case audit", case_url("audit", "case_a"), MANAGER, case="case_a"),
    Row("triage", case_url("triage", "triage"), CASEWORK, case="triage"),
    Row("close", case_url("close", "triage"), CASEWORK, case="triage"),
    Row("edit", case_url("edit", "case_a"), CASEWORK, case="case_a"),
    Row("who can see", case_url("restrict", "case_a"), CASEWORK, case="case_a"),
    Row("who can see, restricted case", case_url("restrict", "secret"), MANAGER, case="secret"),
    Row("escalate", case_url("escalate", "front"), CASEWORK, case="front"),
    Row("link", case_url("link", "case_a"), CASEWORK, case="case_a"),
    Row("add child", case_url("child", "case_a"), CASEWORK, case="case_a"),
    Row("note", case_url("note", "case_a"), VIEWERS_A, case="case_a"),
    Row("upload document", case_url("document_upload", "case_a"), VIEWERS_A, case="case_a"),
    Row(
        "download document",
        lambda w: reverse("cases:document", args=[w.case_a.reference, w.document.pk]),
        VIEWERS_A,
        case="case_a",
    ),
    Row(
        "remove document page",
        lambda w: reverse("cases:document_remove", args=[w.case_a.reference, w.document.pk]),
        CASEWORK,
        case="case_a",
    ),
    Row(
        "remove document",
        lambda w: reverse("cases:document_remove", args=[w.case_a.reference, w.document.pk]),
        CASEWORK,
        case="case_a",
        post=lambda w: {"reason": "Uploaded to the wrong case"},
        audit_kind="document.removed",
    ),
    Row(
        "record learning",
        case_url("learning_new", "case_a"),
        CASEWORK | {"responder"},
        case="case_a",
    ),
    Row(
        "acknowledge stage 1",
        case_url("acknowledge", "front", "stage1"),
        VIEWERS_FRONT,
        case="front",
    ),
    Row("respond stage 1", case_url("respond", "front", "stage1"), VIEWERS_FRONT, case="front"),
    Row("extend stage 1", case_url("extend", "front", "stage1"), CASEWORK, case="front"),
    Row("withdraw stage 1", case_url("withdraw", "front", "stage1"), CASEWORK, case="front"),
    Row(
        "acknowledge stage 2", case_url("acknowledge", "case_a", "stage2"), CASEWORK, case="case_a"
    ),
    Row("respond stage 2", case_url("respond", "case_a", "stage2"), CASEWORK, case="case_a"),
    Row("extend stage 2", case_url("extend", "case_a", "stage2"), CASEWORK, case="case_a"),
    Row("withdraw stage 2", case_url("withdraw", "case_a", "stage2"), CASEWORK, case="case_a"),
    Row("appoint stage 2", case_url("appoint", "case_a", "stage2"), CASEWORK, case="case_a"),
    Row("costs stage 2", case_url("costs", "case_a", "stage2"), CASEWORK, case="case_a"),
    Row("reopen stage 1", case_url("stage_reopen", "case_a", "stage1"), CASEWORK, case="case_a"),
    Row("panel", case_url("panel", "case_a", "stage2"), CASEWORK, case="case_a"),
    # --- writes: allowed ones redirect; refused ones write nothing
    Row(
        "POST note",
        case_url("note", "case_a"),
        VIEWERS_A,
        case="case_a",
        post=versioned("case_a", text="Rang the complainant"),
        audit_kind="case.note_added",
    ),
    Row(
        "POST respond stage 1",
        case_url("respond", "front", "stage1"),
        VIEWERS_FRONT,
        case="front",
        post=versioned("front", on="2025-03-12", outcome="upheld"),
        audit_kind="stage.responded",
    ),
    Row(
        "POST extend stage 2",
        case_url("extend", "case_a", "stage2"),
        CASEWORK,
        case="case_a",
        post=versioned("case_a", extended_to="2025-05-20", reason="Agreed by phone"),
        audit_kind="stage.extended",
    ),
    Row(
        "POST appoint stage 2",
        case_url("appoint", "case_a", "stage2"),
        CASEWORK,
        case="case_a",
        post=versioned(
            "case_a", role="investigating_officer", name="A Consultant", on="2025-03-20"
        ),
        audit_kind="stage.appointed",
    ),
    Row(
        "POST triage",
        case_url("triage", "triage"),
        CASEWORK,
        case="triage",
        post=lambda w: {
            "version": w.triage.version,
            "procedure": "children_statutory",
            "service_area": w.area.pk,
            "team": w.team_a.pk,
            "first_stage": "stage1",
        },
        audit_kind="case.triaged",
    ),
    Row(
        "POST edit",
        case_url("edit", "case_a"),
        CASEWORK,
        case="case_a",
        post=lambda w: {
            "version": w.case_a.version,
            "service_area": w.area.pk,
            "team": w.team_a.pk,
            "complainant_name": "Alex Example",
            "summary": "New summary",
        },
        audit_kind="case.updated",
    ),
    Row(
        "POST edit every detail",
        case_url("edit", "case_a"),
        CASEWORK,
        case="case_a",
        post=lambda w: {
            **versioned("case_a")(w),
            "service_area": w.area.pk,
            "team": w.team_a.pk,
            "channel": "letter",
            "complainant_name": "Alex Example",
            "complainant_address": "1 High Street",
            "consent_to_act": "yes",
            "advocacy_service": "Coram Voice",
            "relationship_to_child": "Mother",
            "events_date-day": "1",
            "events_date-month": "2",
            "events_date-year": "2025",
            "summary": "New summary",
            "desired_outcome": "An apology",
        },
        audit_kind="case.updated",
    ),
    Row(
        "POST restrict",
        case_url("restrict", "case_a"),
        CASEWORK,
        case="case_a",
        post=lambda w: {
            **versioned("case_a")(w),
            "restricted": "yes",
            "named_users": [w.users["officer"].pk, w.users["investigator"].pk],
        },
        audit_kind="case.access_changed",
    ),
    Row(
        "POST lift restriction",
        case_url("restrict", "secret"),
        MANAGER,
        case="secret",
        post=versioned("secret", restricted="no"),
        audit_kind="case.access_changed",
    ),
    Row(
        "POST learning",
        case_url("learning_new", "case_a"),
        CASEWORK | {"responder"},
        case="case_a",
        post=lambda w: {
            "service_area": w.area.pk,
            "learning": "Check plans weekly",
            "status": "in_progress",
        },
        audit_kind="learning.created",
    ),
    Row(
        "POST compliment",
        lambda w: "/compliments/new/",
        CASEWORK,
        post=lambda w: {
            "service_area": w.area.pk,
            "received": "2025-04-01",
            "summary": "Thank you",
        },
        audit_kind="compliment.created",
    ),
    Row(
        "POST compliment edit",
        lambda w: f"/compliments/{w.compliment.pk}/",
        CASEWORK,
        post=lambda w: {
            "service_area": w.area.pk,
            "received": "2025-04-02",
            "summary": "Thank you for listening to us",
            "version": 1,
        },
        audit_kind="compliment.updated",
    ),
    Row(
        "POST directorate",
        lambda w: "/administration/directorates/new/",
        MANAGER,
        post=lambda w: {"name": "Adults"},
        audit_kind="organisation.directorate_created",
    ),
]


def expected_status(row: Row, role: str, world: Any) -> int:
    if role == "anonymous":
        return 302
    if role in row.allowed:
        return row.ok.get(role, 302 if row.post else 200)
    if role in row.refused:
        return row.refused[role]
    if row.case is not None:
        case = getattr(world, row.case)
        sees = cases_visible_to(world.users[role]).filter(pk=case.pk).exists()
        return 403 if sees else 404
    return 403


ROLES = (*ALL, "anonymous")


def attempt(row: Row, role: str, world: Any, client: Any) -> str | None:
    """Request inside a rolled-back savepoint, so every role meets the same world."""
    expected = expected_status(row, role, world)
    with transaction.atomic():
        before = AuditEvent.objects.filter(kind=row.audit_kind).count() if row.audit_kind else 0
        response = (
            client.post(row.url(world), row.post(world)) if row.post else client.get(row.url(world))
        )
        written = (
            AuditEvent.objects.filter(kind=row.audit_kind).count() - before if row.audit_kind else 0
        )
        transaction.set_rollback(True)
    if response.status_code != expected:
        return f"{role}: got {response.status_code}, expected {expected}"
    if role == "anonymous" and not response.url.startswith("/accounts/sign-in/"):
        return f"{role}: redirected to {response.url}, not to sign in"
    if row.audit_kind and written != (1 if expected == 302 and role != "anonymous" else 0):
        return f"{role}: {written} {row.audit_kind} events written"
    return None


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_permission(row: Row, world, client_for) -> None:
    clients = {role: client_for(role) for role in ROLES}
    problems = [p for role in ROLES if (p := attempt(row, role, world, clients[role]))]
    assert problems == [], f"{row.name}: " + "; ".join(problems)


@pytest.mark.parametrize("role", ALL)
def test_list_shows_exactly_the_cases_the_detail_page_allows(role: str, world, client_for) -> None:
    """The list and the case page use the same filter: what one shows, the other opens."""
    client = client_for(role)
    cases = [world.front, world.case_a, world.case_b, world.secret, world.triage]
    listed = client.get("/cases/").content.decode() if role != "leader" else ""
    for case in cases:
        opens = client.get(reverse("cases:case", args=[case.reference])).status_code == 200
        shown = f'href="/cases/{case.reference}/"' in listed
        assert opens == shown, f"{role} {case.reference}: opens={opens} shown={shown}"


def test_visibility_table(world) -> None:
    """The rules of domain.md, spelled out case by case."""
    table = {
        "officer": {"front", "case_a", "case_b", "triage"},
        "manager": {"front", "case_a", "case_b", "secret", "triage"},
        "responder": {"front", "case_a"},
        "investigator": {"case_a"},
        "independent": {"case_a"},
        "panel": set(),
        "leader": set(),
    }
    for role, expected in table.items():
        visible = set(cases_visible_to(world.users[role]).values_list("reference", flat=True))
        names = {
            n
            for n in ("front", "case_a", "case_b", "secret", "triage")
            if getattr(world, n).reference in visible
        }
        assert names == expected, role


def test_named_on_a_restricted_case_sees_it(world) -> None:
    world.secret.restricted_to.add(world.users["responder"])
    assert cases_visible_to(world.users["responder"]).filter(pk=world.secret.pk).exists()
    # Named but outside the case's team: restriction narrows access, it never widens it.
    world.secret.restricted_to.add(world.users["panel"])
    assert not cases_visible_to(world.users["panel"]).filter(pk=world.secret.pk).exists()
