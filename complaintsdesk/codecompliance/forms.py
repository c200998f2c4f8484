from django import forms

from complaintsdesk.cases.forms.base import textarea
from complaintsdesk.codecompliance.provisions import COMPLIANCE


class AnswerForm(forms.Form):
    compliance = forms.ChoiceField(
        label="Does the council comply?",
        choices=list(COMPLIANCE.items()),
        widget=forms.RadioSelect,
    )
    explanation = textarea(
        "Explanation",
        required=False,
        help_text="How the council complies, or why not and what it will do. Published.",
    )
    evidence = textarea(
        "Evidence",
        required=False,
        help_text="Filled in from the records where they show it; add what they cannot.",
    )
