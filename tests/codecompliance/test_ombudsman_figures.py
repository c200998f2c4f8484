"""Reading the Ombudsman's CSV, and reconciling its figures with the council's records."""

from datetime import date
from decimal import Decimal

import pytest

from complaintsdesk.cases.models import LgscoCase, LgscoRecommendation
from complaintsdesk.codecompliance.ombudsman_csv import CsvProblems, figures_csv_read
from complaintsdesk.codecompliance.selectors import ombudsman_reconciliation
from complaintsdesk.codecompliance.services import ombudsman_figures_import

HEADER = "Year,Decisions,Upheld_rate,Compliance_rate,Remedies_satisfactory\n"

# (body, a problem expected to be named, or None for the upheld rate read)
FILES = [
    ("2025-26,42,63%,100%,3\n", Decimal("63.0")),
    ("2025-26,42,63.25,,\n", Decimal("63.2")),
    ("2025-26,forty,63,,\n", "Row 2: 'forty' is not a whole number"),
    ("2025-27,4,63,,\n", "is not a financial year"),
    ("2025-26,4,101,,\n", "from 0 to 100"),
    ("2025-26,4,NaN,,\n", "from 0 to 100"),
    ("2025-26,4,50,,\n2025-26,5,50,,\n", "Row 3: 2025-26 appears twice"),
    ("", "no rows"),
]


@pytest.mark.parametrize(("body", "problem"), FILES)
def test_reading_the_csv(body: str, problem: str | Decimal) -> None:
    data = (HEADER + body).encode()
    if isinstance(problem, Decimal):
        [row] = figures_csv_read(data)
        assert (row.year, row.decisions, row.upheld_rate) == ("2025-26", 42, problem)
    else:
        with pytest.raises(CsvProblems, match=problem):
            figures_csv_read(data)


def test_bounds_and_header() -> None:
    with pytest.raises(CsvProblems, match="no column 'upheld_rate'"):
        figures_csv_read(b"year,decisions\n2025-26,1\n")
    with pytest.raises(CsvProblems, match="larger than"):
        figures_csv_read(HEADER.encode() + b"2025-26,1,1,,\n" * 6000)
    with pytest.raises(CsvProblems, match="UTF-8"):
        figures_csv_read(HEADER.encode() + b"2025-26,1,\xff,,\n")


@pytest.mark.django_db
def test_reconciliation_names_where_the_records_differ(people, area) -> None:
    def decided(ref: str, decision: str, **kw) -> LgscoCase:
        return LgscoCase.objects.create(
            lgsco_reference=ref,
            service_area=area,
            received=date(2026, 4, 1),
            decided=date(2026, 9, 1),
            decision=decision,
            **kw,
        )

    decided("A", "upheld", recommendations="Apologise")  # records below: one late
    decided("B", "upheld", recommendations="Pay", compliance_due=date(2026, 10, 1),
            complied=date(2026, 9, 20))  # fmt: skip
    decided("C", "not_upheld")
    decided("D", "closed_after_initial_enquiries")
    a = LgscoCase.objects.get(lgsco_reference="A")
    LgscoRecommendation.objects.create(
        lgsco_case=a, kind="apology", due=date(2026, 10, 1), complied=date(2026, 10, 2)
    )
    ombudsman_figures_import(
        actor=people.manager,
        data=(HEADER + "2026-27,4,66.7%,100%,1\n").encode(),
    )
    r = ombudsman_reconciliation(year="2026-27")
    by = {line.measure: line for line in r.lines}
    assert (by["Decisions"].council, by["Decisions"].differs) == ("4", False)
    assert (by["Upheld rate"].council, by["Upheld rate"].differs) == ("66.7%", False)
    # A's apology was a day late: 1 of 2 cases met every recommendation on time.
    compliance = by["Compliance with recommendations"]
    assert (compliance.ombudsman, compliance.council, compliance.differs) == (
        "100.0%",
        "50.0%",
        True,
    )
    assert by["Satisfactory remedy already offered by the council"].differs is None
    assert [line.measure for line in r.differences] == ["Compliance with recommendations"]
