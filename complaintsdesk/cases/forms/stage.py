"""Forms for the stage actions: each posts the case version it loaded."""

from typing import Any

from django import forms

from complaintsdesk.cases.forms.base import VersionedForm, blank_first, text, textarea
from complaintsdesk.cases.widgets import GovDateField
from complaintsdesk.core import vocabulary as v


class AcknowledgeForm(VersionedForm):
    on = GovDateField(label="Date acknowledged")


class RespondForm(VersionedForm):
    on = GovDateField(label="Date of the response")
    outcome = forms.ChoiceField(label="Outcome", widget=forms.RadioSelect, choices=[])

    def __init__(self, *args: object, stage_kind: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        vocabulary = v.INFORMAL_OUTCOME if stage_kind == "informal" else v.FORMAL_OUTCOME
        # Withdrawal has its own action; escalation of an informal stage happens by escalating.
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (k, label) for k, label in vocabulary.items() if k not in ("withdrawn", "escalated")
        ]
        field.error_messages["required"] = "Choose the outcome"


class WithdrawForm(VersionedForm):
    on = GovDateField(label="Date withdrawn")


class ExtendForm(VersionedForm):
    extended_to = GovDateField(label="New due date")
    reason = textarea("Reason for the extension", help_text="Agreed with the complainant")


class PauseForm(VersionedForm):
    paused_from = GovDateField(label="First day of the pause")
    paused_to = GovDateField(label="Last day of the pause")
    reason = textarea(
        "Reason for the pause", help_text="For example: an advocate is being arranged"
    )


class EscalateForm(VersionedForm):
    started = GovDateField(label="Date the complainant asked to escalate")
    reason = forms.ChoiceField(
        label="Why is the complainant escalating?",
        choices=v.choices(v.ESCALATION_REASON),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the complainant is escalating"},
    )
    details = textarea(
        "In the complainant's words",
        required=False,
        help_text="Needed for another reason; kept on the case, not in reports",
    )


class PanelForm(VersionedForm):
    held = GovDateField(label="Date the review panel sat")


class AppointForm(VersionedForm):
    role = forms.ChoiceField(label="Role", choices=blank_first(v.APPOINTMENT_ROLE, "Choose a role"))
    user: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,
        label="User",
        required=False,
        empty_label="Not a user of this system",
    )
    name = text("Name, if not a user", required=False)
    on = GovDateField(label="Date appointed")

    def __init__(self, *args: object, users: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["user"].queryset = users  # type: ignore[attr-defined]


class CostsForm(VersionedForm):
    investigating_officer = forms.DecimalField(
        label="Investigating officer (£)",
        required=False,
        min_value=0,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
    )
    independent_person = forms.DecimalField(
        label="Independent person (£)",
        required=False,
        min_value=0,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
    )
    additional = forms.DecimalField(
        label="Additional costs (£)",
        required=False,
        min_value=0,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
    )


class ReopenStageForm(VersionedForm):
    pass
