"""Rebuild the name lists the personal-data checker reads. A maintainer's tool, run by hand:

    .venv/bin/python complaintsdesk/reporting/data/build_name_lists.py

Sources: the names already kept here, Faker's English-language person lists (a runtime
dependency already; several locales, because the council's children carry names from many
of them) and Debian's `wbritish` word list (`apt-get install wbritish`), which says which
names are also ordinary lower-case English words. Output, one name a line:

- given_names.txt: names that are no ordinary word, found in any case ("keira", "KEIRA");
- ambiguous_names.txt: names that are also words or places ("Grace", "Jack", "Devon"),
  found only where the sentence makes them a person;
- surnames.txt: family names, found after a given name or as "the Kowalski family".
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from unidecode import unidecode

HERE = Path(__file__).resolve().parent
WORDS = Path("/usr/share/dict/british-english")
LOCALES = ["en_GB", "en_IE", "en_US", "en_NZ", "en_IN", "en_PK", "en_NG", "pl_PL", "ro_RO"]
SHAPE = re.compile(r"[A-Z][a-z]{2,}")
# In the word list, but in a complaint about a child almost always a person.
ALWAYS_NAMES = set(
    "Alex Amir Aria Ava Billy Bobby Bonnie Bradley Brogan Colleen Daisy Derrick Florin Harry "
    "Heather Hector Iris Jasmine Jimmy John Josh Lily Lorraine Maria Marion Martin Mason Maxim "
    "Meg Mike Noel Patty Peter Phoebe Poppy Roger Sally Terry Tom Tony Trinity Victor "
    "Willow".split()
)


def _read(name: str) -> set[str]:
    path = HERE / name
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {s.strip() for s in lines if s.strip() and not s.startswith("#")}


def _faker(attributes: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in attributes:
            out |= {unidecode(n) for n in getattr(provider, attribute, ())}
    return {n for n in out if SHAPE.fullmatch(n)}


def _write(name: str, header: str, names: set[str]) -> None:
    text = header + "".join(f"{n}\n" for n in sorted(names))
    (HERE / name).write_text(text, encoding="utf-8")


def main() -> None:
    lower_words = {w for w in WORDS.read_text(encoding="utf-8").split() if w.islower()}
    places = _read("place_names.txt")
    acronyms = {a.title() for a in _read("acronyms.txt")}
    given = _read("given_names.txt") | _read("ambiguous_names.txt")
    given |= _faker(("first_names", "first_names_male", "first_names_female"))
    word_like = {n for n in given if n.lower() in lower_words or n in places or n in acronyms}
    ambiguous = (word_like | _read("ambiguous_names.txt")) - ALWAYS_NAMES
    surnames = _faker(("last_names",)) - given
    _write(
        "given_names.txt",
        "# Given names that are no ordinary word: found in any case.\n"
        "# Built by build_name_lists.py.\n",
        given - ambiguous,
    )
    _write(
        "ambiguous_names.txt",
        "# Given names that are also words, months or places: found only where the sentence\n"
        "# makes them a person. Built by build_name_lists.py.\n",
        ambiguous,
    )
    _write(
        "surnames.txt",
        '# Family names: after a given name, or in "the Kowalski family". Built by\n'
        "# build_name_lists.py.\n",
        {s for s in surnames if s.lower() not in lower_words},
    )


if __name__ == "__main__":
    main()
