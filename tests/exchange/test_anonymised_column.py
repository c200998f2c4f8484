"""The `anonymised` column: round trips losslessly, is optional (older files import), and
import never anonymises an existing case nor brings one back."""

import csv
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from complaintsdesk.cases.models import Case
from complaintsdesk.cases.services_anonymise import cases_anonymise
from complaintsdesk.exchange.errors import ExchangeImportError
from complaintsdesk.exchange.importer import exchange_import
from complaintsdesk.exchange.writer import exchange_export
from tests.exchange.conftest import database_empty, folder_bytes

pytestmark = pytest.mark.django_db
TODAY = date(2024, 12, 2)


def _anonymise(reference: str) -> Case:
    case = Case.objects.get(reference=reference)
    cases_anonymise(actor=None, case_ids=[case.pk], why="retention", now=timezone.now())
    case.refresh_from_db()
    return case


def _rewrite(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header, rows = change(list(rows[0]), rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def test_an_anonymised_case_round_trips(varied_database, tmp_path) -> None:
    case = _anonymise("COM/10")
    exchange_export(directory=tmp_path / "first", today=TODAY)
    text = (tmp_path / "first" / "cases.csv").read_text()
    assert f"{timezone.localdate(case.anonymised_at).isoformat()}\n" in text
    database_empty()
    exchange_import(path=tmp_path / "first")
    assert Case.objects.get(reference="COM/10").anonymised_at is not None
    assert Case.objects.get(reference="COM/9").anonymised_at is None
    exchange_export(directory=tmp_path / "second", today=TODAY)
    assert folder_bytes(tmp_path / "first") == folder_bytes(tmp_path / "second")


def test_a_file_without_the_column_imports_and_changes_no_flag(varied_database, tmp_path) -> None:
    case = _anonymise("COM/10")
    exchange_export(directory=tmp_path, today=TODAY)
    _rewrite(
        tmp_path / "cases.csv",
        lambda header, rows: ([h for h in header if h != "anonymised"], rows),
    )
    exchange_import(path=tmp_path)
    assert Case.objects.get(reference="COM/10").anonymised_at == case.anonymised_at
    assert Case.objects.get(reference="COM/9").anonymised_at is None


@pytest.mark.parametrize(
    ("reference", "value", "message"),
    [
        ("COM/9", "2024-11-01", "not by import"),
        ("COM/10", "", "stays so"),
    ],
)
def test_import_does_not_change_the_flag(varied_database, tmp_path, reference, value, message):
    _anonymise("COM/10")
    exchange_export(directory=tmp_path, today=TODAY)

    def change(header, rows):
        for row in rows:
            if row["reference"] == reference:
                row["anonymised"] = value
        return header, rows

    _rewrite(tmp_path / "cases.csv", change)
    with pytest.raises(ExchangeImportError) as refused:
        exchange_import(path=tmp_path)
    assert message in str(refused.value.problems)
    assert Case.objects.get(reference="COM/9").anonymised_at is None
    assert Case.objects.get(reference="COM/10").anonymised_at is not None
