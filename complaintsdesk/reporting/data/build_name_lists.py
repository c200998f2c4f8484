"""Rebuild the name lists the personal-data checker reads. A maintainer's tool, run by hand:

    .venv/bin/python complaintsdesk/reporting/data/build_name_lists.py

Sources: the names kept by hand in extra_given_names.txt, Faker's person lists
(a runtime dependency already; several locales, because the council's children carry names
from many of them) and Debian's `wbritish` word list (`apt-get install wbritish`), which says which
names are also ordinary lower-case English words. Output, one name a line:

- given_names.txt: common names that are no ordinary word, found in any case ("keira");
- other_given_names.txt: less common names (other languages, the US census list), found
  capitalised, in capitals, or in lower case from five letters ("Bartosz", "bartosz");
- ambiguous_names.txt: names that are also words or places ("Grace", "Jack", "Devon"),
  found only where the sentence makes them a person;
- surnames.txt, word_surnames.txt: family names, found after a title or a given name; those
  that are no ordinary word also as "the kowalski family".
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from unidecode import unidecode

HERE = Path(__file__).resolve().parent
WORDS = Path("/usr/share/dict/british-english")
# Names common among the council's children: English-language lists, found in any case.
COMMON_LOCALES = "en_GB en_IE en_US en_NZ en_IN en_PK en_NG en_KE ga_IE cy_GB".split()
ENGLISH_LOCALES = "en_GB en_IE en_US en_NZ".split()
# A wider pool: the US census list and the languages most spoken in UK homes after English.
OTHER_LOCALES = [
    *("en pl_PL ro_RO lt_LT lv_LV sk_SK cs_CZ hu_HU bg_BG pt_PT pt_BR es_ES it_IT".split()),
    *("fr_FR de_DE tr_TR yo_NG ha_NG tw_GH zu_ZA fil_PH sq_AL hr_HR nl_NL".split()),
]
SHAPE = re.compile(r"[A-Z][a-z]{2,}")
# In the word list, but in a complaint about a child almost always a person.
ALWAYS_NAMES = set(
    "Alex Amir Aria Ava Billy Bobby Bonnie Bradley Brogan Colleen Daisy Derrick Florin Harry "
    "Heather Hector Iris Jasmine Jimmy John Josh Lily Lorraine Maria Marion Martin Mason Maxim "
    "Meg Mike Noel Patty Peter Phoebe Poppy Roger Sally Terry Tom Tony Trinity Victor "
    "Willow".split()
)
# Short names that are also abbreviations or particles in prose ("dev", "mac", "ibn").
WORD_LIKE = set(
    "Awj Che Dev Ibn Ica Ide Iwo Jac Jad Lut Mac Nae Oni Tui Yar Yug Ati Efa Ita Ina Ira"
    " Ida Una Tai Sai Rex Ari Adi Avi Lia".split()
)


def _read(name: str) -> set[str]:
    path = HERE / name
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {s.strip() for s in lines if s.strip() and not s.startswith("#")}


def _faker(attributes: tuple[str, ...], locales: list[str]) -> set[str]:
    out: set[str] = set()
    for locale in locales:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ModuleNotFoundError:
            continue
        for attribute in attributes:
            names = getattr(provider, attribute, ())
            if isinstance(names, (dict, list, tuple, set, frozenset)):
                out |= {unidecode(n) for n in names}
    return {n for n in out if SHAPE.fullmatch(n)}


def _write(name: str, header: str, names: set[str]) -> None:
    text = header + "".join(f"{n}\n" for n in sorted(names))
    (HERE / name).write_text(text, encoding="utf-8")


def main() -> None:
    lower_words = {w for w in WORDS.read_text(encoding="utf-8").split() if w.islower()}
    places = _read("place_names.txt")
    acronyms = {a.title() for a in _read("acronyms.txt")}
    first = ("first_names", "first_names_male", "first_names_female")
    given = _read("extra_given_names.txt")
    given |= _faker(first, COMMON_LOCALES)
    word_like = {n for n in given if n.lower() in lower_words or n in places or n in acronyms}
    # A word is kept as an ambiguous name only if English speakers give it ("Grace"), not as a
    # transliteration that happens to spell a word ("Sad", "Forum").
    english = _read("extra_given_names.txt") | _faker(first, ENGLISH_LOCALES)
    given -= word_like - english
    ambiguous = ((word_like & english) | (WORD_LIKE & given)) - ALWAYS_NAMES
    # Rare names that are also words ("Council", "Hall") are left out, not made ambiguous.
    other = {
        n
        for n in _faker(first, OTHER_LOCALES)
        if n not in given and n.lower() not in lower_words and n not in places | acronyms
    }
    surnames = _faker(("last_names",), COMMON_LOCALES + OTHER_LOCALES) - given - other
    _write(
        "given_names.txt",
        "# Given names that are no ordinary word: found in any case.\n"
        "# Built by build_name_lists.py.\n",
        given - ambiguous,
    )
    _write(
        "other_given_names.txt",
        "# Given names less common here (other languages, the US census list): found when\n"
        "# capitalised, in capitals, or in lower case from five letters. Built by\n"
        "# build_name_lists.py.\n",
        other,
    )
    _write(
        "ambiguous_names.txt",
        "# Given names that are also words, months or places: found only where the sentence\n"
        "# makes them a person. Built by build_name_lists.py.\n",
        ambiguous,
    )
    _write(
        "surnames.txt",
        "# Family names that are no ordinary word: after a title or a given name, or in\n"
        '# "the kowalski family" in any case. Built by build_name_lists.py.\n',
        {s for s in surnames if s.lower() not in lower_words},
    )
    _write(
        "word_surnames.txt",
        "# Family names that are also words (Smith, Baker, Foster): after a title or a given\n"
        "# name only. Built by build_name_lists.py.\n",
        {s for s in surnames if s.lower() in lower_words},
    )


if __name__ == "__main__":
    main()
