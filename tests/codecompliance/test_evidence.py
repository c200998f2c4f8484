"""The self-assessment's computed evidence, against figures counted here from the rows made.

The hand-made table is counted by hand; the generated one by a naive day-by-day count of
working days (weekends and bank holidays), not the calendar module's index.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from complaintsdesk.cases.models import Learning, LgscoCase, LgscoRecommendation
from complaintsdesk.codecompliance.selectors import self_assessment_get
from complaintsdesk.codecompliance.services import self_assessment_save
from complaintsdesk.deadlines.calendar import bank_holidays
from complaintsdesk.deadlines.selectors import deadlines_cache_clear
from tests.codecompliance.conftest import add_stage

pytestmark = pytest.mark.django_db
YEAR = "2026-27"
TODAY = date(2027, 5, 1)  # after the year: every stage's target has passed
D = date


@pytest.fixture(autouse=True)
def _fresh_calendar():
    deadlines_cache_clear()
    yield
    deadlines_cache_clear()


def hand_made(area) -> None:
    """Mon 1 June 2026 onwards; no bank holidays until 31 August."""
    # stage 1 acknowledged day 3, answered day 10 after it (on time), no extension
    add_stage(
        area, 1, "stage1", D(2026, 6, 1), acknowledged=D(2026, 6, 3), responded=D(2026, 6, 17)
    )
    # stage 1 acknowledged on day 6 (late), answered on day 11 after it (late), extended with reason
    add_stage(
        area,
        2,
        "stage1",
        D(2026, 6, 1),
        acknowledged=D(2026, 6, 9),
        responded=D(2026, 6, 24),
        extended_to=D(2026, 6, 30),
        extension_reason="Waiting for the contractor",
    )
    # stage 1 never acknowledged, open; extended with no reason, beyond 20 wd of the start
    add_stage(area, 3, "stage1", D(2026, 6, 1), extended_to=D(2026, 7, 1))
    # stage 2 acknowledged day 5 (on time), answered day 20 after it (on time)
    add_stage(
        area, 1, "stage2", D(2026, 6, 22), acknowledged=D(2026, 6, 29), responded=D(2026, 7, 27)
    )
    # outside: children's procedure; corporate stage 1 started the year before
    add_stage(
        area,
        4,
        "stage1",
        D(2026, 6, 1),
        procedure="children_statutory",
        acknowledged=D(2026, 6, 2),
        responded=D(2026, 6, 3),
    )
    add_stage(area, 5, "stage1", D(2026, 3, 2), acknowledged=D(2026, 3, 3), responded=D(2026, 4, 1))


def test_hand_counted_evidence(area) -> None:
    hand_made(area)
    f = self_assessment_get(year=YEAR, today=TODAY).figures
    assert (f["ack_stage1"].count, f["ack_stage1"].of) == (1, 3)
    assert (f["ack_stage2"].count, f["ack_stage2"].of) == (1, 1)
    assert (f["stage1_on_time"].count, f["stage1_on_time"].of) == (1, 2)
    assert (f["stage2_on_time"].count, f["stage2_on_time"].of) == (1, 1)
    ext = f["stage1_extensions"]
    assert (ext.count, ext.of, ext.beyond) == (1, 2, 1)
    # Stage 1 answered in the year: 1, 2 and the one that started in March 2026.
    assert (f["escalations"].count, f["escalations"].of) == (1, 3)


def _naive_add(start: date, n: int, holidays: frozenset[date]) -> date:
    def working(d: date) -> bool:
        return d.weekday() < 5 and d not in holidays

    d = start
    while not working(d):
        d += timedelta(days=1)
    for _ in range(n):
        d += timedelta(days=1)
        while not working(d):
            d += timedelta(days=1)
    return d


def test_generated_evidence_matches_a_naive_count(area) -> None:
    rng = random.Random(11)
    holidays = bank_holidays(range(2025, 2029), "ENG")
    made = []
    for n in range(120):
        kind = rng.choice(["stage1", "stage1", "stage2"])
        started = D(2026, 4, 1) + timedelta(days=rng.randrange(0, 365))
        ack = started + timedelta(days=rng.randrange(0, 12)) if rng.random() < 0.9 else None
        responded = (
            (ack or started) + timedelta(days=rng.randrange(5, 45)) if rng.random() < 0.8 else None
        )
        extended = (
            (ack or started) + timedelta(days=rng.randrange(14, 70)) if rng.random() < 0.3 else None
        )
        reason = "Agreed" if extended and rng.random() < 0.7 else ""
        add_stage(
            area,
            1000 + n,
            kind,
            started,
            acknowledged=ack,
            responded=responded,
            extended_to=extended,
            extension_reason=reason,
        )
        made.append((kind, started, ack, responded, extended, reason))
    # Ombudsman recommendations due in the year, some met on time, some late, some not.
    lgsco = LgscoCase.objects.create(
        lgsco_reference="L1",
        service_area=area,
        received=D(2026, 4, 1),
        decided=D(2026, 5, 1),
        decision="upheld",
    )
    remedies = []
    for _ in range(15):
        due = D(2026, 6, 1) + timedelta(days=rng.randrange(0, 250))
        complied = due + timedelta(days=rng.randrange(-10, 10)) if rng.random() < 0.8 else None
        remedies.append(
            LgscoRecommendation(lgsco_case=lgsco, kind="apology", due=due, complied=complied)
        )
    LgscoRecommendation.objects.bulk_create(remedies)
    for n in range(9):
        Learning.objects.create(
            key=f"K{n}",
            service_area=area,
            recorded=D(2026, 5, 1) + timedelta(days=30 * n),
            learning="x",
            status="implemented" if n % 3 == 0 else "in_progress",
        )

    expected = {}
    for kind, ack_days, due_days in (("stage1", 5, 10), ("stage2", 5, 20)):
        mine = [m for m in made if m[0] == kind]
        counted = [
            m for m in mine if m[2] is not None or _naive_add(m[1], ack_days, holidays) < TODAY
        ]
        expected[f"ack_{kind}"] = (
            sum(
                1
                for m in counted
                if m[2] is not None and m[2] <= _naive_add(m[1], ack_days, holidays)
            ),
            len(counted),
        )
        answered = [m for m in mine if m[3] is not None]
        expected[f"{kind}_on_time"] = (
            sum(1 for m in answered if m[3] <= _naive_add(m[2] or m[1], due_days, holidays)),
            len(answered),
        )
        extended = [m for m in mine if m[4] is not None]
        expected[f"{kind}_extensions"] = (sum(1 for m in extended if m[5]), len(extended))
        expected[f"{kind}_beyond"] = sum(
            1 for m in extended if m[4] > _naive_add(m[2] or m[1], 2 * due_days, holidays)
        )
    met = [r for r in remedies if r.complied is not None]
    expected["remedies"] = (len(met), len(remedies))
    expected["remedies_on_time"] = (sum(1 for r in met if r.complied <= r.due), len(met))
    expected["learning"] = (3, 9)

    f = self_assessment_get(year=YEAR, today=TODAY).figures
    for key in (
        "ack_stage1",
        "ack_stage2",
        "stage1_on_time",
        "stage2_on_time",
        "stage1_extensions",
        "stage2_extensions",
        "remedies",
        "remedies_on_time",
        "learning",
    ):
        assert (f[key].count, f[key].of) == expected[key], key
    assert f["stage1_extensions"].beyond == expected["stage1_beyond"]
    assert f["stage2_extensions"].beyond == expected["stage2_beyond"]
    # The sample exercises both sides of every test.
    assert 0 < f["stage1_on_time"].count < f["stage1_on_time"].of
    assert 0 < f["remedies_on_time"].count < f["remedies_on_time"].of


@pytest.mark.parametrize("n", [2, 40])
def test_evidence_queries_are_constant(area, people, django_assert_num_queries, n) -> None:
    for i in range(n):
        add_stage(area, i, "stage1", D(2026, 6, 1), acknowledged=D(2026, 6, 2))
        self_assessment_save(actor=people.manager, year=YEAR, provision="5.1", compliance="yes")
    self_assessment_get(year=YEAR, today=TODAY)  # the calendar is cached as a server has it
    # closure days, stages, stage 1 answers, remedies, learning, answers
    with django_assert_num_queries(6):
        self_assessment_get(year=YEAR, today=TODAY)


def test_a_yes_the_figures_contradict_is_flagged(area, people, settings) -> None:
    hand_made(area)  # stage 1 on time: 1 of 2 (50%)
    m = people.manager
    self_assessment_save(actor=m, year=YEAR, provision="5.1", compliance="yes")
    self_assessment_save(actor=m, year=YEAR, provision="6.2", compliance="yes")  # 1 of 1
    self_assessment_save(
        actor=m, year=YEAR, provision="4.2", compliance="partly", explanation="Working on it"
    )
    self_assessment_save(actor=m, year=YEAR, provision="5.2", compliance="yes")
    a = self_assessment_get(year=YEAR, today=TODAY)
    assert {p.provision.ref for p in a.flagged} == {"5.1", "5.2"}
    assert "1 of 2 (50%)" in a.provision("5.1").flags[0]
    assert a.provision("5.2").flags == [
        "1 extension(s) with no reason recorded.",
        "Stage 1: 1 extended beyond the Code's 10 further working days.",
    ]
    settings.CODE_ON_TIME_THRESHOLD_PCT = 50
    assert "5.1" not in {
        p.provision.ref for p in self_assessment_get(year=YEAR, today=TODAY).flagged
    }


def test_unanswered_lists_every_provision_without_an_answer(people) -> None:
    a = self_assessment_get(year=YEAR, today=TODAY)
    assert len(a.unanswered) == len(a.provisions) == 28
    self_assessment_save(actor=people.manager, year=YEAR, provision="1.1", compliance="yes")
    a = self_assessment_get(year=YEAR, today=TODAY)
    assert "1.1" not in a.unanswered and len(a.unanswered) == 27
    # Another year's answers are its own.
    assert len(self_assessment_get(year="2027-28", today=TODAY).unanswered) == 28


def test_financial_remedies_total(area) -> None:
    lgsco = LgscoCase.objects.create(
        lgsco_reference="L2", service_area=area, received=D(2026, 4, 1), decided=D(2026, 5, 1)
    )
    for amount in ("150.00", "250.50"):
        LgscoRecommendation.objects.create(
            lgsco_case=lgsco, kind="financial_remedy", amount=Decimal(amount), due=D(2026, 6, 1)
        )
    assert self_assessment_get(year=YEAR, today=TODAY).figures["remedies"].detail == (
        "financial remedies £400.50"
    )
