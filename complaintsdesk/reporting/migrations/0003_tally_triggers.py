"""Triggers that mark a tally month changed on every write that could change its counts.

A stage's months are those of its `started` and `responded` dates and of the latest of
`started` and `due` (with and without `responded`: open_overdue's flows), old and new
values; a case's of its `equality_form_sent`; a change to a case's grouping or attributes changes the
months of all its stages. Triggers rather than calls in each service, so that no write path
(a service, the importer, a bulk update, the admin, a data migration) can be forgotten.

SQLite drops a table's triggers with the table: a later migration that remakes cases_stage
or cases_case must create them again (`tests/reporting/test_tally_store.py` checks they fire).
"""

from django.db import migrations

# The columns the figures read (tally.py's conditions, amounts, dates and groups).
STAGE_COLUMNS = (
    "case_id",
    "kind",
    "started",
    "responded",
    "outcome",
    "due",
    "working_days_taken",
    "investigating_officer_cost",
    "independent_person_cost",
    "additional_cost",
)
CASE_COLUMNS = (
    "procedure",
    "service_area_id",
    "complainant_type",
    "child_in_care",
    "via_advocate",
    "theme",
    "equality_form_sent",
)
# The dates a tally month is of (tally.Counted.date): a field, or the latest of several.
STAGE_DATES = ("started", "responded", "started+due", "started+due+responded")
CASE_DATES = ("equality_form_sent",)


def _latest(date_key: str, row: str, greatest: str) -> str:
    """SQL for the latest of the dates in `date_key` of `row` ("NEW." or "s." or "")."""
    parts = [f"{row}{f}" for f in date_key.split("+")]
    return parts[0] if len(parts) == 1 else f"{greatest}({', '.join(parts)})"

TRIGGERS = ("tally_stage_insert", "tally_stage_update", "tally_stage_delete")
CASE_TRIGGERS = ("tally_case_insert", "tally_case_update", "tally_case_delete")


# --- SQLite -------------------------------------------------------------------------------


def _sqlite_bump(source: str, field: str, row: str) -> str:
    # SQLite's max() of several is NULL when any is: no month, as Counted.date_of says.
    value = _latest(field, row, "max")
    return f"""
    INSERT INTO reporting_tallymonth
      (source, date_field, month, changes, counted, signature, cells)
    SELECT '{source}', '{field}', date({value}, 'start of month'), 1, -1, '', '{{}}'
    WHERE {value} IS NOT NULL
    ON CONFLICT (source, date_field, month) DO UPDATE SET changes = changes + 1;"""


def _sqlite_stage_body(row: str) -> str:
    return "".join(_sqlite_bump("stages", f, f"{row}.") for f in STAGE_DATES)


def _sqlite_case_body(row: str, *, with_stages: bool) -> str:
    body = "".join(_sqlite_bump("cases", f, f"{row}.") for f in CASE_DATES)
    if with_stages:
        for f in STAGE_DATES:
            value = _latest(f, "", "max")
            body += f"""
    INSERT INTO reporting_tallymonth
      (source, date_field, month, changes, counted, signature, cells)
    SELECT DISTINCT 'stages', '{f}', date({value}, 'start of month'), 1, -1, '', '{{}}'
    FROM cases_stage WHERE case_id = {row}.id AND {value} IS NOT NULL
    ON CONFLICT (source, date_field, month) DO UPDATE SET changes = changes + 1;"""
    return body


