"""A small council for casework tests: one user per role, two teams, cases at several stages.

`front` is Team A at stage 1 (open); `case_a` is Team A at stage 2 with an investigating
officer and an independent person appointed; `case_b` is Team B at stage 1; `secret` is a
restricted Team A case naming only the manager.
"""

import io
from datetime import date
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from complaintsdesk.accounts import roles
from complaintsdesk.cases import services, services_documents, services_learning, services_lgsco
from complaintsdesk.cases.models import Directorate, ServiceArea, Team

ROLE_USERS = {
    "officer": roles.OFFICER,
    "manager": roles.MANAGER,
    "responder": roles.RESPONDER,
    "investigator": roles.INVESTIGATOR,
    "independent": roles.INDEPENDENT,
    "panel": roles.PANEL,
    "leader": roles.LEADERSHIP,
}
ALL = tuple(ROLE_USERS)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_user(username: str, *role_names: str):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.gov.uk", "not-a-real-password-1"
    )
    user.groups.set(roles.role_groups(role_names))
    return user


def pause_form(version: int, **fields: str) -> dict:
    """The "Pause the clock" form: 5 to 11 March 2025 for an advocate, unless told otherwise."""
    first, last = ("5", "3", "2025"), ("11", "3", "2025")
    dates = {f"{name}-{part}": value for name, day in (("paused_from", first), ("paused_to", last))
             for part, value in zip(("day", "month", "year"), day, strict=True)}  # fmt: skip
    return {"version": version, **dates, "reason": "Advocate being arranged", **fields}


def add_case(actor, *, area, team, first_stage="stage1", received=date(2025, 3, 3), **details):
    details.setdefault("summary", "Late reviews of the care plan")
    details.setdefault("complainant_name", "Alex Example")
    return services.case_create(
        actor=actor,
        procedure="children_statutory",
        service_area=area,
        team=team,
        received=received,
        first_stage=first_stage,
        channel="email",
        **details,
    )


@pytest.fixture
def world(db):
    return build_world()


def build_world() -> SimpleNamespace:
    roles.ensure_roles()
    users = {name: make_user(name, role) for name, role in ROLE_USERS.items()}
    directorate = Directorate.objects.create(name="Children's Services")
    area = ServiceArea.objects.create(name="Children's social care", directorate=directorate)
    team_a = Team.objects.create(name="Team A", service_area=area)
    team_b = Team.objects.create(name="Team B", service_area=area)
    team_a.members.add(users["responder"])
    officer = users["officer"]

    front = add_case(officer, area=area, team=team_a, children=[{"name": "Sam Child"}])
    case_a = add_case(officer, area=area, team=team_a)
    stage1 = case_a.stages.get(kind="stage1")
    services.stage_respond(actor=officer, stage=stage1, on=date(2025, 3, 10), outcome="not_upheld")
    stage2 = services.stage_start(
        actor=officer, case=case_a, kind="stage2", started=date(2025, 3, 17)
    )
    services.stage_appoint(
        actor=officer,
        stage=stage2,
        role="investigating_officer",
        on=date(2025, 3, 18),
        user=users["investigator"],
    )
    services.stage_appoint(
        actor=officer,
        stage=stage2,
        role="independent_person",
        on=date(2025, 3, 18),
        user=users["independent"],
    )
    case_b = add_case(officer, area=area, team=team_b)
    secret = add_case(officer, area=area, team=team_a, restricted=True)
    secret.restricted_to.add(users["manager"])
    triage = add_case(officer, area=area, team=None, first_stage=None)
    document = services_documents.document_upload(
        actor=officer, case=case_a, title="Letter", file=io.BytesIO(PDF), size=len(PDF)
    )
    lgsco = services_lgsco.lgsco_case_create(
        actor=officer,
        lgsco_reference="25001234",
        service_area=area,
        received=date(2025, 6, 2),
        case=case_a,
    )
    learning = services_learning.learning_create(
        actor=officer,
        service_area=area,
        team=team_a,
        recorded=date(2025, 4, 1),
        learning="Plans slipped",
        status="in_progress",
        case=case_a,
    )
    for case in (front, case_a, case_b, secret, triage):
        case.refresh_from_db()
    return SimpleNamespace(
        users=users,
        area=area,
        team_a=team_a,
        team_b=team_b,
        front=front,
        case_a=case_a,
        case_b=case_b,
        secret=secret,
        triage=triage,
        directorate=directorate,
        document=document,
        lgsco=lgsco,
        learning=learning,
    )


@pytest.fixture
def client_for(world):
    def make(name: str) -> Client:
        client = Client()
        if name != "anonymous":
            client.force_login(world.users[name])
        return client

    return make
