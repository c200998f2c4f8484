"""The exchange format's files and columns, in spec order (docs/exchange-format.md).

One table drives the reader, the validator and the writer, so the three cannot disagree
about a column's name, order, kind or whether it is required.
"""

from dataclasses import dataclass

from complaintsdesk.core import vocabulary as v

# Cell kinds: how a cell is parsed on import and written on export.
KEY = "key"  # a record's own identifier: trimmed, required, unique within the file
REF = "ref"  # a case reference pointing into cases.csv or the database
NAME = "name"  # a directorate, service area or team name: trimmed
TEXT = "text"  # free text, kept exactly as written
DATE = "date"
MONEY = "money"
BOOL = "bool"
REF_LIST = "ref_list"  # `;`-list of case references
VOCAB = "vocab"
VOCAB_LIST = "vocab_list"  # `;`-list of vocabulary codes


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required: bool = False
    vocabulary: dict[str, str] | None = None
    max_length: int | None = None
    # A date planned ahead (a due date) rather than one on which something happened.
    planned: bool = False

    @property
    def what(self) -> str:
        """The column as words, for messages: `complainant_type` -> "complainant type"."""
        return self.name.replace("_", " ")


def _c(
    name: str,
    kind: str,
    *,
    required: bool = False,
    vocab: dict[str, str] | None = None,
    max_length: int | None = None,
    planned: bool = False,
) -> Column:
    if max_length is None:
        max_length = {KEY: 64, REF: 64, NAME: 120}.get(kind)
    return Column(name, kind, required, vocab, max_length, planned)


CASES = "cases.csv"
STAGES = "stages.csv"
LGSCO = "lgsco.csv"
LEARNINGS = "learnings.csv"
COMPLIMENTS = "compliments.csv"
EQUALITY = "equality.csv"
# Optional: exported only when there are any, so a council without them gets the six files.
RECOMMENDATIONS = "lgsco_recommendations.csv"
OPTIONAL_FILES = frozenset({RECOMMENDATIONS})

FILES: dict[str, tuple[Column, ...]] = {
    CASES: (
        _c("reference", KEY, required=True),
        _c("procedure", VOCAB, required=True, vocab=v.PROCEDURE),
        _c("directorate", NAME, required=True),
        _c("service_area", NAME, required=True),
        _c("team", NAME),
        _c("received", DATE, required=True),
        _c("channel", VOCAB, vocab=v.CHANNEL),
        _c("complainant_type", VOCAB, vocab=v.COMPLAINANT_TYPE),
        _c("via_advocate", BOOL),
        _c("child_in_care", BOOL),
        _c("care_leaver", BOOL),
        _c("theme", VOCAB, vocab=v.THEME),
        _c("summary", TEXT),
        _c("restricted", BOOL),
        _c("linked", REF_LIST),
        _c("equality_form_sent", DATE),
        # The day retention or an erasure removed the case's personal data; optional, so
        # files written before it import unchanged (docs/exchange-format.md).
        _c("anonymised", DATE),
    ),
    STAGES: (
        _c("reference", REF, required=True),
        _c("stage", VOCAB, required=True, vocab=v.STAGE),
        _c("started", DATE, required=True),
        _c("acknowledged", DATE),
        _c("extended_to", DATE, planned=True),
        _c("panel_held", DATE),
        _c("responded", DATE),
        # Checked against the stage's own outcomes (informal or formal) after parsing.
        _c("outcome", VOCAB, vocab=v.OUTCOME),
        _c("investigating_officer_cost", MONEY),
        _c("independent_person_cost", MONEY),
        _c("additional_cost", MONEY),
        # Optional (issue 14): the children's stage 1 clock paused while an advocate is
        # arranged. Files written before these columns existed import unchanged.
        _c("paused_from", DATE),
        _c("paused_to", DATE, planned=True),
        _c("pause_reason", TEXT),
    ),
    LGSCO: (
        _c("lgsco_reference", KEY, required=True, max_length=32),
        _c("reference", REF),
        _c("directorate", NAME, required=True),
        _c("service_area", NAME, required=True),
        _c("received", DATE, required=True),
        _c("decided", DATE),
        _c("decision", VOCAB, vocab=v.LGSCO_DECISION),
        _c("remedy_amount", MONEY),
        _c("remedy_ongoing", BOOL),
        _c("summary", TEXT),
        _c("recommendations", TEXT),
        _c("compliance_due", DATE, planned=True),
        _c("complied", DATE),
    ),
    RECOMMENDATIONS: (
        _c("id", KEY, required=True),
        _c("lgsco_reference", NAME, required=True, max_length=32),
        _c("type", VOCAB, required=True, vocab=v.LGSCO_RECOMMENDATION),
        _c("description", TEXT),
        _c("amount", MONEY),
        _c("due", DATE, required=True, planned=True),
        _c("complied", DATE),
        _c("evidence", TEXT),
        _c("remedy_paid", DATE),
    ),
    LEARNINGS: (
        _c("id", KEY, required=True),
        _c("reference", REF),
        _c("service_area", NAME, required=True),
        _c("team", NAME),
        _c("recorded", DATE, required=True),
        _c("learning", TEXT, required=True),
        _c("action", TEXT),
        _c("status", VOCAB, required=True, vocab=v.LEARNING_STATUS),
        _c("owner", TEXT, max_length=200),
        _c("due", DATE, planned=True),
        _c("completed", DATE),
    ),
    COMPLIMENTS: (
        _c("id", KEY, required=True),
        _c("received", DATE, required=True),
        _c("directorate", NAME, required=True),
        _c("service_area", NAME, required=True),
        _c("team", NAME),
        _c("summary", TEXT),
    ),
    EQUALITY: (
        _c("id", KEY, required=True),
        _c("received", DATE, required=True),
        _c("directorate", NAME),
        _c("gender", VOCAB, vocab=v.GENDER),
        _c("sexuality", VOCAB, vocab=v.SEXUALITY),
        _c("age_band", VOCAB, vocab=v.AGE_BAND),
        _c("religion", VOCAB, vocab=v.RELIGION),
        _c("ethnicity", VOCAB, vocab=v.ETHNICITY),
        _c("disability", VOCAB_LIST, vocab=v.DISABILITY, max_length=200),
    ),
}

# The key column of each file (stages are keyed on reference + stage).
KEYS: dict[str, str] = {
    CASES: "reference",
    LGSCO: "lgsco_reference",
    RECOMMENDATIONS: "id",
    LEARNINGS: "id",
    COMPLIMENTS: "id",
    EQUALITY: "id",
}

# Written by export (figures.md, last section); ignored by import so an export re-imports.
COMPUTED: dict[str, tuple[str, ...]] = {STAGES: ("due", "working_days_taken", "overdue")}

# A planned date further ahead than this many calendar years is taken for a mistyped year.
PLANNED_YEARS_AHEAD = 10

# Money columns are DecimalField(max_digits=12, decimal_places=2).
MONEY_LIMIT = 10**10


def columns_by_name(file: str) -> dict[str, Column]:
    return {c.name: c for c in FILES[file]}
