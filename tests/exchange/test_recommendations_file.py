"""The optional lgsco_recommendations.csv: imported with the other files, checked, and
written only when there are recommendations (so older files and exports are unchanged)."""

from datetime import date

import pytest

from complaintsdesk.cases.models import LgscoRecommendation
from complaintsdesk.exchange.errors import ExchangeImportError
from complaintsdesk.exchange.importer import exchange_import
from complaintsdesk.exchange.writer import exchange_export
from tests.exchange.conftest import write_folder

pytestmark = pytest.mark.django_db
REC = {
    "id": "R1",
    "lgsco_reference": "22006903",
    "type": "financial_remedy",
    "description": "Pay for the delay",
    "amount": "500.00",
    "due": "2024-10-02",
    "complied": "2024-09-30",
    "evidence": "Remittance",
    "remedy_paid": "2024-09-27",
}


def test_recommendations_import_with_their_case(tmp_path, rows):
    rows["lgsco_recommendations.csv"] = [REC, {**REC, "id": "R2", "type": "apology",
                                               "amount": "", "remedy_paid": ""}]  # fmt: skip
    exchange_import(path=write_folder(tmp_path, rows))
    r1 = LgscoRecommendation.objects.get(key="R1")
    assert (r1.lgsco_case.lgsco_reference, r1.kind, r1.remedy_paid) == (
        "22006903",
        "financial_remedy",
        date(2024, 9, 27),
    )
    assert LgscoRecommendation.objects.get(key="R2").amount is None
    # Importing again changes nothing; the export writes the file back.
    again = exchange_import(path=write_folder(tmp_path / "again", rows))
    assert again.unchanged["lgsco_recommendations.csv"] == 2
    assert "lgsco_recommendations.csv" in exchange_export(
        directory=tmp_path / "out", today=date(2024, 12, 2)
    )


def test_files_without_recommendations_import_and_export_six_files(tmp_path, rows):
    exchange_import(path=write_folder(tmp_path, rows))
    written = exchange_export(directory=tmp_path / "out", today=date(2024, 12, 2))
    assert len(written) == 6 and "lgsco_recommendations.csv" not in written


def test_bad_recommendations_are_refused(tmp_path, rows):
    rows["lgsco_recommendations.csv"] = [
        {**REC, "lgsco_reference": "99999999"},
        {**REC, "id": "R2", "type": "apology"},
    ]
    with pytest.raises(ExchangeImportError) as refused:
        exchange_import(path=write_folder(tmp_path, rows))
    assert refused.value.lines == [
        "lgsco_recommendations.csv:2:lgsco_reference: no Ombudsman case 99999999 in lgsco.csv "
        "or the database",
        "lgsco_recommendations.csv:3:amount: only a financial remedy has one",
    ]
    assert not LgscoRecommendation.objects.exists()
