"""The review of the procedure's effectiveness (the feedback survey), and the compliments a
manager chose to quote.

The survey is anonymous (intake's FeedbackForm): its uptake is the responses received in
a year over the invitations the reminder job sent that year (`feedback_invite`), and its
answers are shares of those who answered each question. Its free-text suggestions are
counted, never printed: they were given on the promise of anonymity.
Three queries for the survey (this year's and last year's invitations, two years of
responses) and one for the chosen compliments, whatever the data size.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from complaintsdesk.cases.models import Case, FeedbackResponse
from complaintsdesk.intake.anonymous_forms import SATISFACTION, YES_PARTLY_NO
from complaintsdesk.reminders.models import SentReminder
from complaintsdesk.reporting.annual.cells import cell, text
from complaintsdesk.reporting.annual.model import FreeText, Row, Table
from complaintsdesk.reporting.annual.sections_figures import years_back
from complaintsdesk.reporting.annual.source import Figures
from complaintsdesk.reporting.figures import FinancialYear, Pct

# question -> (how the table names it, its answers)
QUESTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "satisfaction": ("Satisfaction with how the complaint was handled", SATISFACTION),
    "easy_to_complain": ("Found it easy to make the complaint", YES_PARTLY_NO),
    "kept_informed": ("Kept informed while it was looked into", YES_PARTLY_NO),
    "understood": ("The response explained the decision clearly", YES_PARTLY_NO),
}


def _pct(num: int, den: int, edition: str) -> Any:
    """A figures/1 percentage; in the published edition, withheld below the minimum base."""
    min_den = int(str(settings.COMPLAINTSDESK["PERCENT_MIN_DENOMINATOR"]))
    if edition == "published" and 0 < den < min_den:
        return "[low]"
    return Pct.of(num, den)._asdict()


def _invited(f: Figures, year: FinancialYear) -> int:
    """Cases in scope whose complainant the reminder job invited to the survey in `year`."""
    sent = SentReminder.objects.filter(
        kind="feedback_invite", for_date__range=(year.start, year.end)
    ).values("object_id")
    return (
        Case.objects.annotate(
            reminder_key=Concat(Value("case:"), Cast("pk", output_field=CharField()))
        )
        .filter(reminder_key__in=sent, service_area__name__in=list(f.scope.service_areas))
        .count()
    )


def _responses(f: Figures, years: list[FinancialYear]) -> dict[str, list[dict[str, Any]]]:
    """Each year's survey answers in scope (a response names only a directorate)."""
    qs = FeedbackResponse.objects.filter(received__range=(years[-1].start, years[0].end))
    if f.scope.service_area or f.scope.directorate:
        qs = qs.filter(directorate__name__in=sorted(f.scope.directorates))
    out: dict[str, list[dict[str, Any]]] = {y.label: [] for y in years}
    for received, answers in qs.values_list("received", "answers"):
        for y in years:
            if y.start <= received <= y.end:
                out[y.label].append(answers if isinstance(answers, dict) else {})
    return out


def effectiveness(f: Figures) -> tuple[tuple[Table, ...], list[FreeText]]:
    years = years_back(f.year, 2)
    cols = tuple(y.label for y in years)
    answers = _responses(f, years)
    invited = {y.label: _invited(f, y) for y in years}
    uptake = (
        Row(
            "feedback.invited",
            "Complainants invited to the feedback survey",
            tuple(cell(invited[c]) for c in cols),
            "Invitations to the feedback survey",
        ),
        Row(
            "feedback.responses",
            "Surveys returned",
            tuple(cell(len(answers[c])) for c in cols),
            "Feedback surveys returned",
        ),
        Row(
            "feedback.uptake_pct",
            "Uptake (surveys returned / invited)",
            tuple(cell(_pct(len(answers[c]), invited[c], f.edition)) for c in cols),
            "The feedback survey's uptake",
        ),
        Row(
            "feedback.suggestions",
            "Suggestions for improvement written (not printed: anonymous)",
            tuple(cell(sum(1 for a in answers[c] if a.get("improve"))) for c in cols),
            "Written suggestions for improvement",
        ),
    )
    tables = [
        Table("effectiveness.uptake", "The feedback survey", "Figure", cols, uptake, years=True)
    ]
    for question, (label, options) in QUESTIONS.items():
        answered = {
            c: [a[question] for a in answers[c] if a.get(question) in options] for c in cols
        }
        rows = tuple(
            Row(
                f"feedback.{question}.{key}",
                option,
                tuple(
                    cell(_pct(answered[c].count(key), len(answered[c]), f.edition)) for c in cols
                ),
                f"Answers “{option.lower()}” to “{label.lower()}”",
            )
            for key, option in options.items()
        )
        tables.append(
            Table(
                f"effectiveness.{question}",
                f"{label} (share of those who answered)",
                "Answer",
                cols,
                rows,
                years=True,
            )
        )
    return tuple(tables), []


def compliment_examples(f: Figures, preset: str) -> tuple[tuple[Table, ...], list[FreeText]]:
    """The compliments a manager chose to quote this year: one query. Their summaries go
    through the published edition's personal-data check like every printed free text."""
    from complaintsdesk.reporting.models import ComplimentExample

    examples = (
        ComplimentExample.objects.filter(year=f.year.label, preset=preset)
        .select_related("compliment__service_area")
        .order_by("compliment__received", "id")
    )
    rows, texts = [], []
    for e in examples:
        c = e.compliment
        if c.service_area.name not in f.scope.service_areas:
            continue
        rows.append(
            Row(
                str(c.pk),
                c.service_area.name,
                (text(f"{c.received:%B %Y}"), text(c.summary)),
            )
        )
        texts.append(
            FreeText("compliment", str(c.pk), "summary", f"Compliment {c.key} (summary)", c.summary)
        )
    table = Table(
        "compliments.examples",
        "What people told us: compliments chosen by the complaints manager",
        "Service area",
        ("Received", "Compliment"),
        tuple(rows),
    )
    return (table,), texts
