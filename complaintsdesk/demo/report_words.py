"""The words of the demo's 2023-24 children's report, as the seed report's author would write
them (anonymised: the published edition's personal-data check finds nothing), its sign-off,
the compliments it quotes, and the feedback survey the reminder job would have gathered.

Deterministic: the survey answers cycle through fixed patterns, no random draw, so the
history the figures test reproduces is untouched.
"""

from __future__ import annotations

from datetime import date
from itertools import cycle

from django.contrib.auth.models import User
from django.db.models import Max

from complaintsdesk.cases.models import Case, Compliment, FeedbackResponse
from complaintsdesk.reminders.models import SentReminder
from complaintsdesk.reporting.models import ComplimentExample, ReportNarrative, ReportSignOff

YEAR = "2023-24"
PRESET = "children"

NARRATIVE: dict[str, str] = {
    "key_messages": (
        "Although the overall number of complaints about children's services is similar to "
        "last year, this report highlights the rise in formal stage 1 complaints about "
        "children's social care, the timeliness of our responses and the trend in cases "
        "escalating to stage 2.\n\n"
        "Stage 1 complaints about children's social care almost doubled, from 34 to 65, while "
        "representations resolved informally fell from 106 to 74: more of the issues raised "
        "qualified for the statutory procedure. Stage 2 investigations rose from 1 to 5.\n\n"
        "86% of stage 1 responses were sent within 20 working days, up from 85%. Children's "
        "services received 112 compliments, up from 100."
    ),
    "dashboard": (
        "The quarterly figures were reported to the Children's Services Leadership Team each "
        "quarter. Formal complaints about social care were lowest in the third quarter and "
        "highest in the second."
    ),
    "summary": (
        "Most complaints come from parents, some estranged, and do not always represent the "
        "voice or best interest of the child. More of the issues raised this year qualified "
        "for the statutory procedure and its escalation route to stages 2 and 3. Most stage 2 "
        "escalations concerned the Children with Disabilities team and often sought a "
        "financial remedy the procedure cannot always give.\n\n"
        "Complaints about special educational needs began to fall during the year."
    ),
    "stage23": (
        "Five complaints were accepted at stage 2, up from one in 2022-23. We are looking "
        "more closely at why stage 1 investigations are not resolving these complaints "
        "straight away. One case went on to a stage 3 review panel and was withdrawn."
    ),
    "lgsco": (
        "Only one social care complaint was presented to the Ombudsman, who passed it back to "
        "the council for the local procedure: it is recorded as upheld while it is "
        "investigated at stage 2. Most upheld decisions concerned special educational needs "
        "and children out of education; the recommendations on alternative provision have "
        "been shared with the teams concerned."
    ),
    "who": (
        "Parents made most of the complaints about children's social care. Most complaints "
        "concerned professional practice and the quality of service. 11% were fully justified, "
        "up from 7%; 14% were partly justified, as last year."
    ),
    "cic": (
        "All complaints from children in care came to us through an advocacy service. The "
        "numbers are low, and we have assurance through the Corporate Parenting Board that "
        "we are hearing the voice of the child and acting before matters escalate to formal "
        "complaints.\n\n"
        "In the first quarter there were no complaints from children in care. In the second "
        "there were two, about fostering and housing, and about a care home and lost money. "
        "In the third there was one, about a placement and notice to leave, managed "
        "informally by the service. In the fourth there were none."
    ),
    "timeliness": (
        "Most stage 1 responses were sent within the 20 working day statutory timescale, a "
        "trend that is improving. Some exceed it because a more informal resolution was agreed "
        "after the complaint arrived, with follow-up calls and meetings: the figure alone does "
        "not tell the whole story."
    ),
    "learning": (
        "Learning is collected at every stage. At stage 1 operational managers identify "
        "learning and actions; at stages 2 and 3 action plans follow the investigator's or "
        "the panel's recommendations; the Ombudsman's recommendations are monitored by the "
        "complaints team until they are completed.\n\n"
        "We disseminate learning through quarterly reports to the leadership team, discussed "
        "at service team meetings, and through the performance data reported each quarter. "
        "Team managers will have further training on stage 1 investigations within the "
        "statutory timescales."
    ),
    "effectiveness": (
        "Complainants are invited to tell us about their experience of complaining once their "
        "complaint closes. Uptake remains low, so the answers are a guide rather than a "
        "measure; we will ask at the end of each response from next year to raise it."
    ),
    "equality": (
        "Every complainant is sent an anonymous equality monitoring form. Uptake was 70%. The "
        "forms are anonymous, so the figures are for the whole council, not children's "
        "services alone."
    ),
    "compliments": (
        "Children's services received 112 compliments in 2023-24: genuinely heartening, and a "
        "balance to the criticism a complaints report records."
    ),
    "appendix_lgsco": (
        "Each decision is listed with the remedy the council agreed and the service "
        "improvements the Ombudsman recommended."
    ),
}

