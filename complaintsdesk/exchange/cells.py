"""Parse one cell of the exchange format into a Python value. PURE: no Django.

Each parser returns the value, or raises `CellError` with the message the person fixing
the spreadsheet reads after `file:row:column:`.
"""

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from complaintsdesk.exchange.columns import (
    BOOL,
    DATE,
    KEY,
    MONEY,
    MONEY_LIMIT,
    NAME,
    PLANNED_YEARS_AHEAD,
    REF,
    REF_LIST,
    TEXT,
    VOCAB,
    VOCAB_LIST,
    Column,
)


class CellError(ValueError):
    pass


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONEY = re.compile(r"\d+(\.\d{1,2})?")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


def parse_cell(column: Column, raw: str) -> Any:
    """The cell's value; None (or "" for free text) when the cell is empty."""
    if "\x00" in raw:
        raise CellError("contains a NUL character")
    kind = column.kind
    if kind == TEXT:
        # Free text is kept exactly as written, so an export re-imports unchanged.
        return _checked_length(column, raw)
    text = raw.strip()
    if not text:
        return None
    if kind in (KEY, REF, NAME):
        return _checked_length(column, " ".join(text.split()))
    if kind == DATE:
        return parse_date(text)
    if kind == MONEY:
        return parse_money(text)
    if kind == BOOL:
        return parse_bool(text)
    if kind == VOCAB:
        assert column.vocabulary is not None
        return parse_code(text, column.vocabulary, column.what)
    if kind == VOCAB_LIST:
        assert column.vocabulary is not None
        codes = _unique(parse_code(item, column.vocabulary, column.what) for item in _items(text))
        return _checked_length(column, ";".join(codes)).split(";") if codes else None
    if kind == REF_LIST:
        refs = _unique(" ".join(item.split()) for item in _items(text))
        return [_checked_length(column, ref) for ref in refs] or None
    raise AssertionError(f"unknown column kind {kind}")


def parse_date(text: str) -> date:
    if _DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CellError(f"'{text}' is not a date in the calendar") from None
    raise CellError(f"'{text}' is not a date: write it as YYYY-MM-DD, e.g. 2024-03-31")


def date_check(column: Column, value: date, *, today: date) -> None:
    """Something that happened happened by today; a date planned ahead is still within reach."""
    if column.planned:
        if value.year - today.year > PLANNED_YEARS_AHEAD:
            raise CellError(
                f"{value} is more than {PLANNED_YEARS_AHEAD} years ahead: check the year"
            )
    elif value > today:
        raise CellError(
            f"{value} is after today, {today}: it records something that happened, "
            "so it cannot be in the future"
        )


def parse_money(text: str) -> Decimal:
    if not _MONEY.fullmatch(text):
        raise CellError(
            f"'{text}' is not an amount of money: write pounds with up to two decimals "
            "and no £ or commas, e.g. 3367.20"
        )
    amount = Decimal(text)
    if amount >= MONEY_LIMIT:
        raise CellError(f"'{text}' is too large: at most 9999999999.99")
    return amount


def parse_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise CellError(f"'{text}' is not true or false: write true/false, yes/no, y/n or 1/0")


def parse_code(text: str, vocabulary: dict[str, str], what: str) -> str:
    """A vocabulary code from its code or its label, in any case, `&` or `and`, any spacing."""
    code = _lookup(id(vocabulary), tuple(vocabulary.items())).get(normalise(text))
    if code is None:
        raise CellError(
            f"'{text.strip()}' is not a known {what}: use one of {', '.join(vocabulary)}"
        )
    return code


def normalise(text: str) -> str:
    text = text.lower().replace("&", " and ").replace("_", " ")
    text = " ".join(text.split())
    # "Gay woman / lesbian" and "gay woman/lesbian" are the same answer.
    return re.sub(r" ?([/\-:,]) ?", r"\1", text)


@lru_cache(maxsize=64)
def _lookup(_: int, items: tuple[tuple[str, str], ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for code, label in items:
        table.setdefault(normalise(label), code)
    for code, _label in items:
        table[normalise(code)] = code  # a code always means itself, whatever a label says
    return table


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(";") if item.strip()]


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(values))


def _checked_length(column: Column, value: str) -> str:
    if column.max_length is not None and len(value) > column.max_length:
        raise CellError(f"too long: {len(value)} characters, at most {column.max_length}")
    return value
