"""The one way parameters are read: ASCII digits that fit the database, known values, dates."""

from datetime import date

import pytest

from complaintsdesk.core.params import ParameterError, iso_date, one_of, whole_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, 7), ("", 7), ("0", 0), ("12", 12), ("9223372036854775807", 2**63 - 1)],
)
def test_whole_numbers_read(value, expected):
    assert whole_number(value, name="page", default=7) == expected


@pytest.mark.parametrize(
    "value", ["²", "٣", "１２", "-1", "1.5", " 1", "1" * 25, "9223372036854775808", "0x10"]
)
def test_anything_else_is_not_a_whole_number(value):
    with pytest.raises(ParameterError, match="page must be a whole number from 0 to"):
        whole_number(value, name="page")


def test_whole_numbers_keep_to_their_range():
    assert whole_number("200", name="limit", minimum=1, maximum=200) == 200
    for value in ("0", "201"):
        with pytest.raises(ParameterError, match="from 1 to 200"):
            whole_number(value, name="limit", minimum=1, maximum=200)


def test_choices():
    assert one_of("open", name="status", choices={"open", "closed"}) == "open"
    assert one_of("", name="status", choices={"open"}, default="open") == "open"
    with pytest.raises(ParameterError, match="status must be one of: closed, open"):
        one_of("Open", name="status", choices={"open", "closed"})


def test_dates():
    assert iso_date("2025-03-03", name="received") == date(2025, 3, 3)
    assert iso_date("", name="received") is None
    for value in ("2025-13-45", "20250303", "2025-03-03T10:00", "٢٠٢٥-03-03"):
        with pytest.raises(ParameterError, match="YYYY-MM-DD"):
            iso_date(value, name="received")
    with pytest.raises(ParameterError, match="cannot be after 2025-03-03"):
        iso_date("9999-12-31", name="received", latest=date(2025, 3, 3))
