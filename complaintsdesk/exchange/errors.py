"""Import problems, each located as `file:row:column`, and the one error that carries them."""

from dataclasses import dataclass

from complaintsdesk.exchange.columns import FILES

# A problem about the file as a whole (unreadable, unknown) rather than one cell.
WHOLE_FILE = "-"
_FILE_ORDER = {name: i for i, name in enumerate(FILES)}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int  # as a spreadsheet shows it: the header is row 1, the first record row 2
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


def problems_sorted(problems: list["Problem"]) -> list["Problem"]:
    """In file order, then row order; within a row, in the order they were found."""
    return sorted(
        problems, key=lambda p: (_FILE_ORDER.get(p.file, len(_FILE_ORDER)), p.file, p.row)
    )


class ExchangeImportError(Exception):
    """The import was refused: nothing was written. `problems` lists every reason at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems_sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]
