"""Every text field of every form is bounded, so a value longer than its column is a message
on the form, not a database error: PostgreSQL refuses an over-long value with a 500, SQLite
keeps it silently. Found by the URL sweep on PostgreSQL (tests/hardening/test_url_sweep.py)."""

import importlib
import pkgutil
from collections.abc import Iterator

import pytest
from django import forms

import complaintsdesk
from complaintsdesk.cases.forms import admin, case, records
from complaintsdesk.cases.forms.base import column_length
from complaintsdesk.cases.models import Case, Child, Directorate, LgscoCase, ServiceArea, Team
from tests.casework.conftest import build_world

# Text fields with no max_length of their own, and why that is safe.
UNBOUNDED_BY_DESIGN = {
    # AuthenticationForm sets the username's length from the user model when it is made; the
    # password is only compared.
    ("SignInForm", "username"),
    ("SignInForm", "password"),
    # Bounded by their pattern, at most 30 characters.
    ("ContactForm", "phone"),
    ("AdvocateForm", "phone"),
    ("YoungPersonContactForm", "phone"),
}


def _project_forms() -> Iterator[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(complaintsdesk.__path__, "complaintsdesk."):
        if not any(part in module.name for part in ("migrations", "management", "demo")):
            importlib.import_module(module.name)
    stack = [forms.BaseForm]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("complaintsdesk."):
            yield cls


def test_every_text_field_has_a_max_length():
    unbounded = sorted(
        (form.__name__, name)
        for form in set(_project_forms())
        for name, field in form.base_fields.items()
        if isinstance(field, forms.CharField)
        and field.max_length is None
        and name != "website"  # the public forms' honeypot: never stored
    )
    assert set(unbounded) <= UNBOUNDED_BY_DESIGN, set(unbounded) - UNBOUNDED_BY_DESIGN


@pytest.mark.parametrize(
    ("form", "name", "model", "column"),
    [
        (admin.DirectorateForm, "name", Directorate, "name"),
        (admin.ServiceAreaForm, "name", ServiceArea, "name"),
        (admin.ServiceAreaForm, "public_name", ServiceArea, "public_name"),
        (admin.TeamForm, "name", Team, "name"),
        (case.CaseCreateForm, "complainant_phone", Case, "complainant_phone"),
        (case.CaseCreateForm, "relationship_to_child", Case, "relationship_to_child"),
        (case.ChildForm, "case_system_id", Child, "case_system_id"),
        (records.LgscoCreateForm, "lgsco_reference", LgscoCase, "lgsco_reference"),
    ],
)
def test_a_field_shorter_than_the_default_keeps_to_its_column(form, name, model, column):
    assert form.base_fields[name].max_length == column_length(model, column)


@pytest.mark.django_db
def test_an_over_long_directorate_name_is_a_message_and_nothing_is_stored(client):
    world = build_world()
    client.force_login(world.users["manager"])
    count = Directorate.objects.count()
    response = client.post("/administration/directorates/new/", {"name": "D" * 121})
    assert response.status_code == 400
    assert "at most 120 characters" in response.content.decode()
    assert Directorate.objects.count() == count
