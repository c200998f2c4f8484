"""The target tables the history is generated to: one row per service area and year.

The 2023-24 rows (and the earlier children's rows the report prints) are the report's
figures as `seed_figures.json` lists them under `reproduce`, under figures.md's
definitions; everything else is invented but plausible. `tests/demo` checks the generated
records against `seed_figures.json` through the figures engine, not against this file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

Q = tuple[int, int, int, int]

CSC = "Children's Social Care"
CNSC = "Children's Non-Social Care"
ADULTS = "Adult Social Care"
PLACE = "Place Services"


@dataclass(frozen=True)
class AreaYear:
    """What one service area's records must add up to in one financial year."""

    informal: Q  # informal stages started, by quarter (= representations)
    stage1: Q  # stage-1 stages started, by quarter (= formal)
    escalated: int  # of the stage-1s, those that came through an informal stage that year
    # Stage-1 responses sent in the year (including ones started the year before):
    within_20: int  # working days taken <= 20
    outcomes: dict[str, int]  # upheld / partly_upheld / not_upheld / withdrawn
    compliments: Q
    learnings: Q
    lgsco_decided: Q
    lgsco_upheld: Q
    carry_out: int = 0  # stage-1s started late in Q4 and answered after 31 March
    stage2: int = 0  # ordinary stage-2 escalations (the named 2023-24 ones are extra)
    children_in_care: int | None = None  # informal + stage-1 stages with child_in_care
    complainant_types: dict[str, int] | None = None  # exact, per stage, when given
    themes: dict[str, int] | None = None  # exact, per stage, when given

    @property
    def formal(self) -> int:
        return sum(self.stage1)


def _o(upheld: int, partly: int, not_upheld: int, withdrawn: int) -> dict[str, int]:
    return {
        "upheld": upheld,
        "partly_upheld": partly,
        "not_upheld": not_upheld,
        "withdrawn": withdrawn,
    }


