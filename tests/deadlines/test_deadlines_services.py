"""Closure days and timescale versions: written through services, audited, picked up."""

from collections.abc import Iterator
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from complaintsdesk.core.models import AuditEvent
from complaintsdesk.deadlines.selectors import (
    calendar_and_names,
    calendar_current,
    deadlines_cache_clear,
    rulesets_current,
)
from complaintsdesk.deadlines.services import (
    closure_day_add,
    closure_day_remove,
    timescale_rule_version_add,
)
from complaintsdesk.workflow.rules import DEFAULT_RULESET, ruleset_for, stage_due

pytestmark = pytest.mark.django_db

CHRISTMAS_EVE_2024 = date(2024, 12, 24)  # a Tuesday, normally a working day


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    deadlines_cache_clear()
    yield
    deadlines_cache_clear()


@pytest.fixture
def officer(django_user_model):  # type: ignore[no-untyped-def]
    return django_user_model.objects.create_user(username="officer", password="x")


def test_closure_day_add_is_audited_and_used(officer) -> None:  # type: ignore[no-untyped-def]
    assert calendar_current().is_working_day(CHRISTMAS_EVE_2024)

    closure_day = closure_day_add(
        actor=officer, day=CHRISTMAS_EVE_2024, description="Council offices closed"
    )

    event = AuditEvent.objects.get(kind="calendar.closure_day_added")
    assert event.actor == officer
    assert event.object_id == str(closure_day.pk)
    assert event.payload == {"date": "2024-12-24", "description": "Council offices closed"}
    calendar = calendar_current()
    assert not calendar.is_working_day(CHRISTMAS_EVE_2024)
    # Mon 23 Dec + 1: 24 closed, 25 and 26 bank holidays -> fri 27 Dec.
    assert calendar.add_working_days(date(2024, 12, 23), 1) == date(2024, 12, 27)


def test_closure_day_remove_is_audited_and_used(officer) -> None:  # type: ignore[no-untyped-def]
    closure_day_add(actor=officer, day=CHRISTMAS_EVE_2024, description="Closed")
    assert not calendar_current().is_working_day(CHRISTMAS_EVE_2024)

    closure_day_remove(actor=officer, day=CHRISTMAS_EVE_2024)

    event = AuditEvent.objects.get(kind="calendar.closure_day_removed")
    assert event.payload == {"date": "2024-12-24", "description": "Closed"}
    assert calendar_current().is_working_day(CHRISTMAS_EVE_2024)


def test_closure_day_twice_is_refused(officer) -> None:  # type: ignore[no-untyped-def]
    closure_day_add(actor=officer, day=CHRISTMAS_EVE_2024, description="Closed")
    with pytest.raises(ValidationError):
        closure_day_add(actor=officer, day=CHRISTMAS_EVE_2024, description="Closed")
    assert AuditEvent.objects.filter(kind="calendar.closure_day_added").count() == 1


def test_calendar_current_is_one_query(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    calendar_current()
    with django_assert_num_queries(1):
        calendar_current()


def test_calendar_and_names_read_the_closure_days_once(  # type: ignore[no-untyped-def]
    officer, django_assert_num_queries
) -> None:
    closure_day_add(actor=officer, day=CHRISTMAS_EVE_2024, description="Council offices closed")
    calendar_current()
    with django_assert_num_queries(1):
        calendar, names = calendar_and_names()
    assert not calendar.is_working_day(CHRISTMAS_EVE_2024)
    assert names[CHRISTMAS_EVE_2024] == "Council offices closed"
    assert names[date(2024, 12, 25)] == "Christmas Day"
    assert calendar is calendar_current()  # the same built calendar, not a second one


def test_stored_timescale_version_is_used_from_its_date(officer) -> None:  # type: ignore[no-untyped-def]
    data = DEFAULT_RULESET.to_dict()
    for rule in data["rules"]:
        if rule["procedure"] == "children_statutory" and rule["stage"] == "stage1":
            rule["due_working_days"] = 15
    timescale_rule_version_add(
        actor=officer, effective_from=date(2026, 4, 1), rules=data, note="Council policy"
    )

    assert AuditEvent.objects.filter(kind="calendar.timescales_added").count() == 1
    rulesets = rulesets_current()
    assert [r.effective_from for r in rulesets] == [date(2000, 1, 1), date(2026, 4, 1)]

    def due(started: date) -> date:
        return stage_due(
            procedure="children_statutory",
            stage="stage1",
            started=started,
            calendar=calendar_current(),
            ruleset=ruleset_for(started, rulesets),
        )

    # 10 wd from tue 31 mar 26: 1, 2, (good fri 3, easter mon 6), 7..10 = 6, 13..16 = 10.
    assert due(date(2026, 3, 31)) == date(2026, 4, 16)
    assert due(date(2026, 4, 1)) == date(2026, 4, 24)  # 15 wd under the new version


def test_invalid_timescale_version_is_refused(officer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        timescale_rule_version_add(
            actor=officer, effective_from=date(2026, 4, 1), rules={"rules": []}
        )
    assert not AuditEvent.objects.filter(kind="calendar.timescales_added").exists()


def test_a_version_looser_than_the_code_is_refused_from_its_date(officer) -> None:  # type: ignore[no-untyped-def]
    data = DEFAULT_RULESET.to_dict()
    for rule in data["rules"]:
        if rule["procedure"] == "corporate" and rule["stage"] == "stage1":
            rule["due_working_days"] = 15
    with pytest.raises(ValidationError, match="within 10 working days"):
        timescale_rule_version_add(actor=officer, effective_from=date(2026, 4, 1), rules=data)
    assert not AuditEvent.objects.filter(kind="calendar.timescales_added").exists()

    # Before the Code the council's own corporate timescales stand, until the Code's date.
    timescale_rule_version_add(actor=officer, effective_from=date(2025, 4, 1), rules=data)
    rulesets = rulesets_current()
    assert [r.effective_from for r in rulesets] == [
        date(2000, 1, 1),
        date(2025, 4, 1),
        date(2026, 4, 1),
    ]
    before = ruleset_for(date(2026, 3, 31), rulesets).rule("corporate", "stage1")
    after = ruleset_for(date(2026, 4, 1), rulesets).rule("corporate", "stage1")
    assert (before.due_working_days, after.due_working_days) == (15, 10)
