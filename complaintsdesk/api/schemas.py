"""The API's bodies and answers as pydantic models: they validate requests and describe both.

Request models are strict (a JSON number is not text, "1" is not a number) and forbid unknown
fields, so a client's typo is refused rather than ignored. Text is bounded by its column and
never holds NUL (PostgreSQL refuses it). The answers are documented here and built by
serializers.py; the API tests check every answer against the schema these models produce.
"""

from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal, TypeAlias

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from complaintsdesk.core import vocabulary as v
from complaintsdesk.core.params import DATABASE_INTEGER_MAX
from complaintsdesk.deadlines.calendar import CALENDAR_FIRST, CALENDAR_LAST

NO_NUL = r"^[^\x00]*$"
FREE_TEXT_MAX = 20_000


# Text bounded by its column (or, for free text, by a generous length) and free of NUL.
Text40 = Annotated[str, StringConstraints(max_length=40, pattern=NO_NUL)]
Text120 = Annotated[str, StringConstraints(max_length=120, pattern=NO_NUL)]
Text200 = Annotated[str, StringConstraints(max_length=200, pattern=NO_NUL)]
FreeText = Annotated[str, StringConstraints(max_length=FREE_TEXT_MAX, pattern=NO_NUL)]
# The same, where a value must not be blank.
Name = Annotated[str, StringConstraints(min_length=1, max_length=120, pattern=NO_NUL)]
PersonName = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=NO_NUL)]
Reason = Annotated[str, StringConstraints(min_length=1, max_length=2_000, pattern=NO_NUL)]
Prose = Annotated[str, StringConstraints(min_length=1, max_length=FREE_TEXT_MAX, pattern=NO_NUL)]
# A staff account's username (Django's column is 150 characters).
Username = Annotated[str, StringConstraints(min_length=1, max_length=150, pattern=NO_NUL)]


