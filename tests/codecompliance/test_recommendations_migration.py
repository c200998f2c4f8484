"""The data migration that turns an Ombudsman case's free-text recommendations into a
recommendation record: run forwards, again, backwards and forwards with Django's own
migration executor, on data written before it."""

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from complaintsdesk.cases.models import Directorate, LgscoCase, LgscoRecommendation, ServiceArea

# The executor changes the schema's recorded state: SQLite allows that only outside a
# transaction, so this test commits and the database is emptied after it.
pytestmark = pytest.mark.django_db(transaction=True)

MIGRATION = "0012_lgsco_recommendations_from_text"
BEFORE = [("cases", "0011_stage_pause")]
AFTER = [("cases", MIGRATION)]
module = import_module(f"complaintsdesk.cases.migrations.{MIGRATION}")


def migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def rows() -> list[tuple[str, str, str, date, date | None, bool]]:
    """(Ombudsman reference, key, kind, due, complied, marked as migrated) of every record."""
    return [
        (r.lgsco_case.lgsco_reference, r.key, r.kind, r.due, r.complied, "Migrated" in r.evidence)
        for r in LgscoRecommendation.objects.select_related("lgsco_case").order_by(
            "lgsco_case__lgsco_reference", "key"
        )
    ]


def test_free_text_recommendations_become_records_and_go_back() -> None:
    migrate(BEFORE)
    area = ServiceArea.objects.create(
        name="Children's Social Care", directorate=Directorate.objects.create(name="Children")
    )
    text = "Apologise to Ms B.\n\nPay £300 for the distress caused."

    def lgsco(reference: str, recommendations: str, **dates: date) -> LgscoCase:
        return LgscoCase.objects.create(
            lgsco_reference=reference,
            service_area=area,
            received=date(2024, 1, 8),
            recommendations=recommendations,
            **dates,
        )

    due_dated = lgsco("A", text, decided=date(2024, 5, 1), compliance_due=date(2024, 6, 12))
    complied = lgsco("B", "Review the policy.", decided=date(2024, 5, 2), complied=date(2024, 7, 1))
    undated = lgsco("C", "Train the team.")  # neither decided nor a compliance date: received
    lgsco("D", "  \n ")  # blank: nothing to migrate
    lgsco("E", "")
    recorded = lgsco("F", "Apologise.", decided=date(2024, 5, 3))
    LgscoRecommendation.objects.create(
        key="R-by-hand", lgsco_case=recorded, kind="apology", due=date(2024, 6, 3)
    )
    by_hand = ("F", "R-by-hand", "apology", date(2024, 6, 3), None, False)

    migrate(AFTER)
    migrated = [
        ("A", f"R-text-{due_dated.pk}", "other", date(2024, 6, 12), None, True),
        ("B", f"R-text-{complied.pk}", "other", date(2024, 5, 2), date(2024, 7, 1), True),
        ("C", f"R-text-{undated.pk}", "other", date(2024, 1, 8), None, True),
    ]
    assert rows() == sorted([*migrated, by_hand])
    record = LgscoRecommendation.objects.get(lgsco_case=due_dated)
    assert record.description == text  # word for word
    assert LgscoCase.objects.get(pk=due_dated.pk).recommendations == text  # the old field kept

    # Idempotent: run again over the migrated data, nothing more.
    module.recommendations_from_text(django_apps, None)
    assert rows() == sorted([*migrated, by_hand])

    # Reversible: only the migrated records go; the text and the hand-made record stay.
    migrate(BEFORE)
    assert rows() == [by_hand]
    assert LgscoCase.objects.get(pk=due_dated.pk).recommendations == text

    migrate(AFTER)
    assert rows() == sorted([*migrated, by_hand])
