"""Case search: the words a person types, matched on reference, names and summary.

One rule on every database: each word of the query must match the start of a word in the
case's reference, complainant's name, a child's name or the summary, ignoring case (so
"jo smi" finds "Joanne Smith"). A full reference (COM/4822) finds that case exactly, and cases
whose text holds that reference whole.

The text is reduced to plain words (letters and digits) before it reaches the database, so no
input can make an SQL or full-text syntax error: quotes, operators and brackets are separators.

SQLite: an FTS5 table `case_search(reference, names, summary)`, rowid = case id, kept current by
triggers on cases_case and cases_child (so bulk_create paths stay correct); see migration 0004.
PostgreSQL: expression GIN indexes on to_tsvector('simple', ...) over cases_case and
cases_child.name, queried one word at a time so a word may match the case or any child.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

FTS_TABLE = "case_search"
MAX_WORDS = 16
MAX_WORD_LENGTH = 64
# A whole reference: letters/digits in parts joined by "/" or "-", at least one "/" (COM/4822).
_REFERENCE = re.compile(r"^[^\W_]+(?:[/-][^\W_]+)*/[^\W_]+(?:[/-][^\W_]+)*$")
_WORD = re.compile(r"[^\W_]+")

# The documents PostgreSQL indexes; the migration creates GIN indexes on exactly these
# expressions (any other spelling and the planner would not use them). Everything but letters
# and digits becomes a space first, so words split as in SQLite's unicode61 tokenizer.
PG_CASE_DOCUMENT = (
    "to_tsvector('simple'::regconfig, regexp_replace("
    "reference || ' ' || complainant_name || ' ' || summary, '[^[:alnum:]]+', ' ', 'g'))"
)
PG_CHILD_DOCUMENT = (
    "to_tsvector('simple'::regconfig, regexp_replace(name, '[^[:alnum:]]+', ' ', 'g'))"
)


@dataclass(frozen=True)
class SearchTerms:
    words: tuple[str, ...]
    reference: str = ""  # set when the whole query is one reference
    reference_words: tuple[str, ...] = ()  # its words, in order

    def __bool__(self) -> bool:
        return bool(self.words or self.reference)


def parse(text: str) -> SearchTerms:
    """The query's plain words (lower case, at most MAX_WORDS) and whole reference, if any."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    words: list[str] = []
    for word in _WORD.findall(text.lower()):
        word = word[:MAX_WORD_LENGTH]
        if word not in words:
            words.append(word)
    if len(text) <= 64 and _REFERENCE.match(text):
        return SearchTerms(tuple(words[:MAX_WORDS]), text, tuple(_WORD.findall(text.lower())))
    return SearchTerms(tuple(words[:MAX_WORDS]))


def search_filter(text: str) -> Q | None:
    """A filter for case querysets matching `text`; None when it holds nothing to search for."""
    terms = parse(text)
    if not terms:
        return None
    if terms.reference:
        # The unique index on reference answers this. Its words must also appear together, in
        # order and whole (a summary saying "see COM/48"), so COM/48 never finds COM/480.
        exact = Q(reference__in=sorted({terms.reference, terms.reference.upper()}))
        return exact | _phrase_filter(terms.reference_words)
    return _words_filter(terms.words)


def _words_filter(words: tuple[str, ...]) -> Q:
    """Every word matches the start of a word somewhere in the case or its children."""
    if connection.vendor == "sqlite":
        # Each word is quoted, so FTS5 reads it as a string, never as AND/OR/NOT/NEAR or a
        # column filter (plain words hold no quote to escape).
        return _fts5(" ".join(f'"{word}"*' for word in words))
    if connection.vendor == "postgresql":
        matched = Q()
        for word in words:
            # A plain word of letters and digits is a single tsquery operand.
            matched &= _tsquery("to_tsquery('simple', %s)", word + ":*")
        return matched
    return _portable_filter(words)


def _phrase_filter(words: tuple[str, ...]) -> Q:
    """The words side by side, in order and whole, in one field of the case or one child."""
    if connection.vendor == "sqlite":
        return _fts5('"' + " ".join(words) + '"')
    if connection.vendor == "postgresql":
        return _tsquery("phraseto_tsquery('simple', %s)", " ".join(words))
    return _portable_filter(words)


def _fts5(expression: str) -> Q:
    sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
    return Q(pk__in=RawSQL(sql, [expression]))


def _tsquery(query_sql: str, value: str) -> Q:
    # One indexed scan per table: the case's own document, then its children's names.
    sql = (
        f"SELECT id FROM cases_case WHERE {PG_CASE_DOCUMENT} @@ {query_sql} "
        f"UNION SELECT case_id FROM cases_child WHERE {PG_CHILD_DOCUMENT} @@ {query_sql}"
    )
    return Q(pk__in=RawSQL(sql, [value, value]))


def _portable_filter(words: tuple[str, ...]) -> Q:
    """Other databases: substring matching, slower and looser, with no index behind it."""
    from complaintsdesk.cases.models import Child

    matched = Q()
    for word in words:
        children = Child.objects.filter(name__icontains=word).values("case_id")
        matched &= (
            Q(reference__icontains=word)
            | Q(complainant_name__icontains=word)
            | Q(summary__icontains=word)
            | Q(pk__in=children)
        )
    return matched