TARGETS: dict[str, dict[str, AreaYear]] = {
    CSC: {
        "2019-20": AreaYear(
            informal=(20, 22, 21, 25),
            stage1=(6, 7, 5, 6),
            escalated=6,
            within_20=17,
            outcomes=_o(3, 4, 15, 2),
            compliments=(8, 9, 10, 9),
            learnings=(4, 5, 3, 4),
            lgsco_decided=(1, 0, 1, 1),
            lgsco_upheld=(0, 0, 0, 0),
            children_in_care=10,
        ),
        "2020-21": AreaYear(
            informal=(18, 22, 20, 24),
            stage1=(6, 7, 7, 7),
            escalated=7,
            within_20=18,
            outcomes=_o(3, 4, 16, 2),
            carry_out=2,
            stage2=1,
            compliments=(9, 10, 8, 11),
            learnings=(5, 6, 4, 6),
            lgsco_decided=(1, 1, 1, 1),
            lgsco_upheld=(0, 1, 0, 0),
            children_in_care=15,
        ),
        # 29 started + the 2 carried in from March 2021 = 31 answered; 24/31 rounds to 77%
        # (no count out of 29 does).
        "2021-22": AreaYear(
            informal=(21, 24, 22, 24),
            stage1=(7, 8, 6, 8),
            escalated=8,
            within_20=24,
            outcomes=_o(3, 5, 21, 2),
            stage2=1,
            compliments=(10, 9, 12, 11),
            learnings=(5, 7, 4, 6),
            lgsco_decided=(2, 1, 2, 1),
            lgsco_upheld=(0, 1, 0, 0),
            children_in_care=8,
        ),
        # 29/34 = 85%; outcomes over the 29 not withdrawn: 2, 4, 23 = 7%, 14%, 79%.
        "2022-23": AreaYear(
            informal=(25, 27, 26, 28),
            stage1=(8, 9, 8, 9),
            escalated=9,
            within_20=29,
            outcomes=_o(2, 4, 23, 5),
            stage2=1,
            compliments=(11, 10, 13, 12),
            learnings=(6, 8, 5, 9),
            lgsco_decided=(1, 2, 1, 1),
            lgsco_upheld=(0, 1, 0, 0),
            children_in_care=10,
        ),
        # 56/65 = 86%; over the 63 not withdrawn: 7, 9, 47 = 11%, 14%, 75%.
        "2023-24": AreaYear(
            informal=(14, 21, 16, 23),
            stage1=(15, 21, 9, 20),
            escalated=15,
            within_20=56,
            outcomes=_o(7, 9, 47, 2),
            compliments=(11, 13, 14, 15),
            learnings=(8, 14, 1, 8),
            lgsco_decided=(0, 1, 0, 0),
            lgsco_upheld=(0, 1, 0, 0),
            children_in_care=3,
            # 66 typed stages of 139; the rest not recorded.
            complainant_types={
                "young_person": 5,
                "grandparent": 3,
                "group": 1,
                "individual": 2,
                "parent": 36,
                "advocate": 2,
                "customer": 15,
                "other_relative": 2,
                "": 73,
            },
            # Every stage themed: 10, 4, 25, 90, 7, 3 of 139 = 7, 3, 18, 65, 5, 2 %.
            themes={
                "communication": 10,
                "data": 4,
                "policy_disagreement": 25,
                "professional_practice": 90,
                "misconduct": 7,
                "other": 3,
            },
        ),
    },
    CNSC: {
        "2019-20": AreaYear(
            informal=(12, 13, 12, 13),
            stage1=(16, 17, 17, 18),
            escalated=8,
            within_20=54,
            outcomes=_o(9, 10, 45, 4),
            stage2=2,
            compliments=(10, 11, 12, 10),
            learnings=(8, 9, 6, 7),
            lgsco_decided=(2, 2, 2, 2),
            lgsco_upheld=(1, 1, 0, 1),
        ),
        "2020-21": AreaYear(
            informal=(13, 14, 14, 14),
            stage1=(18, 19, 19, 20),
            escalated=8,
            within_20=60,
            outcomes=_o(10, 11, 51, 4),
            stage2=2,
            compliments=(11, 10, 12, 13),
            learnings=(9, 10, 7, 8),
            lgsco_decided=(2, 3, 2, 3),
            lgsco_upheld=(1, 1, 1, 1),
        ),
        "2021-22": AreaYear(
            informal=(18, 19, 18, 20),
            stage1=(22, 25, 24, 27),
            escalated=10,
            within_20=80,
            outcomes=_o(14, 14, 65, 5),
            stage2=2,
            compliments=(12, 11, 13, 12),
            learnings=(10, 12, 8, 9),
            lgsco_decided=(3, 3, 3, 4),
            lgsco_upheld=(1, 2, 1, 2),
        ),
        "2022-23": AreaYear(
            informal=(30, 32, 33, 34),
            stage1=(42, 45, 44, 49),
            escalated=20,
            within_20=150,
            outcomes=_o(24, 26, 122, 8),
            stage2=2,
            compliments=(13, 12, 15, 14),
            learnings=(15, 18, 10, 12),
            lgsco_decided=(8, 9, 9, 9),
            lgsco_upheld=(4, 4, 4, 4),
        ),
        # Q4 Ombudsman: 3 upheld of 16, so the year is the report's 20/40 (printed_only).
        "2023-24": AreaYear(
            informal=(18, 15, 15, 15),
            stage1=(53, 43, 48, 41),
            escalated=12,
            within_20=159,
            outcomes=_o(26, 25, 126, 8),
            stage2=2,
            compliments=(14, 12, 19, 14),
            learnings=(20, 27, 3, 8),
            lgsco_decided=(5, 10, 9, 16),
            lgsco_upheld=(4, 9, 4, 3),
        ),
    },
}

# Adults and Place are not in the children's report; the same invented shape every year,
# except 2023-24's Ombudsman decisions, which match the report's "7 in Adults and 5 in Place".
_ADULTS = AreaYear(
    informal=(4, 4, 4, 4),
    stage1=(10, 10, 10, 10),
    escalated=2,
    within_20=20,
    outcomes=_o(8, 9, 21, 2),
    compliments=(15, 14, 16, 15),
    learnings=(4, 5, 3, 4),
    lgsco_decided=(3, 3, 3, 3),
    lgsco_upheld=(1, 1, 1, 1),
)
_PLACE = AreaYear(
    informal=(4, 4, 4, 4),
    stage1=(10, 10, 10, 10),
    escalated=2,
    within_20=32,
    outcomes=_o(8, 6, 24, 2),
    stage2=1,
    compliments=(20, 20, 20, 20),
    learnings=(3, 3, 3, 3),
    lgsco_decided=(3, 4, 3, 4),
    lgsco_upheld=(1, 1, 1, 1),
)
TARGETS[ADULTS] = {y: _ADULTS for y in ("2019-20", "2020-21", "2021-22", "2022-23")}
TARGETS[ADULTS]["2023-24"] = AreaYear(**{**_ADULTS.__dict__, "lgsco_upheld": (2, 2, 2, 1)})
TARGETS[PLACE] = {y: _PLACE for y in ("2019-20", "2020-21", "2021-22", "2022-23")}
TARGETS[PLACE]["2023-24"] = AreaYear(**{**_PLACE.__dict__, "lgsco_upheld": (1, 2, 1, 1)})


