"""Forms for the complaints manager's administration pages."""

import json
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import QuerySet

from complaintsdesk.accounts.roles import ALL_ROLES
from complaintsdesk.cases.forms.base import column_length, text, textarea
from complaintsdesk.cases.models import Directorate, ServiceArea, Team
from complaintsdesk.cases.widgets import GovDateField
from complaintsdesk.deadlines.models import ClosureDay, TimescaleRuleVersion

ROLE_CHOICES = [(r, r) for r in ALL_ROLES]


class DirectorateForm(forms.Form):
    name = text("Directorate name", max_length=column_length(Directorate, "name"))


PUBLIC_NAME_HINT = (
    'What the public form calls it: words a resident would use, such as "Schools, '
    "transport and special educational needs\". Leave blank to use the service area's name."
)


class ServiceAreaForm(forms.Form):
    name = text("Service area name", max_length=column_length(ServiceArea, "name"))
    directorate = forms.ModelChoiceField(
        Directorate.objects.all(), empty_label="Choose a directorate"
    )
    public_name = text(
        "Name on the public form",
        required=False,
        help_text=PUBLIC_NAME_HINT,
        max_length=column_length(ServiceArea, "public_name"),
    )


class ServiceAreaPublicNameForm(forms.Form):
    public_name = text(
        "Name on the public form", required=False, help_text=PUBLIC_NAME_HINT, max_length=120
    )


class TeamForm(forms.Form):
    name = text("Team name", max_length=column_length(Team, "name"))
    service_area = forms.ModelChoiceField(
        ServiceArea.objects.all(), label="Service area", empty_label="Choose a service area"
    )


class UserCreateForm(forms.Form):
    username = text("Username", width="20", max_length=column_length(User, "username"))
    first_name = text("First name", required=False, max_length=column_length(User, "first_name"))
    last_name = text("Last name", required=False, max_length=column_length(User, "last_name"))
    email = forms.EmailField(
        label="Email address", help_text="They set their password from an email sent here"
    )
    roles = forms.MultipleChoiceField(
        label="Roles", choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple
    )


class UserEditForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Roles", choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    teams = forms.ModelMultipleChoiceField(
        Team.objects.select_related("service_area"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Teams",
    )
    is_active = forms.BooleanField(label="Account is active", required=False)


class ClosureDayForm(forms.Form):
    day = GovDateField(label="Date the council is closed")
    description = text("Reason", max_length=column_length(ClosureDay, "description"))


class TimescaleForm(forms.Form):
    effective_from = GovDateField(label="Takes effect from")
    note = text("Note", required=False, max_length=column_length(TimescaleRuleVersion, "note"))
    rules = textarea(
        "Timescale table (JSON)", help_text="Starts as a copy of the table in force today"
    )

    def clean_rules(self) -> dict[str, Any]:
        try:
            value = json.loads(self.cleaned_data["rules"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(f"The table is not valid JSON: {error}") from error
        if not isinstance(value, dict):
            raise forms.ValidationError("The table must be a JSON object")
        return value


def users_for_appointment() -> QuerySet[User]:
    return get_user_model().objects.filter(is_active=True).order_by("username")
