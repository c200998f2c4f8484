"""Validate exchange tables: every cell parsed, every rule checked, every problem collected.

Two passes. `tables_parse` needs no database: headers, cells, required values, duplicate
keys. `records_check` then checks the records against each other and the database
(references, directorates, the order and deadlines of stages), through `Existing`.
"""

from datetime import date

from complaintsdesk.deadlines.calendar import WorkingCalendar
from complaintsdesk.exchange.cells import CellError, date_check, parse_cell
from complaintsdesk.exchange.columns import (
    CASES,
    COMPLIMENTS,
    COMPUTED,
    DATE,
    FILES,
    KEYS,
    LEARNINGS,
    LGSCO,
    RECOMMENDATIONS,
    STAGES,
    TEXT,
    columns_by_name,
)
from complaintsdesk.exchange.errors import WHOLE_FILE, Problem
from complaintsdesk.exchange.reader import Table
from complaintsdesk.exchange.records import Parsed, Record
from complaintsdesk.exchange.snapshot import Existing
from complaintsdesk.exchange.stage_checks import MergedStages, stages_check
from complaintsdesk.workflow.rules import RuleSet

IGNORE_HINT = "remove it, or import with --ignore-unknown-columns"


def tables_parse(
    tables: dict[str, Table], *, today: date, ignore_unknown_columns: bool = False
) -> tuple[Parsed, list[Problem]]:
    """Every cell parsed; dates after `today` (other than planned ones) are refused."""
    parsed = Parsed()
    problems: list[Problem] = []
    if not tables:
        problems.append(
            Problem("-", 1, WHOLE_FILE, f"no exchange files found: expected {', '.join(FILES)}")
        )
    for name, table in tables.items():
        if name not in FILES:
            if not ignore_unknown_columns:
                problems.append(
                    Problem(name, 1, WHOLE_FILE, f"not an exchange file: {IGNORE_HINT}")
                )
            continue
        parsed.files[name] = _table_parse(table, ignore_unknown_columns, today, problems)
    return parsed, problems


def _table_parse(
    table: Table, ignore_unknown: bool, today: date, problems: list[Problem]
) -> list[Record]:
    name = table.name
    spec = columns_by_name(name)
    ignored = set(COMPUTED.get(name, ()))
    used: dict[int, str] = {}  # cell position -> column name
    for position, header in enumerate(table.header):
        if not header:
            if any(position < len(cells) and cells[position].strip() for _, cells in table.rows):
                problems.append(
                    Problem(name, 1, f"column {position + 1}", "has values but no name")
                )
            continue
        if header in used.values():
            problems.append(Problem(name, 1, header, "appears twice in the header"))
        elif header in spec:
            used[position] = header
        elif header not in ignored and not ignore_unknown:
            problems.append(Problem(name, 1, header, f"unknown column: {IGNORE_HINT}"))
    for column in spec.values():
        if column.required and column.name not in used.values():
            problems.append(Problem(name, 1, column.name, "required column is missing"))

    records: list[Record] = []
    for number, cells in table.rows:
        if not any(cell.strip() for cell in cells):
            continue  # spreadsheets keep blank rows; they hold nothing to import
        record = Record(name, number, {})
        for position, column_name in used.items():
            column = spec[column_name]
            raw = cells[position] if position < len(cells) else ""
            try:
                value = parse_cell(column, raw)
                if column.kind == DATE and value is not None:
                    date_check(column, value, today=today)
            except CellError as error:
                problems.append(Problem(name, number, column_name, str(error)))
                record.bad.add(column_name)
                continue
            empty = value is None or (column.kind == TEXT and not value.strip())
            if column.required and empty:
                problems.append(Problem(name, number, column_name, "required, but empty"))
                record.bad.add(column_name)
            record.values[column_name] = value
        records.append(record)
    problems.extend(_duplicates(name, records))
    return records


def _duplicates(name: str, records: list[Record]) -> list[Problem]:
    problems = []
    seen: dict[object, int] = {}
    for record in records:
        if name == STAGES:
            if (
                not record.ok("reference", "stage")
                or not record.get("reference")
                or not record.get("stage")
            ):
                continue
            key: object = (record.get("reference"), record.get("stage"))
            column = "stage"
        else:
            column = KEYS[name]
            key = record.get(column)
            if not key or not record.ok(column):
                continue
        if key in seen:
            if name == STAGES:
                message = (
                    f"{record.get('reference')} already has a {record.get('stage')} "
                    f"on row {seen[key]}"
                )
            else:
                message = f"{key} is already on row {seen[key]}"
            problems.append(Problem(name, record.row, column, message))
        else:
            seen[key] = record.row
    return problems


