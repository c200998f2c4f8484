"""Forms for finding, correcting and merging people records."""

from django import forms

from complaintsdesk.cases.forms.base import text, textarea
from complaintsdesk.cases.widgets import GovDateField


class PersonSearchForm(forms.Form):
    name = text("Name", required=False, max_length=200)
    date_of_birth = GovDateField(label="Date of birth", required=False)
    email = text("Email address", required=False, max_length=254)
    phone = text("Phone number", required=False, width="20", max_length=40)
    address = text("Address or postcode", required=False, max_length=500)


class PersonForm(forms.Form):
    name = text("Name", required=False, max_length=200)
    date_of_birth = GovDateField(label="Date of birth", required=False)
    email = forms.EmailField(label="Email address", required=False)
    phone = text("Phone number", required=False, width="20", max_length=40)
    address = textarea("Address", required=False, max_length=1000)


class PersonMergeForm(forms.Form):
    other = forms.IntegerField(
        label="Record number to merge into this one",
        min_value=1,
        help_text="Its cases will point to this record; its details fill any blanks here.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
    )
    confirm = forms.BooleanField(
        label="I have checked these are the same person",
        error_messages={"required": "Confirm you have checked these are the same person"},
    )
