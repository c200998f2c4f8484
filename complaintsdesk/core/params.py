"""Reading a parameter from a query string or a request body: numbers, choices, dates, strictly.

A number is ASCII digits only and fits a 64-bit integer column: "²" passes `str.isdigit()`
but `int()` refuses it, "٣" passes `int()` but is no one's id, and 25 digits overflow the
database. A bad value raises `ParameterError`, whose message can be shown as it is; the
caller answers 400 with it or ignores the value and says so.
"""

import re
from collections.abc import Collection
from datetime import date

DATABASE_INTEGER_MAX = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ParameterError(ValueError):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


def whole_number(
    value: str | None,
    *,
    name: str,
    default: int | None = None,
    minimum: int = 0,
    maximum: int = DATABASE_INTEGER_MAX,
) -> int | None:
    """The value as an int from `minimum` to `maximum`; `default` when absent or blank."""
    if value is None or value == "":
        return default
    if not _DIGITS.fullmatch(value) or not minimum <= int(value) <= maximum:
        raise ParameterError(name, f"{name} must be a whole number from {minimum} to {maximum}.")
    return int(value)


def one_of(
    value: str | None, *, name: str, choices: Collection[str], default: str | None = None
) -> str | None:
    """The value if it is one of `choices`; `default` when absent or blank."""
    if value is None or value == "":
        return default
    if value not in choices:
        raise ParameterError(name, f"{name} must be one of: {', '.join(sorted(choices))}.")
    return value


def iso_date(value: str | None, *, name: str, latest: date | None = None) -> date | None:
    """The value as a date written YYYY-MM-DD, not after `latest`; None when absent or blank."""
    if value is None or value == "":
        return None
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        parsed = date.fromisoformat(value)
    except ValueError:
        raise ParameterError(name, f"{name} must be a date written YYYY-MM-DD.") from None
    if latest is not None and parsed > latest:
        raise ParameterError(name, f"{name} cannot be after {latest.isoformat()}.")
    return parsed
