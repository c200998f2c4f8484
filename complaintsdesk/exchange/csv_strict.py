"""A strict CSV reader over a byte stream: RFC 4180 as Excel and Python write it, nothing looser.

Python's `csv` module guesses its way past a quote left open (the rest of the file becomes
one cell), a quote inside an unquoted cell, and rows of the wrong length; each of those has
silently moved text between records. Here each is refused with the row and column where it
began. The stream is read a chunk at a time, so memory holds the rows, not the file.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from complaintsdesk.exchange.errors import WHOLE_FILE, Problem

CHUNK = 256 * 1024
# Lines end in \n or \r\n. A lone \r is text: Python's csv writer (the exporter) leaves a
# cell holding one unquoted, and it must come back as it went.
_LINE_END = re.compile(r"\r?\n")
# A line may hold this many of the longest cells; a longer one is refused before it is split.
LINE_FIELDS = 4
_QUOTE_HINT = 'put the whole cell in quotes, and write each quote inside it twice ("")'


@dataclass(frozen=True)
class CsvLimits:
    max_rows: int  # in all the files of one import, headers and blank rows included
    max_field_chars: int


class CsvRefused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class CsvTooLong(CsvRefused):
    """Past the import's row limit: the files after this one need not be read."""


class _BadBytes(Exception):
    def __init__(self, line: int, prefix: str) -> None:
        self.line = line  # the physical line holding the bytes
        self.prefix = prefix  # the text of that line before them


