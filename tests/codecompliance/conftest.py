"""Users by role, a corporate service area, and a maker of corporate stages."""

from datetime import date
from types import SimpleNamespace

import pytest

from complaintsdesk.accounts import roles
from complaintsdesk.cases.models import Case, Directorate, ServiceArea, Stage
from tests.casework.conftest import make_user


@pytest.fixture
def people(db):
    roles.ensure_roles()
    return SimpleNamespace(
        manager=make_user("manager", roles.MANAGER),
        officer=make_user("officer", roles.OFFICER),
        leader=make_user("leader", roles.LEADERSHIP),
        responder=make_user("responder", roles.RESPONDER),
    )


@pytest.fixture
def area(db):
    directorate = Directorate.objects.create(name="Place")
    return ServiceArea.objects.create(name="Waste", directorate=directorate)


def add_stage(area, n: int, kind: str, started: date, procedure: str = "corporate", **dates):
    """One case with one stage, written directly: the evidence reads stored rows."""
    case, _ = Case.objects.get_or_create(
        reference=f"T/{n}",
        defaults={"procedure": procedure, "service_area": area, "received": started},
    )
    return Stage.objects.create(case=case, kind=kind, started=started, **dates)