SIGNED_BY = ("Complaints and Customer Feedback Manager",)

# The survey's answers: cycled through, one pattern per response.
ANSWERS = (
    {"satisfaction": "satisfied", "easy_to_complain": "yes", "kept_informed": "yes"},
    {"satisfaction": "very_satisfied", "easy_to_complain": "yes", "understood": "yes"},
    {"satisfaction": "dissatisfied", "kept_informed": "no", "understood": "partly"},
    {"satisfaction": "neither", "easy_to_complain": "partly", "kept_informed": "partly"},
    {
        "satisfaction": "satisfied",
        "understood": "yes",
        "improve": "Tell me sooner who is looking into it.",
    },
    {"satisfaction": "very_dissatisfied", "easy_to_complain": "no", "understood": "no"},
)
RESPONSE_EVERY = {"2022-23": 19, "2023-24": 13}  # one response per so many invitations


def report_words_create(*, users: dict[str, User]) -> None:
    """Narrative, sign-off and quoted compliments for 2023-24; the survey for two years."""
    manager = users["manager"]
    _survey()
    ReportNarrative.objects.bulk_create(
        ReportNarrative(year=YEAR, preset=PRESET, section=k, text=t, author=manager)
        for k, t in NARRATIVE.items()
    )
    quoted = (
        Compliment.objects.filter(received__range=(date(2023, 4, 1), date(2024, 3, 31)))
        .filter(service_area__directorate__name="Children's Services")
        .exclude(summary="")
        .order_by("received", "key")
    )
    seen: set[str] = set()
    for c in quoted:
        if c.summary not in seen:  # one of each kind of thanks
            seen.add(c.summary)
            ComplimentExample.objects.create(
                year=YEAR, preset=PRESET, compliment=c, chosen_by=manager
            )
        if len(seen) == 4:
            break
    name = f"{manager.first_name} {manager.last_name}".strip() or manager.username
    ReportSignOff.objects.create(
        year=YEAR,
        preset=PRESET,
        name=name,
        role=SIGNED_BY[0],
        signed_on=date(2024, 6, 28),
        signed_by=manager,
    )


def _survey() -> None:
    """Invitations for cases closed in 2022-23 and 2023-24, and a few anonymous answers."""
    closed = (
        Case.objects.filter(status="closed")
        .annotate(closed_on=Max("stages__responded"))
        .filter(closed_on__range=(date(2022, 4, 1), date(2024, 3, 31)))
        .values_list("pk", "closed_on", "service_area__directorate")
        .order_by("closed_on", "pk")
    )
    reminders, responses = [], []
    count = {label: 0 for label in RESPONSE_EVERY}
    answers = cycle(ANSWERS)
    for pk, closed_on, directorate in closed:
        label = "2023-24" if closed_on >= date(2023, 4, 1) else "2022-23"
        reminders.append(
            SentReminder(
                kind="feedback_invite",
                object_id=f"case:{pk}",
                for_date=closed_on,
                run_date=closed_on,
                recipients=1,
            )
        )
        count[label] += 1
        if count[label] % RESPONSE_EVERY[label] == 0:
            responses.append(
                FeedbackResponse(
                    received=closed_on, directorate_id=directorate, answers=dict(next(answers))
                )
            )
    SentReminder.objects.bulk_create(reminders)
    FeedbackResponse.objects.bulk_create(responses)
