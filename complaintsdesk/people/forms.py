"""Forms for finding, correcting and merging people records."""

from typing import Any

from django import forms
from django.http import HttpRequest

from complaintsdesk.cases.forms.base import text, textarea
from complaintsdesk.cases.widgets import GovDateField
from complaintsdesk.people.selectors import duplicates_for_details


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


NEW_RECORD = "new"


def known_people_field(request: HttpRequest, form: forms.Form) -> dict[str, Any]:
    """When the complainant being logged may already be known, add a required choice to
    `form`: one of the possible duplicates, or a new record. Returns the records offered, by
    the value that picks them (a new record picks None).

    Read from the posted details before the form is validated, so the first "Log case"
    with a likely match shows the choice and the second carries it.
    """
    if request.method != "POST":
        return {}
    posted = request.POST
    candidates = duplicates_for_details(
        user=request.user,
        name=str(posted.get("complainant_name", "")),
        email=str(posted.get("complainant_email", "")),
        phone=str(posted.get("complainant_phone", "")),
    )
    if not candidates:
        return {}
    choices = [
        (str(p.pk), f"Record {p.pk}: {p.name or 'no name'}, {p.email or p.phone or 'no contact'}")
        for p in candidates
    ]
    form.fields["complainant_record"] = forms.ChoiceField(
        label="The complainant may already be known. Is it one of these?",
        choices=[*choices, (NEW_RECORD, "None of these: make a new record")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a known record or a new one"},
    )
    offered: dict[str, Any] = {str(p.pk): p for p in candidates}
    offered[NEW_RECORD] = None
    return offered
