"""Forms for logging, triaging and editing a case, and for its notes, children and links."""

from django import forms

from complaintsdesk.cases.forms.base import VersionedForm, blank_first, text, textarea
from complaintsdesk.cases.models import ServiceArea, Team
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

    def clean(self) -> dict:
        data = super().clean() or {}
        area, team = data.get("service_area"), data.get("team")
        if area and team and team.service_area_id != area.pk:
            self.add_error("team", f"Choose a team in {area.name}")
        return data


class CaseCreateForm(OrganisationFields):
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
    relationship_to_child = text("Relationship to the child", required=False)
    complainant_email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    complainant_phone = text("Phone number", required=False, width="20")
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

    field_order = ["channel", "received", "procedure", "service_area", "team", "first_stage"]

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


class CaseEditForm(VersionedForm, OrganisationFields):
    complainant_name = text("Complainant's name")
    complainant_email = forms.EmailField(label="Email address", required=False)
    complainant_phone = text("Phone number", required=False, width="20")
    relationship_to_child = text("Relationship to the child", required=False)
    theme = forms.ChoiceField(
        label="Main theme", required=False, choices=blank_first(v.THEME, "Not decided")
    )
    summary = textarea("Summary of the complaint")
    desired_outcome = textarea("What the complainant wants to happen", required=False)


class TriageForm(VersionedForm, OrganisationFields):
    procedure = forms.ChoiceField(
        label="Procedure", choices=blank_first(v.PROCEDURE, "Choose a procedure")
    )
    first_stage = forms.ChoiceField(
        label="First stage", choices=FIRST_STAGES[1:], widget=forms.RadioSelect
    )
    started = GovDateField(
        label="Stage starts on", required=False, help_text="Leave blank to use the date received"
    )
    field_order = ["procedure", "service_area", "team", "first_stage", "started"]


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
    case_system_id = text("Case system ID", required=False, width="10")


class LinkForm(VersionedForm):
    other = text("Reference of the case to link", width="10")