def _email(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError:
            raise ValueError("Enter an email address such as name@example.com") from None
    return value


# Literal[...] from the vocabulary: the schema lists the values, and validation checks them.
# (mypy cannot follow a Literal built at run time; to it they are text.)
if TYPE_CHECKING:
    Procedure: TypeAlias = str
    StageKind: TypeAlias = str
    Channel: TypeAlias = str
    ComplainantType: TypeAlias = str
    Theme: TypeAlias = str
    Outcome: TypeAlias = str
    EscalationReason: TypeAlias = str
else:
    Procedure = Literal[tuple(v.PROCEDURE)]
    StageKind = Literal[tuple(v.STAGE)]
    Channel = Literal[tuple(v.CHANNEL)]
    ComplainantType = Literal[tuple(v.COMPLAINANT_TYPE)]
    Theme = Literal[tuple(v.THEME)]
    Outcome = Literal[tuple(v.OUTCOME)]
    EscalationReason = Literal[tuple(v.ESCALATION_REASON)]
# Dates the working-day calendar counts (2000 to 2045); the pattern tells clients (and
# schemathesis) the years, as `format: date` cannot carry a range.
DAY_PATTERN = r"^20([0-3][0-9]|4[0-5])-[0-9]{2}-[0-9]{2}$"
Day = Annotated[
    date,
    Field(ge=CALENDAR_FIRST, le=CALENDAR_LAST, json_schema_extra={"pattern": DAY_PATTERN}),
]
Version = Annotated[int, Field(ge=1, le=DATABASE_INTEGER_MAX)]
Email = Annotated[str, StringConstraints(max_length=254, pattern=NO_NUL), AfterValidator(_email)]


class Request(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class Versioned(Request):
    version: Version = Field(
        description="The case's `version` as last read; a stale one is refused with 409."
    )


class CaseCreate(Request):
    procedure: Procedure
    service_area: Name = Field(description="A service area's name.")
    received: Day = Field(description="The day the complaint arrived; not after today.")
    team: Text120 | None = Field(default=None, description="A team's name in the area.")
    first_stage: Literal["informal", "stage1"] | None = Field(
        default=None, description="Start this stage on `received`; without it, awaits triage."
    )
    channel: Channel | None = None
    complainant_type: ComplainantType | None = None
    theme: Theme | None = None
    summary: FreeText | None = None


class CaseUpdate(Versioned):
    """Only the fields sent are changed; null clears an optional one."""

    service_area: Name | None = None
    team: Text120 | None = None
    channel: Channel | None = None
    complainant_type: ComplainantType | None = None
    theme: Theme | None = None
    summary: Prose | None = None
    desired_outcome: FreeText | None = None
    events_date: Day | None = None
    complainant_name: PersonName | None = None
    complainant_email: Email | None = None
    complainant_phone: Text40 | None = None
    complainant_address: FreeText | None = None
    relationship_to_child: Text120 | None = None
    advocacy_service: Text200 | None = None
    consent_to_act: bool | None = None
    via_advocate: bool | None = None
    child_in_care: bool | None = None
    care_leaver: bool | None = None


class NoteCreate(Request):
    text: Prose


class Acknowledge(Versioned):
    on: Day = Field(description="The day the acknowledgement was sent.")


class Respond(Versioned):
    on: Day = Field(description="The day the response was sent.")
    outcome: Outcome = Field(
        description="Informal: resolved, escalated, withdrawn; formal: "
        "upheld, partly_upheld, not_upheld, withdrawn."
    )


class Extend(Versioned):
    extended_to: Day
    reason: Reason


class Escalate(Versioned):
    started: Day = Field(description="The day the escalation was requested.")
    reason: EscalationReason | None = Field(
        default=None, description="Why the complainant is escalating (reported)."
    )
    details: FreeText | None = Field(
        default=None,
        description="In the complainant's words; needed with reason `other`. Kept on the "
        "stage, never in reports or the audit.",
    )


class Reassign(Versioned):
    """At least one of the two; a field left out (or null) keeps who is there."""

    owner: Username | None = Field(
        default=None, description="The username of the new owner, in the complaints team."
    )
    responding_manager: Username | None = Field(
        default=None,
        description="The username of the new responding manager, a member of the case's team.",
    )


class Pause(Versioned):
    paused_from: Day = Field(description="The first day the clock is paused.")
    paused_to: Day = Field(
        description="The last day it is paused (both days count); may be ahead, and changed "
        "later by resume."
    )
    reason: Reason = Field(description="Why, e.g. an advocate is being arranged.")


class Resume(Versioned):
    paused_to: Day = Field(
        description="The last day the clock was paused: it runs again the day after."
    )


# --- answers ------------------------------------------------------------------------------


class Answer(BaseModel):
    # additionalProperties: false, so a field added to an answer but not here fails the tests.
    model_config = ConfigDict(extra="forbid")


class Error(Answer):
    error: str
    field: str | None = None
    errors: list[dict[str, str]] | None = Field(
        default=None, description="Every field at fault, when a body has several."
    )
    changes: list[str] | None = Field(
        default=None, description="With 409: what others changed since `version`."
    )
    anonymised: date | None = Field(
        default=None, description="With 409: the day the case was anonymised (read-only since)."
    )


class Person(Answer):
    username: str
    name: str = Field(description="The full name, else the username.")


class CaseSummary(Answer):
    reference: str
    procedure: Procedure
    directorate: str
    service_area: str
    team: str | None
    received: date
    status: Literal["awaiting_triage", "open", "closed"]
    current_stage: StageKind | None
    current_due: date | None
    restricted: bool
    owner: Person | None = Field(description="Who in the complaints team has the case.")
    responding_manager: Person | None = Field(
        description="The manager in the service who answers the complaint."
    )
    version: int


class CaseList(Answer):
    results: list[CaseSummary]
    offset: int
    limit: int
    more: bool = Field(description="Whether another page exists.")


Money = Annotated[str, StringConstraints(pattern=r"^-?[0-9]+\.[0-9]{2}$")]


class StagePause(Answer):
    paused_from: date
    paused_to: date = Field(description="The last day paused; both days count.")
    reason: str


class StageDetail(Answer):
    stage: StageKind
    started: date
    acknowledged: date | None
    extended_to: date | None
    panel_held: date | None
    responded: date | None
    outcome: Outcome | None
    due: date | None
    working_days_taken: int | None
    investigating_officer_cost: Money | None
    independent_person_cost: Money | None
    additional_cost: Money | None
    escalation_reason: EscalationReason | None = Field(
        description="Why the complainant escalated to this stage; null on a first stage."
    )
    escalation_details: str | None = Field(description="In the complainant's words.")
    pause: StagePause | None = Field(
        description="The clock paused while an advocate is arranged (children's stage 1); "
        "the working days paused are added to `due`."
    )


class CaseDetail(CaseSummary):
    channel: Channel | None
    complainant_type: ComplainantType | None
    via_advocate: bool | None
    child_in_care: bool | None
    care_leaver: bool | None
    theme: Theme | None
    summary: str
    stages: list[StageDetail]
    linked: list[str]


class NoteAdded(Answer):
    id: int
    case: str = Field(description="The case's reference.")
    at: str = Field(description="When it was added (ISO 8601, with offset).")
