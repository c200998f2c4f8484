"""Random and hostile cell values in otherwise valid files: the importer either imports, or
refuses with its own error and writes nothing. Never another exception, never half a write."""

import copy
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintsdesk.exchange.columns import FILES
from complaintsdesk.exchange.errors import ExchangeImportError
from complaintsdesk.exchange.importer import exchange_import
from complaintsdesk.exchange.writer import exchange_export
from tests.exchange.conftest import VALID_ROWS, table_counts, write_folder

pytestmark = pytest.mark.django_db

FILE_NAMES = list(VALID_ROWS)
HOSTILE = st.sampled_from([
    "", " ", "2024-02-30", "31/12/2024", "2024-1-5", "0001-01-01", "9999-12-31", "2045-12-31",
    "£12", "12.345", "-5", "1e3", "99999999999", "0.5", "yes", "Y", "maybe", "COM/1", "COM/999",
    "COM/1;COM/1", "COM/2; COM/10", "informal", "stage2", "stage3", "escalated", "withdrawn",
    "Partly Upheld", "children_statutory", "corporate", "adults_statutory", "Place", "Highways",
    "x" * 300, "\x00", "a;;b", "\n", "\r\n", '"', "=1+1", "Prefer not to say", "16-24",
])  # fmt: skip
VALUES = st.one_of(
    HOSTILE,
    st.text(max_size=12),
    st.dates().map(lambda d: d.isoformat()),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)
MUTATIONS = st.lists(
    st.tuples(st.integers(0, 99), st.integers(0, 99), st.integers(0, 99), VALUES),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=120,
    deadline=None,
    database=None,  # no .hypothesis folder in the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutations=MUTATIONS, extra_column=st.booleans())
def test_import_never_crashes_nor_half_writes(mutations, extra_column):
    rows = copy.deepcopy(VALID_ROWS)
    for file_pick, row_pick, column_pick, value in mutations:
        name = FILE_NAMES[file_pick % len(FILE_NAMES)]
        record = rows[name][row_pick % len(rows[name])]
        columns = FILES[name]
        record[columns[column_pick % len(columns)].name] = value
    extra = {"cases.csv": ["colour"]} if extra_column else None
    folder = write_folder(Path(tempfile.mkdtemp()), rows, extra_columns=extra)
    before = table_counts()
    try:
        exchange_import(path=folder)
    except ExchangeImportError as refused:
        assert refused.problems
        assert table_counts() == before
        return
    # Imported: what went in can also come out.
    exchange_export(directory=Path(tempfile.mkdtemp()), today=date(2024, 12, 2))
