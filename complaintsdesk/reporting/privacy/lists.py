"""The word lists the name detector reads from reporting/data (built by build_name_lists.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


@cache
def word_list(file: str) -> frozenset[str]:
    """The entries of one list, as written (capitalised)."""
    lines = (DATA / file).read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip() for s in lines if s.strip() and not s.startswith("#"))


@cache
def folded(file: str) -> frozenset[str]:
    """The same entries casefolded, for lookups in any case."""
    return frozenset(s.casefold() for s in word_list(file))


def given_names() -> frozenset[str]:
    """Names that are no ordinary word ("Keira"): a name in any case."""
    return word_list("given_names.txt")


def ambiguous_names() -> frozenset[str]:
    """Names that are also words, months or places ("Grace", "May", "Devon")."""
    return word_list("ambiguous_names.txt")
