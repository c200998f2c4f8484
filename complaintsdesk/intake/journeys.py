"""The public routes as data: which pages each asks, in order, and when a page applies.

A view walks a journey: after each answer it goes to the first page still unanswered, so a
change made from "Check your answers" that opens new questions (e.g. "about a child") asks
them, and otherwise returns to the check page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from complaintsdesk.intake import forms as f

Answers = dict[str, dict[str, Any]]


def _always(answers: Answers) -> bool:
    return True


def _about_child(answers: Answers) -> bool:
    return answers.get("about", {}).get("about") == "child"


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type[f.PublicForm]
    title: str  # the page's title and the check page's row label
    applies: Callable[[Answers], bool] = _always
    uploads: bool = False


@dataclass(frozen=True)
class Journey:
    slug: str
    name: str
    steps: tuple[Step, ...]
    submit_label: str
    intro: str = ""
    kind: str = "complaint"  # or "compliment"
    lead: tuple[str, ...] = field(default_factory=tuple)
    # The check page's words: what sending means, said as this journey's reader would say it.
    check_title: str = "Check your answers before sending"
    send_heading: str = ""  # blank: "Now send your <kind>"
    confirmation: str = (
        "By sending this you are confirming that, to the best of your knowledge, the details "
        "you are giving are correct."
    )

    def step(self, slug: str) -> Step | None:
        return next((s for s in self.steps if s.slug == slug), None)

    def applicable(self, answers: Answers) -> list[Step]:
        return [s for s in self.steps if s.applies(answers)]

    def first_unanswered(self, answers: Answers) -> Step | None:
        return next((s for s in self.applicable(answers) if s.slug not in answers), None)

    def previous(self, slug: str, answers: Answers) -> Step | None:
        steps = self.applicable(answers)
        slugs = [s.slug for s in steps]
        i = slugs.index(slug) if slug in slugs else 0
        return steps[i - 1] if i > 0 else None


COMPLAINT = Journey(
    slug="complaint",
    name="Make a complaint",
    submit_label="Send complaint",
    lead=(
        "Use this form to complain about any council service, including children's services. "
        "You can complain for yourself or for a child or young person.",
        "It takes about 10 minutes. You can upload letters or photos if you have them.",
    ),
    steps=(
        Step("service", f.ServiceForm, "Service"),
        Step("about", f.AboutForm, "Who the complaint is about"),
        Step("relationship", f.RelationshipForm, "Your relationship to the child", _about_child),
        Step("child", f.ChildForm, "About the child or young person", _about_child),
        Step("consent", f.ConsentForm, "The child agrees", _about_child),
        Step("details", f.DetailsForm, "Your complaint"),
        Step("when", f.EventsDateForm, "When it happened"),
        Step("outcome", f.OutcomeForm, "What would put things right"),
        Step("documents", f.DocumentsForm, "Documents", uploads=True),
        Step("contact", f.ContactForm, "Your contact details"),
    ),
)

YOUNG_PERSON = Journey(
    slug="young-person",
    name="Tell us you are not happy",
    submit_label="Send",
    check_title="Check what you have told us",
    send_heading="Send it to us",
    confirmation=(
        "When you press Send, you are telling us that what you have written is true, "
        "as far as you know. It is fine if you are not sure about everything."
    ),
    lead=(
        "If you are a child or young person and you are not happy with something we have done, "
        "or not done, you can tell us here.",
        "We will write down what you say in your own words. Someone will get back to you.",
    ),
    steps=(
        Step("what", f.YoungPersonWhatForm, "What you are not happy about"),
        Step("better", f.YoungPersonBetterForm, "What would make it better"),
        Step("service", f.YoungPersonServiceForm, "Team"),
        Step("advocate", f.YoungPersonAdvocateForm, "Advocate"),
        Step("contact", f.YoungPersonContactForm, "How we can get back to you"),
    ),
)

ADVOCATE = Journey(
    slug="advocate",
    name="Make a complaint as an advocate",
    submit_label="Send complaint",
    lead=(
        "Use this form if you are an advocate making a complaint for a child or young person "
        "who has asked you to.",
    ),
    steps=(
        Step("advocate", f.AdvocateForm, "You and your advocacy service"),
        Step("child", f.ChildForm, "The child or young person"),
        Step("consent", f.AdvocateConsentForm, "The child has asked you"),
        Step("service", f.ServiceForm, "Service"),
        Step("details", f.AdvocateDetailsForm, "The complaint"),
        Step("when", f.EventsDateForm, "When it happened"),
        Step("outcome", f.AdvocateOutcomeForm, "What the child would like to happen"),
        Step("documents", f.DocumentsForm, "Documents", uploads=True),
    ),
)

COMPLIMENT = Journey(
    slug="compliment",
    name="Give a compliment",
    submit_label="Send compliment",
    kind="compliment",
    lead=("Tell us when a council service or member of staff has done something well.",),
    steps=(
        Step("service", f.ComplimentServiceForm, "Service"),
        Step("compliment", f.ComplimentForm, "Your compliment"),
    ),
)

JOURNEYS: dict[str, Journey] = {j.slug: j for j in (COMPLAINT, YOUNG_PERSON, ADVOCATE, COMPLIMENT)}