def _sqlite_sql() -> list[str]:
    stage_cols = ", ".join(STAGE_COLUMNS)
    case_cols = ", ".join(CASE_COLUMNS)
    return [
        f"CREATE TRIGGER tally_stage_insert AFTER INSERT ON cases_stage BEGIN"
        f"{_sqlite_stage_body('NEW')}\nEND",
        f"CREATE TRIGGER tally_stage_update AFTER UPDATE OF {stage_cols} ON cases_stage BEGIN"
        f"{_sqlite_stage_body('OLD')}{_sqlite_stage_body('NEW')}\nEND",
        f"CREATE TRIGGER tally_stage_delete AFTER DELETE ON cases_stage BEGIN"
        f"{_sqlite_stage_body('OLD')}\nEND",
        f"CREATE TRIGGER tally_case_insert AFTER INSERT ON cases_case BEGIN"
        f"{_sqlite_case_body('NEW', with_stages=False)}\nEND",
        f"CREATE TRIGGER tally_case_update AFTER UPDATE OF {case_cols} ON cases_case BEGIN"
        f"{_sqlite_case_body('OLD', with_stages=False)}"
        f"{_sqlite_case_body('NEW', with_stages=True)}\nEND",
        f"CREATE TRIGGER tally_case_delete AFTER DELETE ON cases_case BEGIN"
        f"{_sqlite_case_body('OLD', with_stages=False)}\nEND",
    ]


# --- PostgreSQL ---------------------------------------------------------------------------

_PG_BUMP = """
CREATE FUNCTION reporting_tally_bump(src text, fld text, d date) RETURNS void AS $$
BEGIN
  IF d IS NOT NULL THEN
    INSERT INTO reporting_tallymonth
      (source, date_field, month, changes, counted, signature, cells)
    VALUES (src, fld, date_trunc('month', d)::date, 1, -1, '', '{}')
    ON CONFLICT (source, date_field, month)
    DO UPDATE SET changes = reporting_tallymonth.changes + 1;
  END IF;
END $$ LANGUAGE plpgsql"""


def _pg_calls(source: str, dates: tuple[str, ...], row: str) -> str:
    # GREATEST ignores NULLs, so this may mark a month no count has: harmless, only extra work.
    return "".join(
        f"\n    PERFORM reporting_tally_bump('{source}', '{f}', {_latest(f, row, 'GREATEST')});"
        for f in dates
    )


def _pg_sql() -> list[str]:
    stage_each = "".join(
        f"\n    PERFORM reporting_tally_bump('stages', '{f}', {_latest(f, 's.', 'GREATEST')})"
        " FROM cases_stage s WHERE s.case_id = NEW.id;"
        for f in STAGE_DATES
    )
    return [
        _PG_BUMP,
        f"""
CREATE FUNCTION reporting_tally_stage() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN{_pg_calls("stages", STAGE_DATES, "OLD.")}
  END IF;
  IF TG_OP <> 'DELETE' THEN{_pg_calls("stages", STAGE_DATES, "NEW.")}
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
        f"""
CREATE FUNCTION reporting_tally_case() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN{_pg_calls("cases", CASE_DATES, "OLD.")}
  END IF;
  IF TG_OP <> 'DELETE' THEN{_pg_calls("cases", CASE_DATES, "NEW.")}
  END IF;
  IF TG_OP = 'UPDATE' THEN{stage_each}
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
        f"CREATE TRIGGER tally_stage AFTER INSERT OR DELETE OR UPDATE OF {', '.join(STAGE_COLUMNS)}"
        " ON cases_stage FOR EACH ROW EXECUTE FUNCTION reporting_tally_stage()",
        f"CREATE TRIGGER tally_case AFTER INSERT OR DELETE OR UPDATE OF {', '.join(CASE_COLUMNS)}"
        " ON cases_case FOR EACH ROW EXECUTE FUNCTION reporting_tally_case()",
    ]


_PG_DROP = [
    "DROP TRIGGER IF EXISTS tally_stage ON cases_stage",
    "DROP TRIGGER IF EXISTS tally_case ON cases_case",
    "DROP FUNCTION IF EXISTS reporting_tally_stage()",
    "DROP FUNCTION IF EXISTS reporting_tally_case()",
    "DROP FUNCTION IF EXISTS reporting_tally_bump(text, text, date)",
]


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": _sqlite_sql, "postgresql": _pg_sql}[vendor]()
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "sqlite":
        for name in TRIGGERS + CASE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for sql in _PG_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_tallymonth"),
        ("cases", "0004_case_search"),
    ]

    operations = [migrations.RunPython(create, drop)]