@dataclass(frozen=True)
class Stage2Case:
    """A stage-2 case of the report's table (children's social care, 2023-24)."""

    reference: str
    team: str
    outcome: str  # of stage 2; "" while open
    costs: (
        tuple[Decimal, Decimal, Decimal] | None
    )  # investigating officer, independent person, additional
    stage3_withdrawn: bool = False
    after_lgsco: str = ""  # started when the Ombudsman passed the complaint back
    themes: tuple[str, ...] = field(default=())


NAMED_STAGE2: tuple[Stage2Case, ...] = (
    Stage2Case(
        "COM/3262", "CWAD", "upheld", (Decimal("3780.00"), Decimal("1207.50"), Decimal("0.00"))
    ),
    Stage2Case("COM/3472", "Chesil", "", None, after_lgsco="23017734"),
    Stage2Case(
        "COM/4613", "CWAD", "upheld", (Decimal("1462.90"), Decimal("459.50"), Decimal("0.00"))
    ),
    Stage2Case("COM/4783", "North", "not_upheld", None, stage3_withdrawn=True),
    Stage2Case(
        "COM/4822",
        "CWAD",
        "partly_upheld",
        (Decimal("3367.20"), Decimal("2117.74"), Decimal("0.00")),
    ),
)

# The Ombudsman's upheld decisions of 2023-24 in the report's order: reference, remedy,
# ongoing. 23017734 is children's social care; the rest children's non-social care.
NAMED_LGSCO: tuple[tuple[str, Decimal, bool], ...] = tuple(
    (ref, Decimal(amount), ongoing)
    for ref, amount, ongoing in (
        ("22006903", "500.00", False),
        ("22007794", "31200.00", True),
        ("22007859", "2000.00", False),
        ("22009300", "2200.00", False),
        ("22009845", "150.00", False),
        ("22011440", "3800.00", False),
        ("22013476", "1400.00", False),
        ("22015157", "1600.00", False),
        ("22015375", "100.00", False),
        ("22015727", "5954.00", False),
        ("22016569", "600.00", False),
        ("22016709", "1800.00", False),
        ("23001076", "4500.00", False),
        ("23001176", "400.00", False),
        ("23001987", "0.00", False),
        ("23004838", "8900.00", False),
        ("23009049", "850.00", False),
        ("23009232", "250.00", False),
        ("23009368", "1754.96", False),
        ("21017726", "1650.00", False),
    )
)
NAMED_LGSCO_CSC = ("23017734", Decimal("0.00"))

# Whole-council equality monitoring (percent of responses); "" = left blank.
EQUALITY: dict[str, dict[str, dict[str, int]]] = {
    "2023-24": {
        "gender": {
            "female": 52,
            "male": 32,
            "non_binary_or_self_described": 1,
            "prefer_not_to_say": 10,
            "": 5,
        },
        "sexuality": {
            "heterosexual": 66,
            "gay_man": 1,
            "bisexual": 2,
            "prefer_not_to_say": 17,
            "gay_woman_lesbian": 1,
            "": 13,
        },
        "age_band": {
            "16_24": 4,
            "25_34": 12,
            "35_44": 17,
            "45_54": 17,
            "55_64": 18,
            "65_74": 13,
            "75_plus": 7,
            "": 12,
        },
    },
    "2022-23": {
        "gender": {
            "female": 50,
            "male": 33,
            "non_binary_or_self_described": 1,
            "prefer_not_to_say": 11,
            "": 5,
        },
        "sexuality": {
            "heterosexual": 67,
            "gay_man": 1,
            "bisexual": 2,
            "prefer_not_to_say": 14,
            "gay_woman_lesbian": 2,
            "": 14,
        },
        "age_band": {
            "16_24": 4,
            "25_34": 11,
            "35_44": 15,
            "45_54": 16,
            "55_64": 17,
            "65_74": 17,
            "75_plus": 6,
            "": 14,
        },
    },
}
# The forms returned, as a share of those sent: 70% in 2023-24 is the report's.
EQUALITY_UPTAKE: dict[str, int] = {
    "2019-20": 61,
    "2020-21": 58,
    "2021-22": 63,
    "2022-23": 66,
    "2023-24": 70,
}
