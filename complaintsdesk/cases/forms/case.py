"""Forms for logging, triaging and editing a case, and for its notes, children and links."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from complaintsdesk.accounts.roles import CASEWORK_ROLES, RESPONDER
from complaintsdesk.cases.checks import procedure_warning
from complaintsdesk.cases.forms.base import (
    VersionedForm,
    blank_first,
    column_length,
    text,
    textarea,
    tri_state,
)
from complaintsdesk.cases.models import Case, Child, ServiceArea, Team
from complaintsdesk.cases.widgets import GovDateField
from complaintsdesk.core import vocabulary as v

CHANNELS = [
    (k, v.CHANNEL[k]) for k in ("phone", "email", "letter", "in_person", "web", "advocate", "other")
]
FIRST_STAGES = [("", "Not yet: it needs triage"), ("informal", "Informal"), ("stage1", "Stage 1")]


class OrganisationFields(forms.Form):
    service_area = forms.ModelChoiceField(
        ServiceArea.objects.select_related("directorate"),
        label="Service area",
        empty_label="Choose a service area",
    )
    team = forms.ModelChoiceField(
        Team.objects.all(), label="Team", required=False, empty_label="No team yet"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        area, team = data.get("service_area"), data.get("team")
        if area and team and team.service_area_id != area.pk:
            self.add_error("team", f"Choose a team in {area.name}")
        return data


class ProcedureCheck(forms.Form):
    """A warning, not a refusal: a procedure unusual for the service area is shown with a box
    to tick; ticked, the case is saved as chosen (cases.checks says why it may be right)."""

    procedure_checked = forms.BooleanField(
        label="I have checked: this procedure is right for this service area",
        required=False,
        widget=forms.HiddenInput,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        area, procedure = data.get("service_area"), data.get("procedure")
        warning = procedure_warning(procedure, area) if area and procedure else None
        if warning:
            self.fields["procedure_checked"].widget = forms.CheckboxInput()
            if not data.get("procedure_checked"):
                self.add_error(
                    "procedure_checked", f"{warning} If it is right, tick the box and save again."
                )
        return data


class CaseCreateForm(ProcedureCheck, OrganisationFields):
    channel = forms.ChoiceField(
        label="How did the complaint arrive?", choices=CHANNELS, widget=forms.RadioSelect
    )
    received = GovDateField(label="Date received")
    procedure = forms.ChoiceField(
        label="Procedure", choices=blank_first(v.PROCEDURE, "Choose a procedure")
    )
    first_stage = forms.ChoiceField(
        label="Start a stage now", choices=FIRST_STAGES, required=False, widget=forms.RadioSelect
    )
    complainant_name = text("Complainant's name")
    complainant_type = forms.ChoiceField(
        label="Complainant is", required=False, choices=blank_first(v.COMPLAINANT_TYPE, "Not known")
    )
    relationship_to_child = text(
        "Relationship to the child",
        required=False,
        max_length=column_length(Case, "relationship_to_child"),
    )
    complainant_email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    complainant_phone = text(
        "Phone number",
        required=False,
        width="20",
        max_length=column_length(Case, "complainant_phone"),
    )
    child_name = text("Child's name", required=False)
    child_date_of_birth = GovDateField(label="Child's date of birth", required=False)
    child_in_care = forms.BooleanField(label="The child is in care", required=False)
    theme = forms.ChoiceField(
        label="Main theme", required=False, choices=blank_first(v.THEME, "Not decided")
    )
    summary = textarea("Summary of the complaint")
    desired_outcome = textarea("What the complainant wants to happen", required=False)
    restricted = forms.BooleanField(
        label="Restricted case",
        required=False,
        help_text="Only the complaints manager and named people will see it",
    )

    field_order = [
        "channel",
        "received",
        "procedure",
        "service_area",
        "team",
        "procedure_checked",
        "first_stage",
    ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["channel"].error_messages["required"] = "Choose how the complaint arrived"
        self.fields["received"].error_messages["required"] = (
            "Enter the date the complaint was received"
        )
        self.fields["procedure"].error_messages["required"] = "Choose a procedure"
        self.fields["service_area"].error_messages["required"] = "Choose a service area"
        self.fields["complainant_name"].error_messages["required"] = "Enter the complainant's name"
        self.fields["summary"].error_messages["required"] = "Summarise the complaint"


# Yes / no / not known as radios: "not known" needs a value of its own to be chosen again.
TRI_STATE = [("unknown", "Not known"), ("yes", "Yes"), ("no", "No")]
TRI_STATE_FIELDS = ("consent_to_act", "via_advocate", "child_in_care", "care_leaver")


def tri_state_field(label: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=TRI_STATE,
        required=False,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


class CaseEditForm(VersionedForm, OrganisationFields):
    """Every detail staff correct after logging; the restriction has its own page."""

    channel = forms.ChoiceField(
        label="How did the complaint arrive?",
        required=False,
        choices=[("", "Not recorded"), *CHANNELS],
    )
    complainant_name = text("Complainant's name")
    complainant_type = forms.ChoiceField(
        label="Complainant is", required=False, choices=blank_first(v.COMPLAINANT_TYPE, "Not known")
    )
    relationship_to_child = text(
        "Relationship to the child",
        required=False,
        max_length=column_length(Case, "relationship_to_child"),
    )
    consent_to_act = tri_state_field(
        "Has the child consented to the complainant acting for them?",
        "Needed when someone complains on a child's behalf",
    )
    via_advocate = tri_state_field("Was the complaint made through an advocate?")
    advocacy_service = text("Advocacy service", required=False)
    complainant_email = forms.EmailField(label="Email address", required=False)
    complainant_phone = text(
        "Phone number",
        required=False,
        width="20",
        max_length=column_length(Case, "complainant_phone"),
    )
    complainant_address = textarea("Postal address", required=False)
    child_in_care = tri_state_field("Is the child in care?")
    care_leaver = tri_state_field("Is the child a care leaver?")
    theme = forms.ChoiceField(
        label="Main theme", required=False, choices=blank_first(v.THEME, "Not decided")
    )
    events_date = GovDateField(
        label="When did the events complained about happen?",
        required=False,
        help_text="For example, 27 3 2024. A complaint made more than 12 months later is flagged.",
    )
    summary = textarea("Summary of the complaint")
    desired_outcome = textarea("What the complainant wants to happen", required=False)

    @classmethod
    def detail_names(cls) -> list[str]:
        return [name for name in cls.base_fields if name != "version"]

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, object]:
        initial: dict[str, object] = {name: getattr(case, name) for name in cls.detail_names()}
        for name in TRI_STATE_FIELDS:
            value = initial[name]
            initial[name] = "unknown" if value is None else ("yes" if value else "no")
        return initial

    def changes(self) -> dict[str, object]:
        """The cleaned details as `case_update` takes them."""
        data = {name: self.cleaned_data[name] for name in self.detail_names()}
        for name in TRI_STATE_FIELDS:
            data[name] = tri_state(str(data[name] or ""))
        return data


class RestrictForm(VersionedForm):
    restricted = forms.ChoiceField(
        label="Is this case restricted?",
        choices=[
            ("yes", "Yes: only complaints managers and the people named below can see it"),
            ("no", "No: everyone whose role gives them the case can see it"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the case is restricted"},
    )
    named_users = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(),  # the people the case reaches: set per case
        label="People named on the case",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Only people whose role already gives them this case are listed. Naming someone "
            "never lets them see more than their role allows. Lifting the restriction removes "
            "everyone named."
        ),
    )

    def __init__(self, *args: Any, people: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["named_users"]
        field.queryset = people  # type: ignore[attr-defined]
        field.label_from_instance = _person  # type: ignore[attr-defined]


def _person(user: Any) -> str:
    name = user.get_full_name()
    return f"{name} ({user.get_username()})" if name else user.get_username()


class TriageForm(ProcedureCheck, VersionedForm, OrganisationFields):
    procedure = forms.ChoiceField(
        label="Procedure", choices=blank_first(v.PROCEDURE, "Choose a procedure")
    )
    first_stage = forms.ChoiceField(
        label="First stage", choices=FIRST_STAGES[1:], widget=forms.RadioSelect
    )
    started = GovDateField(
        label="Stage starts on", required=False, help_text="Leave blank to use the date received"
    )
    owner = forms.ModelChoiceField(
        get_user_model().objects.none(),
        label="Owner",
        required=False,
        empty_label="Me",
        help_text="The complaints officer who will see it through",
    )
    field_order = [
        "procedure",
        "service_area",
        "team",
        "procedure_checked",
        "first_stage",
        "started",
        "owner",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        field.queryset = complaints_team()  # type: ignore[attr-defined]
        field.label_from_instance = _person  # type: ignore[attr-defined]


def _active(**filters: Any) -> QuerySet[Any]:
    return (
        get_user_model()
        .objects.filter(is_active=True, **filters)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def complaints_team() -> QuerySet[Any]:
    """The people who can own cases: active complaints officers and managers."""
    return _active(groups__name__in=CASEWORK_ROLES)


def all_responding_managers() -> QuerySet[Any]:
    return _active(groups__name=RESPONDER)


def responding_managers(team_id: int | None) -> QuerySet[Any]:
    """Active responding managers in the case's team (only they can see the case)."""
    if team_id is None:
        return get_user_model().objects.none()
    return _active(groups__name=RESPONDER, teams=team_id)


