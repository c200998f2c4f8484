"""Case search (complaintsdesk/cases/search.py) and the indexes behind visibility counts.

SQLite: an FTS5 table `case_search(reference, names, summary)` whose rowid is the case id;
`names` holds the complainant's and the children's names. Triggers on cases_case and
cases_child keep it current, so every write path (services, bulk_create in the exchange
importer, the demo and the benchmark) stays searchable. Existing cases are indexed here.

PostgreSQL: GIN indexes on the same expressions search.py queries (PG_CASE_DOCUMENT and
PG_CHILD_DOCUMENT; a test checks they are spelt alike).

SQLite drops a table's triggers with the table: a later migration that remakes cases_case or
cases_child (most AlterField/RemoveField on SQLite do) must create the triggers again.
tests/casework/test_search.py fails if they are missing after all migrations.

Other databases: nothing; search.py falls back to substring matching.
"""

from django.conf import settings
from django.db import migrations, models

# --- SQLite -------------------------------------------------------------------------------

FTS_TABLE = "case_search"


def _reindex(case_id: str) -> str:
    """Statements replacing the search row of the case whose id is `case_id` (an SQL term)."""
    return (
        f"DELETE FROM {FTS_TABLE} WHERE rowid = {case_id}; "
        f"INSERT INTO {FTS_TABLE}(rowid, reference, names, summary) "
        "SELECT c.id, c.reference, c.complainant_name || coalesce(' ' || ("
        "SELECT group_concat(ch.name, ' ') FROM cases_child ch WHERE ch.case_id = c.id), ''), "
        f"c.summary FROM cases_case c WHERE c.id = {case_id};"
    )


SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "reference, names, summary, tokenize = 'unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER case_search_case_insert AFTER INSERT ON cases_case BEGIN "
    f"{_reindex('new.id')} END",
    "CREATE TRIGGER case_search_case_update "
    "AFTER UPDATE OF id, reference, complainant_name, summary ON cases_case "
    "WHEN old.id IS NOT new.id OR old.reference IS NOT new.reference "
    "OR old.complainant_name IS NOT new.complainant_name OR old.summary IS NOT new.summary "
    f"BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = old.id; {_reindex('new.id')} END",
    f"CREATE TRIGGER case_search_case_delete AFTER DELETE ON cases_case BEGIN "
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END",
    f"CREATE TRIGGER case_search_child_insert AFTER INSERT ON cases_child BEGIN "
    f"{_reindex('new.case_id')} END",
    "CREATE TRIGGER case_search_child_update AFTER UPDATE OF name, case_id ON cases_child "
    "WHEN old.name IS NOT new.name OR old.case_id IS NOT new.case_id "
    f"BEGIN {_reindex('old.case_id')} {_reindex('new.case_id')} END",
    f"CREATE TRIGGER case_search_child_delete AFTER DELETE ON cases_child BEGIN "
    f"{_reindex('old.case_id')} END",
    # The cases already there.
    f"INSERT INTO {FTS_TABLE}(rowid, reference, names, summary) "
    "SELECT c.id, c.reference, c.complainant_name || coalesce(' ' || ("
    "SELECT group_concat(ch.name, ' ') FROM cases_child ch WHERE ch.case_id = c.id), ''), "
    "c.summary FROM cases_case c",
]
SQLITE_BACKWARD = [
    *(
        f"DROP TRIGGER IF EXISTS case_search_{name}"
        for name in (
            "case_insert",
            "case_update",
            "case_delete",
            "child_insert",
            "child_update",
            "child_delete",
        )
    ),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]

# --- PostgreSQL ---------------------------------------------------------------------------

PG_CASE_DOCUMENT = (
    "to_tsvector('simple'::regconfig, regexp_replace("
    "reference || ' ' || complainant_name || ' ' || summary, '[^[:alnum:]]+', ' ', 'g'))"
)
PG_CHILD_DOCUMENT = (
    "to_tsvector('simple'::regconfig, regexp_replace(name, '[^[:alnum:]]+', ' ', 'g'))"
)
POSTGRESQL_FORWARD = [
    f"CREATE INDEX IF NOT EXISTS case_search_document ON cases_case USING gin ({PG_CASE_DOCUMENT})",
    f"CREATE INDEX IF NOT EXISTS child_search_document ON cases_child "
    f"USING gin ({PG_CHILD_DOCUMENT})",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS case_search_document",
    "DROP INDEX IF EXISTS child_search_document",
]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_list_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["restricted"], name="case_restricted"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["status", "restricted"], name="case_status_restricted"),
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
            elidable=False,
        ),
    ]
