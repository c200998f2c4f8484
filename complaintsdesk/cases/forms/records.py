"""Forms for documents, Ombudsman cases, learning and compliments."""

from django import forms

from complaintsdesk.cases.forms.base import blank_first, column_length, text, textarea
from complaintsdesk.cases.forms.case import OrganisationFields
from complaintsdesk.cases.models import LgscoCase, ServiceArea
from complaintsdesk.cases.widgets import GovDateField
from complaintsdesk.core import vocabulary as v


class DocumentForm(forms.Form):
    title = text("Title")
    file = forms.FileField(
        label="File",
        help_text="PDF, image, Word document or plain text",
        error_messages={"required": "Choose a file"},
    )


class DocumentRemoveForm(forms.Form):
    reason = textarea(
        "Why are you removing it?",
        help_text="For example, it was uploaded to the wrong case. This goes in the audit.",
        error_messages={"required": "Enter why the document is being removed"},
    )


class LgscoCreateForm(forms.Form):
    lgsco_reference = text(
        "Ombudsman's reference", width="10", max_length=column_length(LgscoCase, "lgsco_reference")
    )
    case_reference = text("Council case reference", required=False, width="10", max_length=64)
    service_area = forms.ModelChoiceField(
        ServiceArea.objects.all(), label="Service area", empty_label="Choose a service area"
    )
    received = GovDateField(label="Enquiry received")
    summary = textarea("Summary", required=False)


class LgscoDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision", choices=blank_first(v.LGSCO_DECISION, "Choose a decision")
    )
    decided = GovDateField(label="Date of the decision")
    remedy_amount = forms.DecimalField(
        label="Remedy amount (£)",
        required=False,
        min_value=0,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
    )
    remedy_ongoing = forms.BooleanField(label="The remedy is ongoing", required=False)
    recommendations = textarea("Service improvement recommendations", required=False)
    compliance_due = GovDateField(label="Recommendations due by", required=False)


class ComplianceForm(forms.Form):
    complied = GovDateField(
        label="Date the council complied", help_text="With evidence sent to the Ombudsman"
    )


class RecommendationForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type of recommendation",
        choices=v.choices(v.LGSCO_RECOMMENDATION),
        widget=forms.RadioSelect,
    )
    description = textarea("What the Ombudsman recommended", required=False)
    amount = forms.DecimalField(
        label="Amount (£), for a financial remedy",
        required=False,
        min_value=0,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
    )
    due = GovDateField(label="Due by")


class RecommendationComplyForm(forms.Form):
    complied = GovDateField(label="Date the council complied")
    evidence = textarea("Evidence sent to the Ombudsman")
    remedy_paid = GovDateField(
        label="Date the remedy was paid, for a financial remedy", required=False
    )


class LearningForm(OrganisationFields):
    learning = textarea("What was learned")
    action = textarea("What will change", required=False)
    owner = text("Owner", required=False)
    due = GovDateField(label="Due by", required=False)
    status = forms.ChoiceField(
        label="Status", choices=v.choices(v.LEARNING_STATUS), widget=forms.RadioSelect
    )
    evidence = textarea("Evidence", required=False)


class LearningUpdateForm(forms.Form):
    learning = textarea("What was learned")
    action = textarea("What will change", required=False)
    owner = text("Owner", required=False)
    due = GovDateField(label="Due by", required=False)
    status = forms.ChoiceField(
        label="Status", choices=v.choices(v.LEARNING_STATUS), widget=forms.RadioSelect
    )
    evidence = textarea("Evidence", required=False)


class ComplimentForm(OrganisationFields):
    received = GovDateField(label="Date received")
    summary = textarea("Summary")


class ComplimentEditForm(ComplimentForm):
    # The version loaded, so a save over someone else's is refused (see compliment_update).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
