"""The public forms: one question (or one small group) per page, GOV.UK error messages.

Free text keeps people's own words exactly as typed (`strip=False`): a young person's
complaint is recorded verbatim.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from complaintsdesk.cases.models import ServiceArea
from complaintsdesk.cases.services_documents import DocumentRefused
from complaintsdesk.core import vocabulary as v
from complaintsdesk.intake.fields import GovukDateField
from complaintsdesk.intake.timescales import likely_procedure
from complaintsdesk.intake.uploads import ALLOWED_TYPES, ALLOWED_WORDS, sniff_content_type
from complaintsdesk.workflow import rules

HONEYPOT_MESSAGE = "There was a problem sending the form. Go back and try again."
YES_NO = [("yes", "Yes"), ("no", "No")]


def _text_limit() -> int:
    return int(settings.INTAKE["TEXT_MAX_CHARS"])


def long_text(
    *, label: str, required_message: str, required: bool = True, hint: str = ""
) -> forms.CharField:
    limit = _text_limit()
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        strip=False,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": required_message,
            "max_length": f"{label.rstrip('?')} must be {limit:,} characters or fewer",
        },
    )


def radio(
    *, label: str, choices: list[tuple[str, str]], required_message: str, hint: str = ""
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


class PublicForm(forms.Form):
    """Every public form carries a honeypot: hidden from people, filled in by bots."""

    website = forms.CharField(required=False, label="Leave this field empty")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("website"):
            raise ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        return cleaned

    def answers(self) -> dict[str, Any]:
        """The cleaned answers as JSON for the session (dates as ISO strings)."""
        out: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if name == "website":
                continue
            out[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return out


def service_area_choices(*, children_only: bool = False) -> list[tuple[str, str]]:
    """Service areas, children's services first (where the system starts)."""
    areas = sorted(
        ServiceArea.objects.select_related("directorate"),
        key=lambda a: (likely_procedure(a) != rules.CHILDREN, a.directorate.name, a.name),
    )
    if children_only:
        areas = [a for a in areas if likely_procedure(a) == rules.CHILDREN]
    # The name a member of the public recognises (a setting per service area), not ours.
    return [(str(a.pk), a.name_for_public) for a in areas]


