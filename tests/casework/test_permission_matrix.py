"""Every role against every page and action, allowed and refused.

Each row names a page or action, how to reach it, and the roles allowed. A role that may not
see the case gets 404 (as if it did not exist); a role that sees the case but may not take
the action gets 403; pages outside a case answer 403 to roles without them. Anonymous
visitors are sent to sign in. POST rows also check that a refused write wrote nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from complaintsdesk.cases import services_learning, services_lgsco
from complaintsdesk.cases.access import cases_visible_to
from complaintsdesk.cases.models import CasePerson
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.privacy.services import legal_hold_set
from complaintsdesk.privacy.services_breach import breach_record
from complaintsdesk.privacy.services_sar import sar_create
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
    links = CasePerson.objects.filter(role="complainant")
    world.person_a = links.get(case=world.case_a).person
    world.person_b = links.get(case=world.case_b).person
    world.person_secret = links.get(case=world.secret).person
    manager = world.users["manager"]
    world.sar = sar_create(
        actor=manager, person=world.person_a, received=date(2025, 6, 2), today=date(2025, 6, 3)
    )
    aware = datetime(2025, 6, 2, 10, 0, tzinfo=UTC)
    world.breach = breach_record(
        actor=manager,
        occurred=date(2025, 6, 1),
        aware_at=aware,
        description="Misdirected email",
        case=world.case_a,
    )
    world.breach_secret = breach_record(
        actor=manager,
        occurred=date(2025, 6, 1),
        aware_at=aware,
        description="Lost file",
        case=world.secret,
    )
    world.hold = legal_hold_set(actor=manager, case=world.case_b, reason="Claim")
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


def page_and_post(
    name: str,
    url: Callable[[Any], str],
    allowed: set[str],
    *,
    post: Callable[[Any], dict[str, Any]],
    audit_kind: str,
    post_name: str = "",
    **kw: Any,
) -> list[Row]:
    """A form's page and its POST: the same address and roles; the POST row also checks that
    an allowed write is audited and a refused one wrote nothing."""
    return [
        Row(name, url, allowed, **kw),
        Row(post_name or f"POST {name}", url, allowed, post=post, audit_kind=audit_kind, **kw),
    ]


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
    # A caseload for managers: the complaints manager's of every case, a responding
    # manager's of their teams' cases.
    Row("team caseload", lambda w: "/caseload/", MANAGER | {"responder"}),
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
    *page_and_post(
        "compliment new",
        lambda w: "/compliments/new/",
        CASEWORK,
        post_name="POST compliment",
        post=lambda w: {
            "service_area": w.area.pk,
            "received": "2025-04-01",
            "summary": "Thank you",
        },
        audit_kind="compliment.created",
    ),
    *page_and_post(
        "compliment edit",
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
    Row("administration", lambda w: "/administration/", MANAGER),
    Row("organisation", lambda w: "/administration/organisation/", MANAGER),
    *page_and_post(
        "directorate new",
        lambda w: "/administration/directorates/new/",
        MANAGER,
        post_name="POST directorate",
        post=lambda w: {"name": "Adults"},
        audit_kind="organisation.directorate_created",
    ),
    Row("service area new", lambda w: "/administration/service-areas/new/", MANAGER),
    Row("team new", lambda w: "/administration/teams/new/", MANAGER),
    *page_and_post(
        "service area public name",
        lambda w: f"/administration/service-areas/{w.area.pk}/",
        MANAGER,
        post=lambda w: {"public_name": "Help for children and families"},
        audit_kind="organisation.service_area_public_name_set",
    ),
    Row("users", lambda w: "/administration/users/", MANAGER),
    Row("user new", lambda w: "/administration/users/new/", MANAGER),
    Row("user edit", lambda w: f"/administration/users/{w.users['panel'].pk}/", MANAGER),
    Row("closure days", lambda w: "/administration/closure-days/", MANAGER),
    Row("timescales", lambda w: "/administration/timescales/", MANAGER),
    Row("timescale new", lambda w: "/administration/timescales/new/", MANAGER),
    Row("audit export", lambda w: "/administration/audit.csv", MANAGER),
    # --- people records (a person on a restricted case is hidden with it: 404)
    Row("find a person", lambda w: "/people/?name=alex", CASEWORK),
    Row("person page", lambda w: f"/people/{w.person_a.pk}/", CASEWORK),
    *page_and_post(
        "person edit",
        lambda w: f"/people/{w.person_a.pk}/edit/",
        CASEWORK,
        post=lambda w: {"name": "Alex Example", "email": "alex@example.com"},
        audit_kind="person.updated",
    ),
    *page_and_post(
        "person merge",
        lambda w: f"/people/{w.person_a.pk}/merge/",
        MANAGER,
        post=lambda w: {"other": w.person_b.pk, "confirm": "on"},
        audit_kind="person.merged",
    ),
    Row(
        "person page, restricted case",
        lambda w: f"/people/{w.person_secret.pk}/",
        MANAGER,
        refused={"officer": 404},
    ),
    # --- data protection
    Row("data protection", lambda w: "/data-protection/", CASEWORK),
    Row("retention", lambda w: "/data-protection/retention/", CASEWORK),
    *page_and_post(
        "retention schedule new",
        lambda w: "/data-protection/retention/new/",
        MANAGER,
        post=lambda w: {
            "effective_from": "2099-01-01",
            **{
                f"{p}__{r}": "84"
                for p in ("children_statutory", "adults_statutory", "corporate")
                for r in ("case", "documents")
            },
        },
        audit_kind="retention.schedule_added",
    ),
    *page_and_post(
        "hold a case",
        lambda w: f"/data-protection/cases/{w.case_a.reference}/-/hold/",
        MANAGER,
        post=lambda w: {"reason": "Insurance claim"},
        audit_kind="legal_hold.set",
    ),
    Row("hold a person", lambda w: f"/data-protection/people/{w.person_a.pk}/hold/", MANAGER),
    Row("lift a hold", lambda w: f"/data-protection/holds/{w.hold.pk}/lift/", MANAGER),
    Row("erasure", lambda w: f"/data-protection/people/{w.person_a.pk}/erase/", MANAGER),
    Row(
        "erasure, restricted case's person",
        lambda w: f"/data-protection/people/{w.person_secret.pk}/erase/",
        MANAGER,
    ),
    Row("SAR list", lambda w: "/data-protection/subject-access/", CASEWORK),
    *page_and_post(
        "SAR new",
        lambda w: f"/data-protection/people/{w.person_a.pk}/subject-access/new/",
        CASEWORK,
        post=lambda w: {"received": "2025-06-02"},
        audit_kind="sar.created",
    ),
    Row(
        "SAR new, restricted case's person",
        lambda w: f"/data-protection/people/{w.person_secret.pk}/subject-access/new/",
        MANAGER,
        refused={"officer": 404},
    ),
    Row("SAR page", lambda w: f"/data-protection/subject-access/{w.sar.pk}/", CASEWORK),
    Row(
        "SAR identity", lambda w: f"/data-protection/subject-access/{w.sar.pk}/identity/", CASEWORK
    ),
    *page_and_post(
        "SAR extend",
        lambda w: f"/data-protection/subject-access/{w.sar.pk}/extend/",
        CASEWORK,
        post=lambda w: {"reason": "Many records"},
        audit_kind="sar.extended",
    ),
    Row("SAR close", lambda w: f"/data-protection/subject-access/{w.sar.pk}/close/", CASEWORK),
    Row(
        "SAR bundle",
        lambda w: f"/data-protection/subject-access/{w.sar.pk}/bundle.zip",
        CASEWORK,
    ),
    Row("breach log", lambda w: "/data-protection/breaches/", CASEWORK),
    Row("breach new", lambda w: "/data-protection/breaches/new/", CASEWORK),
    *page_and_post(
        "breach from a case",
        lambda w: f"/data-protection/cases/{w.case_a.reference}/-/breach/",
        CASEWORK,
        post=lambda w: {
            "occurred": "2025-06-01",
            "aware_on": "2025-06-02",
            "aware_time": "09:30",
            "description": "Letter to the wrong address",
        },
        audit_kind="breach.recorded",
    ),
    Row(
        "breach from a restricted case",
        lambda w: f"/data-protection/cases/{w.secret.reference}/-/breach/",
        MANAGER,
        refused={"officer": 404},
    ),
    Row("breach page", lambda w: f"/data-protection/breaches/{w.breach.pk}/", CASEWORK),
    Row(
        "breach page, restricted case",
        lambda w: f"/data-protection/breaches/{w.breach_secret.pk}/",
        MANAGER,
        refused={"officer": 404},
    ),
    *page_and_post(
        "breach decision",
        lambda w: f"/data-protection/breaches/{w.breach.pk}/decision/",
        MANAGER,
        post=lambda w: {"decision": "not_report", "reason": "Recovered unopened"},
        audit_kind="breach.decided",
    ),
    Row("breach close", lambda w: f"/data-protection/breaches/{w.breach.pk}/close/", MANAGER),
    # --- case pages and actions
    Row("case page", case_url("case", "case_a"), VIEWERS_A, case="case_a"),
    Row("case page team B", case_url("case", "case_b"), CASEWORK, case="case_b"),
    Row("restricted case page", case_url("case", "secret"), MANAGER, case="secret"),
    Row("case audit", case_url("audit", "case_a"), MANAGER, case="case_a"),
    *page_and_post(
        "triage",
        case_url("triage", "triage"),
        CASEWORK,
        post=lambda w: {
            "version": w.triage.version,
            "procedure": "children_statutory",
            "service_area": w.area.pk,
            "team": w.team_a.pk,
            "first_stage": "stage1",
        },
        audit_kind="case.triaged",
        case="triage",
    ),
    Row("close", case_url("close", "triage"), CASEWORK, case="triage"),
    *page_and_post(
        "edit",
        case_url("edit", "case_a"),
        CASEWORK,
        post=lambda w: {
            "version": w.case_a.version,
            "service_area": w.area.pk,
            "team": w.team_a.pk,
            "complainant_name": "Alex Example",
            "summary": "New summary",
        },
        audit_kind="case.updated",
        case="case_a",
    ),
    *page_and_post(
        "reassign",
        case_url("reassign", "case_a"),
        CASEWORK,
        post=lambda w: {**versioned("case_a")(w), "owner": w.users["manager"].pk},
        audit_kind="case.reassigned",
        case="case_a",
    ),
    # The case list's bulk action: refused outright (403) to anyone outside the complaints team.
    Row(
        "POST bulk reassign",
        lambda w: "/cases/reassign/",
        CASEWORK,
        post=lambda w: {
            "cases": [w.case_a.pk],
            "owner": w.users["manager"].pk,
            "next": "/cases/",
        },
        audit_kind="case.reassigned",
    ),
    *page_and_post(
        "who can see",
        case_url("restrict", "case_a"),
        CASEWORK,
        post_name="POST restrict",
        post=lambda w: {
            **versioned("case_a")(w),
            "restricted": "yes",
            "named_users": [w.users["officer"].pk, w.users["investigator"].pk],
        },
        audit_kind="case.access_changed",
        case="case_a",
    ),
    *page_and_post(
        "who can see, restricted case",
        case_url("restrict", "secret"),
        MANAGER,
        post_name="POST lift restriction",
        post=versioned("secret", restricted="no"),
        audit_kind="case.access_changed",
        case="secret",
    ),
    Row("escalate", case_url("escalate", "front"), CASEWORK, case="front"),
    Row("link", case_url("link", "case_a"), CASEWORK, case="case_a"),
    Row("add child", case_url("child", "case_a"), CASEWORK, case="case_a"),
    *page_and_post(
        "note",
        case_url("note", "case_a"),
        VIEWERS_A,
        post=versioned("case_a", text="Rang the complainant"),
        audit_kind="case.note_added",
        case="case_a",
    ),
    Row("upload document", case_url("document_upload", "case_a"), VIEWERS_A, case="case_a"),
    Row(
        "download document",
        lambda w: reverse("cases:document", args=[w.case_a.reference, w.document.pk]),
        VIEWERS_A,
        case="case_a",
    ),
    *page_and_post(
        "remove document page",
        lambda w: reverse("cases:document_remove", args=[w.case_a.reference, w.document.pk]),
        CASEWORK,
        post_name="remove document",
        post=lambda w: {"reason": "Uploaded to the wrong case"},
        audit_kind="document.removed",
        case="case_a",
    ),
    *page_and_post(
        "record learning",
        case_url("learning_new", "case_a"),
        CASEWORK | {"responder"},
        post_name="POST learning",
        post=lambda w: {
            "service_area": w.area.pk,
            "learning": "Check plans weekly",
            "status": "in_progress",
        },
        audit_kind="learning.created",
        case="case_a",
    ),
    Row(
        "acknowledge stage 1",
        case_url("acknowledge", "front", "stage1"),
        VIEWERS_FRONT,
        case="front",
    ),
    *page_and_post(
        "respond stage 1",
        case_url("respond", "front", "stage1"),
        VIEWERS_FRONT,
        post=versioned("front", on="2025-03-12", outcome="upheld"),
        audit_kind="stage.responded",
        case="front",
    ),
    Row("extend stage 1", case_url("extend", "front", "stage1"), CASEWORK, case="front"),
    Row("withdraw stage 1", case_url("withdraw", "front", "stage1"), CASEWORK, case="front"),
    Row(
        "acknowledge stage 2", case_url("acknowledge", "case_a", "stage2"), CASEWORK, case="case_a"
    ),
    Row("respond stage 2", case_url("respond", "case_a", "stage2"), CASEWORK, case="case_a"),
    *page_and_post(
        "extend stage 2",
        case_url("extend", "case_a", "stage2"),
        CASEWORK,
        post=versioned("case_a", extended_to="2025-05-20", reason="Agreed by phone"),
        audit_kind="stage.extended",
        case="case_a",
    ),
    Row("withdraw stage 2", case_url("withdraw", "case_a", "stage2"), CASEWORK, case="case_a"),
    *page_and_post(
        "appoint stage 2",
        case_url("appoint", "case_a", "stage2"),
        CASEWORK,
        post=versioned(
            "case_a", role="investigating_officer", name="A Consultant", on="2025-03-20"
        ),
        audit_kind="stage.appointed",
        case="case_a",
    ),
    Row("costs stage 2", case_url("costs", "case_a", "stage2"), CASEWORK, case="case_a"),
    Row("reopen stage 1", case_url("stage_reopen", "case_a", "stage1"), CASEWORK, case="case_a"),
    Row("panel", case_url("panel", "case_a", "stage2"), CASEWORK, case="case_a"),
    # --- writes: allowed ones redirect; refused ones write nothing
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
