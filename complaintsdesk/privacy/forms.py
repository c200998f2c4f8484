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


class SarForm(forms.Form):
    received = GovDateField(label="Request received")
    requested_by = text(
        "Made by someone else on their behalf?",
        required=False,
        max_length=200,
        help_text="Their name and why they may ask (for example, a solicitor with consent)",
    )
    identity_checked = GovDateField(label="Identity confirmed on", required=False)
    identity_evidence = text("Evidence of identity seen", required=False, max_length=200)


class SarIdentityForm(forms.Form):
    on = GovDateField(label="Identity confirmed on")
    evidence = text("Evidence of identity seen", max_length=200)


class SarExtendForm(forms.Form):
    reason = textarea(
        "Why more time is needed",
        help_text=(
            "The request is complex, or the person made several. Tell them within the first month."
        ),
        max_length=2000,
    )


class SarCloseForm(forms.Form):
    status = forms.ChoiceField(
        label="Outcome",
        choices=[("disclosed", "Disclosed"), ("withdrawn", "Withdrawn")],
        widget=forms.RadioSelect,
    )
    on = GovDateField(label="On")


class BreachForm(forms.Form):
    occurred = GovDateField(label="When did it happen?")
    aware_on = GovDateField(label="When did the council become aware of it?")
    aware_time = forms.TimeField(
        label="At what time?",
        help_text="For example, 14:30. The 72 hours to report to the ICO run from here.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    description = textarea(
        "What happened?",
        help_text="What data, about how many people, and what has been done to contain it.",
        max_length=10000,
    )


class BreachDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Is it reported to the ICO?",
        choices=[
            ("report", "Yes: it is likely to risk people's rights and freedoms"),
            ("not_report", "No: it is unlikely to risk people's rights and freedoms"),
        ],
        widget=forms.RadioSelect,
    )
    reason = textarea("Reason for the decision", max_length=5000)
    reported_to_ico = GovDateField(label="Reported to the ICO on", required=False)
    ico_reference = text("ICO reference", required=False, width="10", max_length=64)


class BreachCloseForm(forms.Form):
    outcome = textarea("Outcome", max_length=5000)
    lessons = textarea("Lessons learned", required=False, max_length=5000)
    on = GovDateField(label="Closed on")