class _LongLine(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def _lines(stream: BinaryIO, max_chars: int) -> Iterator[str]:
    """Decoded lines, each with its line ending (`\\n` or `\\r\\n`); strict UTF-8.

    Bytes that are not UTF-8 raise `_BadBytes` once every whole line before them is out; a
    line longer than `max_chars` raises `_LongLine`. A line is gathered in parts, so a long
    one costs its length once, not once per chunk.
    """
    carry = b""
    pending: list[str] = []
    pending_chars = 0
    number = 0
    first = True
    while True:
        chunk = stream.read(CHUNK)
        data = carry + chunk
        carry = b""
        bad = False
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            if chunk and error.reason == "unexpected end of data" and error.end == len(data):
                carry = data[error.start :]  # a character split between chunks
            else:
                bad = True
            text = data[: error.start].decode("utf-8")
        if first:
            text = text.removeprefix("\ufeff")  # Excel's "CSV UTF-8" starts with a BOM
            first = False
        start = 0
        for match in _LINE_END.finditer(text):
            number += 1
            piece = text[start : match.end()]
            yield "".join([*pending, piece]) if pending else piece
            pending, pending_chars = [], 0
            start = match.end()
        if start < len(text):
            pending.append(text[start:])
            pending_chars += len(text) - start
        if pending_chars > max_chars:
            raise _LongLine(number + 1)
        if bad:
            raise _BadBytes(number + 1, "".join(pending))
        if not chunk:
            if pending:
                yield "".join(pending)
            return


def _body_end(line: str) -> int:
    if line.endswith("\r\n"):
        return len(line) - 2
    return len(line) - 1 if line.endswith("\n") else len(line)


class _Parser:
    """Turns lines into rows; a quoted cell may run over many lines."""

    def __init__(self, name: str, limits: CsvLimits, rows_before: int) -> None:
        self.name = name
        self.limits = limits
        self.rows_before = rows_before  # read from the import's other files
        self.header: list[str] = []
        self.line = 0  # physical line being read
        self.row_number = 0  # records begun, the header being row 1
        self.row_line = 0  # the physical line the current record began on
        self.cells: list[str] | None = None  # the record in progress
        self.parts: list[str] | None = None  # the quoted cell in progress
        self.part_chars = 0
        self.cell_line = 0  # the physical line the quoted cell began on

    def column(self, position: int) -> str:
        if position < len(self.header) and self.header[position]:
            return self.header[position]
        return f"column {position + 1}"

    def refuse(self, position: int | None, message: str, *, hint: bool = True) -> CsvRefused:
        column = WHOLE_FILE if position is None else self.column(position)
        if hint and self.line > self.row_line:
            message += (
                f" (this row began on line {self.row_line} and runs to line {self.line}: "
                "a quote left open there joins the lines after it into one cell)"
            )
        return CsvRefused(Problem(self.name, self.row_number, column, message))

    def feed(self, line: str) -> list[str] | None:
        """The record this line completes, or None while a quoted cell runs on."""
        self.line += 1
        if self.cells is None:
            self.row_number += 1
            self.row_line = self.line
            if self.rows_before + self.row_number > self.limits.max_rows:
                problem = Problem(
                    self.name, self.row_number, WHOLE_FILE, rows_refusal(self.limits.max_rows)
                )
                raise CsvTooLong(problem)
            self.cells = []
        cells = self.cells
        end = _body_end(line)
        position = 0
        if self.parts is not None:
            position = self._quoted(line, 0)
            if position < 0:
                return None
            position = self._after_quote(line, position, end)
            if position < 0:
                return self._finish()
        elif end == 0:  # a blank line: a record with no cells
            return self._finish()
        elif '"' not in line:  # most lines: no quotes, so a plain split is the whole story
            for text in line[:end].split(","):
                self._cell(text)
            return self._finish()
        while True:
            if position < end and line[position] == '"':
                self.parts, self.part_chars, self.cell_line = [], 0, self.line
                position = self._quoted(line, position + 1)
                if position < 0:
                    return None
                position = self._after_quote(line, position, end)
                if position < 0:
                    return self._finish()
                continue
            comma = line.find(",", position, end)
            stop = end if comma < 0 else comma
            text = line[position:stop]
            if '"' in text:
                raise self.refuse(
                    len(cells),
                    f"has a quote inside a cell that does not begin with one: {_QUOTE_HINT}",
                )
            self._cell(text)
            if comma < 0:
                return self._finish()
            position = comma + 1

    def _quoted(self, line: str, position: int) -> int:
        """Read quoted text; the position after its closing quote, or -1 if it runs on."""
        parts = self.parts
        assert parts is not None
        while True:
            quote = line.find('"', position)
            if quote < 0:
                self._part(line[position:])
                return -1
            if line.startswith('"', quote + 1):
                self._part(line[position : quote + 1])  # "" is one quote
                position = quote + 2
                continue
            self._part(line[position:quote])
            self.parts = None
            self._cell("".join(parts))
            return quote + 1

    def _after_quote(self, line: str, position: int, end: int) -> int:
        """After a closing quote comes a comma (the next cell's start) or the end: -1."""
        if position >= end:
            return -1
        if line[position] == ",":
            if position + 1 == end:
                self._cell("")  # a trailing comma: the last cell is empty
                return -1
            return position + 1
        assert self.cells is not None
        raise self.refuse(
            len(self.cells) - 1,
            f"has text after the quote that closes the cell ({line[position : position + 10]!r}): "
            + _QUOTE_HINT,
        )

    def _part(self, text: str) -> None:
        assert self.parts is not None and self.cells is not None
        self.parts.append(text)
        self.part_chars += len(text)
        if self.part_chars > self.limits.max_field_chars:
            self.line = self.cell_line
            raise self.refuse(
                len(self.cells),
                f"is longer than {self.limits.max_field_chars:,} characters: "
                "is a quote opened here and never closed?",
            )

    def _cell(self, text: str) -> None:
        assert self.cells is not None
        if len(text) > self.limits.max_field_chars:
            raise self.refuse(
                len(self.cells), f"is longer than {self.limits.max_field_chars:,} characters"
            )
        if "\x00" in text:
            raise self.refuse(len(self.cells), "contains a NUL character: the file is damaged")
        self.cells.append(text)

    def _finish(self) -> list[str]:
        cells = self.cells or []
        self.cells = None
        return cells

    def at_end(self) -> None:
        if self.parts is not None:
            assert self.cells is not None
            lines = self.line - self.cell_line
            self.line = self.row_line
            raise self.refuse(
                len(self.cells),
                f"opens a quote that is never closed, so the {lines:,} lines after it would be "
                f"read into this one cell: close the quote, and write each quote inside a "
                f'quoted cell twice ("")',
            )

    def _next_record(self, line: int) -> None:
        if self.cells is None:
            self.row_number += 1
            self.cells = []
            self.row_line = line
        self.line = line

    def long_line(self, error: _LongLine) -> CsvRefused:
        self._next_record(error.line)
        limit = LINE_FIELDS * self.limits.max_field_chars
        return self.refuse(None, f"has a line longer than {limit:,} characters", hint=False)

    def bad_bytes(self, error: _BadBytes) -> CsvRefused:
        """Locate undecodable bytes: the record and cell they fall in."""
        self._next_record(error.line)
        assert self.cells is not None
        position = len(self.cells)
        quoted = self.parts is not None
        for char in error.prefix:
            if char == '"':
                quoted = not quoted
            elif char == "," and not quoted:
                position += 1
        message = 'is not UTF-8 text: save the file as "CSV UTF-8" and import again'
        return self.refuse(position, message, hint=False)


def rows_refusal(limit: int) -> str:
    return (
        f"takes the import past {limit:,} rows, the most one import may read: "
        "import the files in parts (a year at a time, say)"
    )


def csv_rows(
    name: str, stream: BinaryIO, limits: CsvLimits, *, rows_before: int = 0
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(row number, cells)]); refuses with `CsvRefused` at the first fault.

    The header is lower-cased and trimmed. Every record must have as many cells as the
    header, except a blank one, which is skipped.
    """
    parser = _Parser(name, limits, rows_before)
    rows: list[tuple[int, list[str]]] = []
    lines = _lines(stream, LINE_FIELDS * limits.max_field_chars)
    while True:
        try:
            line = next(lines)
        except StopIteration:
            break
        except _BadBytes as error:
            raise parser.bad_bytes(error) from None
        except _LongLine as error:
            raise parser.long_line(error) from None
        cells = parser.feed(line)
        if cells is None:
            continue
        if parser.row_number == 1:
            if any("\r" in cell for cell in cells):
                message = 'ends its lines with CR alone (old Mac style): save it as "CSV UTF-8"'
                raise CsvRefused(Problem(name, 1, WHOLE_FILE, message))
            parser.header = [c.strip().lower() for c in cells]
            continue
        if len(cells) != len(parser.header) and any(cells):
            _width_refuse(parser, cells)
        rows.append((parser.row_number, cells))
    parser.at_end()
    return parser.header, rows


def _width_refuse(parser: _Parser, cells: list[str]) -> None:
    width = len(parser.header)
    if len(cells) < width:
        raise parser.refuse(
            len(cells),
            f"is missing: the row has {len(cells)} cells, but the header has {width} columns",
        )
    raise parser.refuse(
        width,
        f"is beyond the header: the row has {len(cells)} cells, but the header has {width} columns",
    )
