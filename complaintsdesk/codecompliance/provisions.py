"""The LGSCO Complaint Handling Code's provisions, as data. PURE: no Django.

Summarised in our own words under the Code's own section headings; the numbering is ours
(section.item), so the self-assessment can say which provision an answer is about. Each
provision names the evidence figures the records can show (`evidence.py`), if any.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Provision:
    ref: str
    section: str
    text: str
    evidence: tuple[str, ...] = ()  # keys of evidence figures that bear on it


SECTIONS: dict[str, str] = {
    "1": "Definitions",
    "2": "Accessibility and awareness",
    "3": "Complaint handling staff",
    "4": "The complaint handling process",
    "5": "Stage 1",
    "6": "Stage 2",
    "7": "Putting things right",
    "8": "Self-assessment, reporting and compliance",
    "9": "Learning and scrutiny",
}

_P = Provision
PROVISIONS: tuple[Provision, ...] = (
    _P("1.1", "1", "We treat any expression of dissatisfaction about our service, action or "
       "lack of action as a complaint, however it reaches us."),
    _P("1.2", "1", "We tell a request for a service apart from a complaint, and treat a "
       "request we fail to meet as a complaint if the person is unhappy."),
    _P("1.3", "1", "Feedback from surveys is not treated as a complaint unless the person "
       "says it is one; we tell people how to complain."),
    _P("2.1", "2", "People can complain in person, by phone, in writing and online, and "
       "through someone acting for them."),
    _P("2.2", "2", "We make reasonable adjustments so that everyone can use the procedure, "
       "and keep a record of them."),
    _P("2.3", "2", "Our complaints policy is published on our website, in plain language."),
    _P("2.4", "2", "We tell people they can go to the Ombudsman, and when."),
    _P("3.1", "3", "A named person or team leads on complaints and has the access and "
       "authority to resolve them."),
    _P("3.2", "3", "Staff who handle complaints are trained and helped to put things right."),
    _P("4.1", "4", "We run a two-stage complaints procedure and no more."),
    _P("4.2", "4", "We acknowledge a complaint within 5 working days of receiving it, at "
       "either stage.", ("ack_stage1", "ack_stage2")),
    _P("4.3", "4", "We set out our understanding of the complaint and the outcome sought, "
       "and ask the person to say if we have it wrong."),
    _P("4.4", "4", "We refuse a complaint only for a reason our policy gives, and explain "
       "the reason and the right to go to the Ombudsman."),
    _P("4.5", "4", "We keep a full record of each complaint, its handling and its outcome."),
    _P("5.1", "5", "We answer a stage 1 complaint within 10 working days of the "
       "acknowledgement.", ("stage1_on_time",)),
    _P("5.2", "5", "An extension at stage 1 is at most 10 further working days, explained "
       "to the person.", ("stage1_extensions",)),
    _P("5.3", "5", "A stage 1 answer addresses every point, gives the decision and reasons, "
       "what we will do, and how to escalate."),
    _P("6.1", "6", "A person who is unhappy with the stage 1 answer can escalate to stage 2 "
       "without having to justify it.", ("escalations",)),
    _P("6.2", "6", "We answer a stage 2 complaint within 20 working days of the "
       "acknowledgement.", ("stage2_on_time",)),
    _P("6.3", "6", "An extension at stage 2 is at most 20 further working days, explained "
       "to the person.", ("stage2_extensions",)),
    _P("6.4", "6", "Someone not involved at stage 1 answers at stage 2, and the answer "
       "explains how to go to the Ombudsman."),
    _P("7.1", "7", "Where something has gone wrong we put it right: apologise, act, and "
       "pay a financial remedy where due.", ("remedies",)),
    _P("7.2", "7", "We carry out every remedy we or the Ombudsman agree, and track it to "
       "completion.", ("remedies", "remedies_on_time")),
    _P("8.1", "8", "We publish an annual complaints performance and service improvement "
       "report."),
    _P("8.2", "8", "We assess ourselves against the Code every year and publish the "
       "self-assessment with the annual report."),
    _P("8.3", "8", "The annual report and the Ombudsman's annual letter go to our "
       "governing body, and its response is published."),
    _P("9.1", "9", "We use complaints to learn and improve, and act on what we learn.",
       ("learning",)),
    _P("9.2", "9", "A member of the governing body is responsible for complaints oversight "
       "and receives regular information on them."),
)  # fmt: skip

BY_REF: dict[str, Provision] = {p.ref: p for p in PROVISIONS}

COMPLIANCE: dict[str, str] = {"yes": "Yes", "partly": "Partly", "no": "No"}
