"""Forms for letters, templates and dropped email files: parse input, nothing more."""

from typing import Any

from django import forms

from complaintsdesk.cases.forms.base import PROSE_MAX, text
from complaintsdesk.correspondence.models import LETTER_KINDS

# A letter is read whole before it goes: a box tall enough to show one.
LETTER_BOX = forms.Textarea(attrs={"govuk_rows": 16})  # read by cases/includes/field.html


class LetterTemplateForm(forms.Form):
    # 0 while the shipped wording is in force: the first save creates the council's own.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    subject = text("Subject", max_length=200)
    body = forms.CharField(
        label="Letter",
        help_text="Write a merge field as {{ field }}: the fields are listed below.",
        widget=LETTER_BOX,
        max_length=PROSE_MAX,
    )


class LetterChooseForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which letter?",
        choices=[("", "Choose a letter"), *LETTER_KINDS.items()],
        error_messages={"required": "Choose a letter", "invalid_choice": "Choose a letter"},
    )


class LetterForm(forms.Form):
    kind = forms.ChoiceField(widget=forms.HiddenInput, choices=list(LETTER_KINDS.items()))
    subject = text("Subject", max_length=300)
    body = forms.CharField(
        label="Letter",
        help_text="Check and change the wording before you send it.",
        widget=LETTER_BOX,
        max_length=PROSE_MAX,
    )
    via = forms.ChoiceField(
        label="How should it go?",
        widget=forms.RadioSelect,
        choices=[],
        error_messages={"required": "Choose how the letter should go"},
    )

    def __init__(self, *args: Any, via_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["via"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = via_choices


class MailFileForm(forms.Form):
    file = forms.FileField(
        label="Email file",
        help_text="An email saved from Outlook (.msg) or another mail program (.eml)",
        error_messages={"required": "Choose an email file", "empty": "The selected file is empty"},
    )
