"""Forms for the data protection pages."""

from django import forms

from complaintsdesk.cases.forms.base import text, textarea
from complaintsdesk.cases.widgets import GovDateField
from complaintsdesk.privacy.retention import MAX_MONTHS, RECORD_TYPES
from complaintsdesk.workflow.rules import PROCEDURES


class HoldForm(forms.Form):
    reason = textarea(
        "Why must this be kept?",
        help_text="For example, a claim, an inquiry or a court order. This goes in the audit.",
        error_messages={"required": "Enter why this must be kept"},
    )


class HoldLiftForm(forms.Form):
    reason = textarea("Why can the hold be lifted?", max_length=2000)


class ErasureForm(forms.Form):
    received = GovDateField(label="Request received")
    reason = textarea("Grounds for erasure", max_length=2000)
    confirm = forms.BooleanField(
        label="I have checked the request and there is no reason to keep this data",
        error_messages={"required": "Confirm you have checked the request"},
    )


def months_field_name(procedure: str, record_type: str) -> str:
    return f"{procedure}__{record_type}"


class ScheduleForm(forms.Form):
    effective_from = GovDateField(label="In force from")
    note = text("Note", required=False, max_length=500)

    def __init__(
        self, *args: object, initial_months: dict[tuple[str, str], int], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for procedure in PROCEDURES:
            for record_type, label in RECORD_TYPES.items():
                self.fields[months_field_name(procedure, record_type)] = forms.IntegerField(
                    label=(
                        f"{procedure.replace('_', ' ').capitalize()}: {label} "
                        "(months after closure)"
                    ),
                    min_value=1,
                    max_value=MAX_MONTHS,
                    initial=initial_months[(procedure, record_type)],
                    widget=forms.TextInput(
                        attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}
                    ),
                )

    def months(self) -> dict[tuple[str, str], int]:
        return {
            (p, r): self.cleaned_data[months_field_name(p, r)]
            for p in PROCEDURES
            for r in RECORD_TYPES
        }