class ReassignForm(VersionedForm):
    owner = forms.ModelChoiceField(
        get_user_model().objects.none(), label="Owner", required=False, empty_label="No change"
    )
    responding_manager = forms.ModelChoiceField(
        get_user_model().objects.none(),
        label="Responding manager",
        required=False,
        empty_label="No change",
        help_text="A manager in the case's team, who answers the complaint",
    )

    def __init__(self, *args: Any, team_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, people in (
            ("owner", complaints_team()),
            ("responding_manager", responding_managers(team_id)),
        ):
            field = self.fields[name]
            field.queryset = people  # type: ignore[attr-defined]
            field.label_from_instance = _person  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("owner") and not data.get("responding_manager"):
            self.add_error("owner", "Choose a new owner or responding manager")
        return data


class CloseForm(VersionedForm):
    reason = textarea("Why is the case closing without a stage?")


class ReopenCaseForm(VersionedForm):
    pass


class NoteForm(VersionedForm):
    text = textarea("Note")


class ChildForm(VersionedForm):
    name = text("Child's name")
    date_of_birth = GovDateField(label="Date of birth", required=False)
    in_care = forms.BooleanField(label="In care", required=False)
    care_leaver = forms.BooleanField(label="Care leaver", required=False)
    case_system_id = text(
        "Case system ID",
        required=False,
        width="10",
        max_length=column_length(Child, "case_system_id"),
    )


class LinkForm(VersionedForm):
    other = text("Reference of the case to link", width="10", max_length=64)
