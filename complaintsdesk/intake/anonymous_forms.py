"""The anonymous equality monitoring form and feedback survey: every question optional.

These forms never ask for, or accept, anything that identifies a case or a person.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from complaintsdesk.core import vocabulary as v
from complaintsdesk.intake.forms import PublicForm


def _optional_radio(label: str, vocabulary: dict[str, str]) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=list(vocabulary.items()),
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": f"Select one of the options for {label.lower().rstrip('?')}"
        },
    )


class EqualityForm(PublicForm):
    gender = _optional_radio("What is your sex or gender?", v.GENDER)
    age_band = _optional_radio("What is your age?", v.AGE_BAND)
    ethnicity = _optional_radio("What is your ethnic group?", v.ETHNICITY)
    religion = _optional_radio("What is your religion or belief?", v.RELIGION)
    sexuality = _optional_radio("What is your sexual orientation?", v.SEXUALITY)
    disability = forms.MultipleChoiceField(
        label="Do you have a disability or long-term condition?",
        help_text="Select all that apply.",
        required=False,
        choices=list(v.DISABILITY.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select the options that apply to you"},
    )


SATISFACTION = {
    "very_satisfied": "Very satisfied",
    "satisfied": "Satisfied",
    "neither": "Neither satisfied nor dissatisfied",
    "dissatisfied": "Dissatisfied",
    "very_dissatisfied": "Very dissatisfied",
}
YES_PARTLY_NO = {"yes": "Yes", "partly": "Partly", "no": "No"}


class FeedbackForm(PublicForm):
    satisfaction = _optional_radio(
        "Overall, how satisfied are you with how we handled your complaint?", SATISFACTION
    )
    easy_to_complain = _optional_radio("Was it easy to make your complaint?", YES_PARTLY_NO)
    kept_informed = _optional_radio(
        "Did we keep you informed while we looked into it?", YES_PARTLY_NO
    )
    understood = _optional_radio("Did our response explain our decision clearly?", YES_PARTLY_NO)
    improve = forms.CharField(
        label="How could we improve how we handle complaints? (optional)",
        help_text="Do not include your name, your reference or anyone's personal details.",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "Your suggestion must be 5,000 characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors and not any(
            value for name, value in cleaned.items() if name != "website"
        ):
            raise ValidationError(
                "Answer at least one question before you send the survey", code="empty"
            )
        return cleaned