def records_check(
    parsed: Parsed, existing: Existing, *, calendar: WorkingCalendar, rulesets: tuple[RuleSet, ...]
) -> tuple[list[Problem], MergedStages]:
    """Cross-record and database checks; also the stages of each touched case as they will be."""
    problems: list[Problem] = []
    file_cases: dict[str, Record] = {}
    for record in parsed.records(CASES):
        if record.get("reference"):
            # A duplicate is reported already; checking against the first row avoids a cascade.
            file_cases.setdefault(record.get("reference"), record)
    problems += _references(parsed, existing, file_cases)
    problems += _organisation(parsed, existing)
    problems += _lgsco(parsed)
    problems += _recommendations(parsed, existing)
    stage_problems, merged = stages_check(
        parsed, existing, file_cases, calendar=calendar, rulesets=rulesets
    )
    return problems + stage_problems, merged


def _references(parsed: Parsed, existing: Existing, file_cases: dict[str, Record]) -> list[Problem]:
    problems = []

    def known(reference: str) -> bool:
        return reference in file_cases or reference in existing.cases

    for file in (STAGES, LGSCO, LEARNINGS):
        for record in parsed.records(file):
            reference = record.get("reference")
            if reference and record.ok("reference") and not known(reference):
                problems.append(
                    Problem(
                        file,
                        record.row,
                        "reference",
                        f"no case {reference} in cases.csv or the database",
                    )
                )
    for record in parsed.records(CASES):
        for reference in record.get("linked") or ():
            if reference == record.get("reference"):
                problems.append(
                    Problem(CASES, record.row, "linked", "a case cannot be linked to itself")
                )
            elif not known(reference):
                problems.append(
                    Problem(
                        CASES,
                        record.row,
                        "linked",
                        f"no case {reference} in cases.csv or the database",
                    )
                )
    return problems


def _organisation(parsed: Parsed, existing: Existing) -> list[Problem]:
    """Every service area is in exactly one directorate, the same in every file and the database."""
    problems = []
    first: dict[str, tuple[str, str, int]] = {}  # service area -> (directorate, file, row)
    for file in (CASES, LGSCO, COMPLIMENTS):
        for record in parsed.records(file):
            area, directorate = record.get("service_area"), record.get("directorate")
            if not (area and directorate and record.ok("service_area", "directorate")):
                continue
            in_db = existing.service_areas.get(area)
            if in_db is not None and in_db.directorate.name != directorate:
                problems.append(
                    Problem(
                        file,
                        record.row,
                        "directorate",
                        (
                            f"service area {area} is in the directorate {in_db.directorate.name} "
                            f"in the database, not {directorate}"
                        ),
                    )
                )
            elif area in first and first[area][0] != directorate:
                other, other_file, other_row = first[area]
                problems.append(
                    Problem(
                        file,
                        record.row,
                        "directorate",
                        (
                            f"service area {area} is in the directorate {other} on {other_file} "
                            f"row {other_row}, not {directorate}"
                        ),
                    )
                )
            else:
                first.setdefault(area, (directorate, file, record.row))
    for record in parsed.records(LEARNINGS):
        area = record.get("service_area")
        if (
            area
            and record.ok("service_area")
            and area not in first
            and area not in existing.service_areas
        ):
            message = (
                f"no service area {area} in cases.csv, lgsco.csv, compliments.csv or the database"
            )
            problems.append(Problem(LEARNINGS, record.row, "service_area", message))
    return problems


def _lgsco(parsed: Parsed) -> list[Problem]:
    problems = []
    for record in parsed.records(LGSCO):
        decided, decision = record.get("decided"), record.get("decision")
        if not record.ok("decided", "decision"):
            continue
        if isinstance(decided, date) and not decision:
            problems.append(
                Problem(LGSCO, record.row, "decision", "required when decided is given")
            )
        if decision and not decided:
            problems.append(
                Problem(LGSCO, record.row, "decided", "required when a decision is given")
            )
    return problems


def _recommendations(parsed: Parsed, existing: Existing) -> list[Problem]:
    """Each recommendation names an Ombudsman case in lgsco.csv or the database; an amount
    belongs to a financial remedy only."""
    problems = []
    in_file = parsed.keys(LGSCO)
    for record in parsed.records(RECOMMENDATIONS):
        reference = record.get("lgsco_reference")
        if reference and record.ok("lgsco_reference"):
            if reference not in in_file and reference not in existing.lgsco_ids:
                problems.append(
                    Problem(
                        RECOMMENDATIONS,
                        record.row,
                        "lgsco_reference",
                        f"no Ombudsman case {reference} in lgsco.csv or the database",
                    )
                )
        kind, amount = record.get("type"), record.get("amount")
        if record.ok("type", "amount") and amount is not None and kind != "financial_remedy":
            problems.append(
                Problem(RECOMMENDATIONS, record.row, "amount", "only a financial remedy has one")
            )
    return problems
