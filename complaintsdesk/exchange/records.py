"""Parsed rows of the exchange files: what validation checks and the importer writes."""

from dataclasses import dataclass, field
from typing import Any

from complaintsdesk.exchange.columns import KEYS


@dataclass
class Record:
    file: str
    row: int
    # Only the columns the file has: a column left out of a file leaves that field of an
    # existing record unchanged. An empty cell is None ("" for free text).
    values: dict[str, Any]
    # Columns whose cell could not be parsed; checks that need them are skipped, so one bad
    # cell gives one message rather than a cascade.
    bad: set[str] = field(default_factory=set)

    def ok(self, *columns: str) -> bool:
        return not self.bad.intersection(columns)

    def get(self, column: str) -> Any:
        return self.values.get(column)

    def has(self, column: str) -> bool:
        return column in self.values


@dataclass
class Parsed:
    files: dict[str, list[Record]] = field(default_factory=dict)

    def records(self, file: str) -> list[Record]:
        return self.files.get(file, [])

    def keys(self, file: str) -> list[str]:
        """The file's record keys, in file order (each once)."""
        column = KEYS[file]
        return list(dict.fromkeys(r.get(column) for r in self.records(file) if r.get(column)))

    def values(self, file: str, column: str) -> set[Any]:
        return {r.get(column) for r in self.records(file) if r.get(column)}

    def values_list(self, file: str, column: str) -> list[Any]:
        return [r.get(column) for r in self.records(file) if r.get(column)]

    @property
    def count(self) -> int:
        return sum(len(records) for records in self.files.values())