class ServiceForm(PublicForm):
    service_area = radio(
        label="Which service is your complaint about?",
        choices=[],
        required_message="Select the service your complaint is about",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service_area"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = service_area_choices()


class ComplimentServiceForm(ServiceForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service_area"]
        field.label = "Which service would you like to compliment?"
        field.error_messages["required"] = field.error_messages["invalid_choice"] = (
            "Select the service you would like to compliment"
        )


class AboutForm(PublicForm):
    about = radio(
        label="Who is the complaint about?",
        choices=[("me", "Me"), ("child", "A child or young person")],
        hint="For example, your child, a child you care for or a child you work with.",
        required_message="Select who the complaint is about",
    )


RELATIONSHIPS = [
    (code, v.COMPLAINANT_TYPE[code])
    for code in (
        "parent",
        "grandparent",
        "other_relative",
        "foster_carer",
        "special_guardian",
        "professional",
        "other",
    )
]


class RelationshipForm(PublicForm):
    relationship = radio(
        label="What is your relationship to the child or young person?",
        choices=RELATIONSHIPS,
        required_message="Select your relationship to the child or young person",
    )


class ChildForm(PublicForm):
    child_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={
            "required": "Enter the child or young person's full name",
            "max_length": "Full name must be 200 characters or fewer",
        },
    )
    child_date_of_birth = GovukDateField(
        what="Date of birth",
        label="Date of birth (optional)",
        help_text="For example, 27 3 2012",
        required=False,
    )


class ConsentForm(PublicForm):
    consent = radio(
        label="Does the child or young person agree to you making this complaint for them?",
        choices=[
            ("yes", "Yes"),
            ("no", "No"),
            ("unable", "They are too young or not able to say"),
        ],
        hint=(
            "We may contact them to check they agree, unless they are too young or not able to say."
        ),
        required_message=(
            "Select whether the child or young person agrees to you complaining for them"
        ),
    )


class DetailsForm(PublicForm):
    summary = long_text(
        label="What is your complaint?",
        hint="Tell us what happened, when it happened and who was involved.",
        required_message="Enter your complaint",
    )


class EventsDateForm(PublicForm):
    """When the events happened: optional, since people often cannot be sure."""

    events_date = GovukDateField(
        what="The date it happened",
        future_message="must be today or in the past",
        empty_text="Not sure",
        label="When did this happen? (optional)",
        help_text=(
            "For example, 27 3 2024. If it happened more than once, enter the most recent date. "
            "Leave this blank if you are not sure."
        ),
        required=False,
    )


class OutcomeForm(PublicForm):
    desired_outcome = long_text(
        label="What would you like us to do to put things right?",
        required_message="Enter what you would like us to do to put things right",
    )


class DocumentsForm(PublicForm):
    document = forms.FileField(
        label="Upload a file",
        required=False,
        error_messages={
            "empty": "The selected file is empty",
            "invalid": "The selected file could not be uploaded – try again",
            "missing": "The selected file could not be uploaded – try again",
        },
        help_text=f"Optional. {ALLOWED_WORDS}, up to {settings.DOCUMENT_MAX_BYTES // 2**20}MB each",
    )

    def __init__(self, *args: Any, already: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.already = already

    def clean_document(self) -> Any:
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        limit = int(settings.DOCUMENT_MAX_BYTES)
        if upload.size > limit:
            raise ValidationError(
                f"The selected file must be smaller than {limit // (1024 * 1024)}MB"
            )
        if upload.size == 0:
            raise ValidationError("The selected file is empty")
        max_files = int(settings.INTAKE["MAX_FILES"])
        if self.already >= max_files:
            raise ValidationError(f"You can upload up to {max_files} files")
        try:
            content_type = sniff_content_type(upload)
        except DocumentRefused:
            # The staff message names the zip's part and ratio; the public needs what to do.
            raise ValidationError(
                "The selected file cannot be opened safely. Save it again as a new document, "
                "or send it as a PDF"
            ) from None
        if content_type not in ALLOWED_TYPES:
            raise ValidationError(
                f"The selected file must be a {ALLOWED_WORDS.replace(', ', ' or ', 1)}"
            )
        upload.sniffed_type = content_type
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.data.get("action") == "upload" and not self.errors and not cleaned.get("document"):
            self.add_error("document", "Select a file to upload")
        return cleaned


def _contact_fields(*, email_required: bool) -> dict[str, forms.Field]:
    return {
        "name": forms.CharField(
            label="Full name",
            max_length=200,
            error_messages={
                "required": "Enter your full name",
                "max_length": "Full name must be 200 characters or fewer",
            },
        ),
        "email": forms.EmailField(
            label="Email address" if email_required else "Email address (optional)",
            required=email_required,
            max_length=254,
            help_text="We will send a confirmation and your reference to this address.",
            widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            error_messages={
                "required": "Enter your email address",
                "invalid": "Enter an email address in the correct format, like name@example.com",
            },
        ),
        "phone": forms.RegexField(
            label="Phone number (optional)",
            required=False,
            regex=r"^[0-9 +()\-]{6,30}$",
            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            error_messages={"invalid": "Enter a phone number, like 01632 960 001 or 07700 900 982"},
        ),
    }


class ContactForm(PublicForm):
    name, email, phone = _contact_fields(email_required=False).values()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors and not cleaned.get("email") and not cleaned.get("phone"):
            self.add_error(
                "email", "Enter an email address or a phone number so we can contact you"
            )
        return cleaned


# --- the version for children and young people: plain words --------------------------------


class YoungPersonWhatForm(PublicForm):
    summary = long_text(
        label="What has happened that you are not happy about?",
        hint="Use your own words. You can write as much or as little as you like.",
        required_message="Tell us what you are not happy about",
    )


class YoungPersonBetterForm(PublicForm):
    desired_outcome = long_text(
        label="What would make things better for you? (optional)",
        required=False,
        required_message="",
    )


class YoungPersonServiceForm(PublicForm):
    service_area = radio(
        label="Which team is it about?",
        choices=[],
        hint="If you are not sure, choose 'I'm not sure'.",
        required_message="Choose a team, or 'I'm not sure'",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service_area"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            *service_area_choices(children_only=True),
            ("not_sure", "I'm not sure"),
        ]


class YoungPersonAdvocateForm(PublicForm):
    wants_advocate = radio(
        label="Would you like an advocate to help you?",
        hint=(
            "An advocate is someone who does not work for us. "
            "They can help you say what you want to say."
        ),
        choices=YES_NO,
        required_message="Choose yes if you would like an advocate",
    )


class YoungPersonContactForm(ContactForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = "Your name"
        self.fields["name"].error_messages["required"] = "Tell us your name"
        self.fields["email"].help_text = "We will email you to say we got your complaint."


# --- the advocate's route -------------------------------------------------------------------


class AdvocateForm(PublicForm):
    advocacy_service = forms.CharField(
        label="Advocacy service",
        max_length=200,
        help_text=(
            "The organisation you work for, for example, the council's children's advocacy service."
        ),
        error_messages={
            "required": "Enter the name of your advocacy service",
            "max_length": "Advocacy service must be 200 characters or fewer",
        },
    )
    name, email, phone = _contact_fields(email_required=True).values()


class AdvocateConsentForm(PublicForm):
    confirm = forms.BooleanField(
        label="The child or young person has asked me to make this complaint for them",
        error_messages={
            "required": "Confirm the child or young person has asked you to complain for them"
        },
    )


class AdvocateDetailsForm(PublicForm):
    summary = long_text(
        label="What is the complaint?",
        hint="Use the child or young person's own words where you can.",
        required_message="Enter the complaint",
    )


class AdvocateOutcomeForm(PublicForm):
    desired_outcome = long_text(
        label="What would the child or young person like to happen?",
        required_message="Enter what the child or young person would like to happen",
    )


# --- compliments ------------------------------------------------------------------------------


class ComplimentForm(PublicForm):
    summary = long_text(
        label="What would you like to tell us?",
        hint=(
            "Tell us who helped you and what they did well. "
            "Do not include anyone's personal details."
        ),
        required_message="Enter your compliment",
    )
