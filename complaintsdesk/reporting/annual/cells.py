"""Figures/1 JSON values as printed cells: the one place a figure is formatted."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from complaintsdesk.reporting.annual.model import WITHHELD, Cell

DASH = "–"  # a percentage of nothing (figures.md: den 0 is shown as "–")


def money_text(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def cell(value: Any, *, drill: str | None = None, money: bool = False) -> Cell:
    """A figures/1 value: an int, a {pct, num, den}, money as "1234.50", or a published
    edition's marker ("<5", "[c]", "[low]")."""
    if isinstance(value, dict) and "pct" in value:
        title = f"{value['num']} of {value['den']}"
        if value["pct"] is None:
            return Cell(DASH, None, "pct", drill, title)
        return Cell(f"{value['pct']}%", int(value["pct"]), "pct", drill, title, value["den"])
    if isinstance(value, bool) or value is None:
        return Cell(DASH, None, "count")
    if isinstance(value, int):
        return Cell(f"{value:,}", value, "count", drill)
    if money or (isinstance(value, str) and value.replace(".", "", 1).lstrip("-").isdigit()):
        amount = Decimal(value)
        return Cell(money_text(amount), amount, "money", drill)
    # A published edition's marker: one mark whatever the column, the reason on its title.
    return Cell(WITHHELD, None, "count", title=WITHHELD_TITLES.get(str(value), WITHHELD_TITLES[""]))


WITHHELD_TITLES = {
    "[c]": "Withheld so that another withheld figure cannot be worked out",
    "[low]": "Withheld: a percentage of too few records",
    "": "Withheld: a count of too few people",
}


def text(value: str) -> Cell:
    return Cell(value, None, "text")


def number(value: Any) -> float | None:
    """A cell value for a chart: None when withheld."""
    if isinstance(value, dict):
        return None if value.get("pct") is None else float(value["pct"])
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return None
