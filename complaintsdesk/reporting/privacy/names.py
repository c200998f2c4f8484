"""People's names, in any case: "Keira", "keira", "KEIRA", "Mrs Smith-Jones", "mrs o'brien".

A word is a name when:
- it is on the list of given names that are no ordinary word, in any case; in capitals only
  if it is no abbreviation the service uses ("ELSA", "CHAD");
- it is on the list of names that are also words or places ("Grace", "Jack", "Devon") and the
  sentence makes it a person: a possessive ("Grace's"), a relation before it ("her son
  Jack"), or a verb of a person after it ("Jack said"). Months stay months ("May was"); in
  lower case only before such a verb, with no article before it, and never for words prose
  uses every day ("that jack had gone", not "that summer had been hard");
- it is not part of the name of a school, charity, street or village ("St Mary's Primary",
  "Julia's House", "Milton Abbas");
- it follows a title ("Mrs Smith", "dr patel", "Ms de Souza"; single letters are the
  Ombudsman's own anonymisation, "Mrs X"), or a relation ("her son Tobiah"), or reads "the
  Kowalski family";
- a name that is also a word is followed by a surname ("Will Bishop"), unless the surname is
  also a place word ("Rose Hill", "Summer Fair");
- dotted initials come before a surname ("J. R. Patel"), or a word before Kaur or Singh
  ("harpreet kaur"), whatever the lists hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from complaintsdesk.reporting.privacy.lists import folded

Span = tuple[str, int, int]

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+(?:['’][A-Za-z]+)*)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_LETTERS = re.compile(r"[a-z]+")
_POSSESSIVE_ENDINGS = frozenset({"'s", "’s", "'S", "’S"})
_MONTHS = frozenset("april may june august".split())
# Names that are everyday words in lower case: never a name unless capitalised.
_PROSE_WORDS = frozenset(
    "summer autumn winter spring amber ruby jade ivy holly hazel rose violet grace hope joy"
    " faith patience charity will mark bill frank guy pat sue rich ray max chase grant hunter"
    " dawn eve art gene don drew earl glen sky star sunny river rob robin penny pearl crystal"
    " angel brook dale lance victoria christian forum sandy misty destiny harmony melody"
    " blessing comfort peace lucky trinity page abbey bob diamond ebony jan kit olive pierce"
    " raven rosemary sherry brandy tanner warren cooper archer piper".split()
)
_DETERMINERS = frozenset(
    "the a an this these those his her their my our your its last next every each some any"
    " no one".split()
)
_RELATION = re.compile(
    r"\b(?:son|daughter|child|grandson|granddaughter|stepson|stepdaughter|brother|sister"
    r"|sibling|twin|niece|nephew|cousin|mother|father|mum|dad|aunt|auntie|uncle|grandmother"
    r"|grandfather|nan|nana|grandma|grandad|stepfather|stepmother|partner|boyfriend"
    r"|girlfriend|baby|boy|girl|toddler|pupil|carer|foster\s+carer|called|named|known\s+as"
    r"|young\s+person)[\s,]+$",
    re.IGNORECASE,
)
_AFTER_RELATION = re.compile(
    r"\b(?:son|daughter|child|grandson|granddaughter|stepson|stepdaughter|brother|sister"
    r"|sibling|twin|niece|nephew|cousin|baby|boy|girl|toddler|pupil|called|named|known\s+as"
    r"|young\s+person)[\s,]+([A-Z][A-Za-z]+)"
)
_PERSON_VERB = re.compile(
    r"^[\s,]+(?:said|says|told|tells|was|is|has|had|felt|feels|wanted|wants|asked|moved"
    r"|went|attended|attends|lives|lived|stayed|started|missed|spoke|disclosed|reported"
    r"|explained|became|returned|refused|ran|ate|cried|and\s+(?:her|his)|who|herself|himself"
    r"|did|does|could|would|should|will|can|cannot|needs|needed|agreed|complained)\b",
    re.IGNORECASE,
)
# The titles again, case-sensitive classes: scans far faster than the pattern below.
_TITLE_HINT = re.compile(
    r"\b(?:[Mm][RrSsXx][Ss]?|[Dd][Rr]|[Pp][Rr][Oo][Ff]|[Mm][Ii][Ss][Ss]|[Mm][Aa][Ss][Tt][Ee][Rr])\b"
)
_TITLED = re.compile(
    r"\b(mr|mrs|ms|miss|mx|dr|prof|master)\b\.?\s+((?:[a-z]\.?\s+){0,2})"
    r"((?:[A-Za-z]['’])?[A-Za-z]+(?:-[A-Za-z]+)*(?:['’]s)?)(?:\s+((?-i:[A-Z][a-z]+(?:-[A-Z][a-z]+)*)))?(?![\w'’])",
    re.IGNORECASE,
)
# Surnames that are also words for a place, an event or a time: after a name that is also a
# word ("Rose Hill", "Summer Fair", "Holly Bank") they make a place, not a person.
_PLACE_ELEMENTS = frozenset(
    "Hill Hills Fair Green Wood Woods Field Vale Dale Ford Marsh Moor Heath Mill Mills Cross"
    " Gate Bank Cliff Down Downs Meadow Meadows Valley Market Festival Day Week Camp Garden"
    " Common Row Square Terrace Grove Rise Mount End Side Water Bay Beach Island Forest Chase"
    " Brook Well Wells Croft Orchard Acre Acres Lea Leigh Mead Combe Hurst Tree Trees Term"
    " Terms Holiday Holidays Season".split()
)
_SURNAME_THEN_SPEECH = re.compile(
    r"\s+([A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*),?\s+(?:said|says|told|tells|felt|feels|wanted"
    r"|wants|asked|disclosed|explained|cried|complained|agreed|refused|spoke)\b"
)
# Lower-case parts of surnames, written after a title: "Ms de Souza", "Mr van Dijk".
_PARTICLES = frozenset("de da di du del della der den van von le la dos das ter ten".split())
_PARTICLED_SURNAME = re.compile(
    rf"(?:\s+(?i:{'|'.join(_PARTICLES)}))*\s+([A-Za-z][a-z]+(?:['’-][A-Za-z]?[a-z]+)*)"
)
# Initials then a surname: "J. R. Patel", "A.B. Smith-Jones".
_INITIALLED = re.compile(
    r"(?<![\w.])((?:[A-Z]\.\s?){1,3})([A-Z][a-z]+(?:['’][A-Z][a-z]+)?(?:-[A-Z][a-z]+)*)\b"
)
# "harpreet kaur", "Arjun Singh": Sikh names, whatever the given name before them.
_SIKH_NAME = re.compile(r"\b([A-Za-z]{3,})\s+(?:kaur|singh)\b(?!\s+sabha)", re.IGNORECASE)
# Honorifics in the names of gurdwaras and their founders ("Sri Guru Singh Sabha"), and
# articles ("the Singh family" is the family rule's).
_NOT_BEFORE_KAUR = frozenset("guru sri shri sant baba the a an his her their".split())
# The next capitalised word, skipping one: "Julia's House", "Anna Freud Centre".
_NEXT_WORD = re.compile(r"(?:\s+[A-Z][a-z]+)?\s+([A-Z][a-z]+)")
_ORGANISATION_NOUNS = frozenset(
    "House Trust Centre Center Hospice Foundation Fund Award Awards School Academy College"
    " Primary Infants Juniors Nursery Hospital Ward Unit Road Street Lane Avenue Close Court"
    " Park Hall Lodge Project Programme Church Chapel Surgery Practice Club Place Way Gardens"
    " Green Library Team Service Hub Campus Review Memorial Children's Home Homes Institute"
    " University Bridge Cottage Farm Fields Estate Pathway Charity Society".split()
)
_PLACE_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
_SAINTS = ("Saint", "St", "San", "Santa", "Sainte")
_SAINT = re.compile(r"\b(?:St|Saint|Queen|King|Prince|Princess|Lady|Baby)\.?\s+$")
# "the Kowalski family", not "the Christian Family Support Network" or "the family hub".
_FAMILY = re.compile(
    r"\bthe\s+([A-Za-z]+(?:-[A-Za-z]+)*)\s+(?-i:family|FAMILY)\b(?!\s+(?:model|hub|hubs|support"
    r"|group|help|court|centre|home|room|worker|workers|service|network|approach|programme"
    r"|project|team|plan|meeting|conference|time|day|unit)\b)",
    re.IGNORECASE,
)
_NOT_SURNAME = frozenset(
    "and or the a an of to in on at for by with from was is has had said also who whose her"
    " his their they she he it as but not no were are asked told did does will would could"
    " should may might must can men women people".split()
)
# "MS Teams", "MS diagnosis": Ms in capitals or lower case is seldom a title before these.
_NOT_AFTER_MS = frozenset(
    "teams forms word excel office outlook sharepoint access project powerpoint onenote"
    " planner bookings diagnosis".split()
)
# Capitalised words that follow "child" or "young person" in prose about services.
_SERVICE_WORDS = frozenset(
    "ofsted council services service protection care plan team school court panel police"
    " health education social early help family children young advocacy independent virtual"
    " youth justice local authority the a an in on at for to with from by and but or if when"
    " while after before during this that these those who which we they".split()
)
_NOT_FAMILY = frozenset(
    "foster birth host adoptive extended wider whole connected kinship troubled supporting"
    " same new other child's young immediate nuclear receiving placing".split()
)


def _acronyms() -> frozenset[str]:
    return folded("acronyms.txt")


@cache
def _any_surname() -> frozenset[str]:
    return folded("surnames.txt") | folded("word_surnames.txt")


@cache
def _could_be_a_name() -> frozenset[str]:
    """Every word the rules below may take as a name on its own (surnames count only after
    a title or a given name, or double-barrelled): one lookup rules out most words."""
    lists = ("given_names.txt", "other_given_names.txt", "ambiguous_names.txt")
    return frozenset().union(*(folded(f) for f in lists))


@cache
def _any_name_part() -> frozenset[str]:
    """Any given name or surname: what each part of a double-barrelled name must be."""
    return _any_surname() | _could_be_a_name()


def _written_as_a_name(word: str) -> bool:
    """ "Keira", "keira", "KEIRA", but not "TeX" or "QuerySet"."""
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


def _in_capitals_run(text: str, start: int, end: int) -> bool:
    """A word in capitals among words in capitals ("AMELIA WAS MOVED"), not an
    abbreviation in ordinary text ("the IBAN")."""
    before = re.findall(r"[A-Za-z]{2,}", text[max(0, start - 20) : start])[-1:]
    after = re.findall(r"[A-Za-z]{2,}", text[end : end + 20])[:1]
    return any(w.isupper() for w in before + after)


def _distinctive(word: str) -> bool:
    key = word.casefold()
    if key in folded("given_names.txt"):
        return True
    # Less common names: capitalised, in capitals, or in lower case from five letters.
    return key in folded("other_given_names.txt") and not (word.islower() and len(word) < 5)


def _is_name(word: str) -> bool:
    parts = word.split("-")
    if not all(_written_as_a_name(p) for p in parts):
        return False
    if len(parts) == 1:
        return _distinctive(word)
    if word.islower():
        # "ellie-mae", not "vice-versa" or "follow-up": one part a common given name, and
        # every part a name.
        return any(p in folded("given_names.txt") for p in parts) and all(
            p in _any_name_part() for p in parts
        )
    if not all(p[0].isupper() and len(p) > 1 for p in parts) or parts[0] in _SAINTS:
        return False  # "Saint-Martin", "Stratford-upon-Avon", "A-labels"
    # "Ellie-Mae": one part a given name. "Smith-Jones": a double-barrelled surname, every
    # part a surname and one no ordinary word (not "Home-Page").
    if any(_distinctive(p) for p in parts):
        return True
    keys = [p.casefold() for p in parts]
    return all(k in _any_surname() for k in keys) and any(k in folded("surnames.txt") for k in keys)


def _name_here(text: str, word: str, start: int, end: int) -> bool:
    if not _is_name(word):
        return False
    if word.isupper():
        parts = word.split("-")
        if word.casefold() in _acronyms() or min(len(p) for p in parts) < 3:
            return False  # "ELSA", "CS-POL"
        # Capitals alone in ordinary text are mostly abbreviations ("CONN", "SIL").
        possessive = text[end : end + 2].casefold() in ("'s", "’s")
        longest = max(len(p) for p in parts)
        return longest >= 5 or possessive or _in_capitals_run(text, start, end)
    return True


def _ambiguous_person(text: str, word: str, start: int, end: int, possessive: bool) -> bool:
    key = word.casefold()
    if key not in folded("ambiguous_names.txt"):
        return False
    if word.islower():
        return _lower_case_person(text, key, start, end)
    if possessive:
        return True
    if key in _MONTHS:
        return False
    relation = _RELATION.search(text[max(0, start - 30) : start])
    if relation and relation.group().islower():
        return True
    if _PERSON_VERB.match(text[end : end + 30]):
        return True
    # "Holly Kowalczyk said": a surname on no list, then what only a person does.
    surname = _SURNAME_THEN_SPEECH.match(text, end)
    return surname is not None and surname.group(1) not in _ORGANISATION_NOUNS | _PLACE_ELEMENTS


def _lower_case_person(text: str, key: str, start: int, end: int) -> bool:
    """ "heard that jack had gone", but not "that summer had been hard" nor "the will was":
    a verb of a person after it, no article before it, and no word prose uses every day."""
    if key in _PROSE_WORDS or key in _MONTHS or len(key) < 4:
        return False
    before = text[max(0, start - 12) : start].split()
    if before and before[-1].casefold() in _DETERMINERS:
        return False
    return bool(_PERSON_VERB.match(text[end : end + 30]))


def _ambiguous_before_surname(text: str, word: str, end: int, possessive: bool) -> bool:
    """ "Will Bishop", "Faith Brooks": a name that is also a word, capitalised, then a
    surname; not "Victoria Park", "Rose Court Children's Home" nor "May Green"."""
    if possessive or not (word[0].isupper() and word[1:].islower()):
        return False
    key = word.casefold()
    if key not in folded("ambiguous_names.txt") or key in _MONTHS:
        return False
    after = _surname_follows(text, end)
    if after == end:
        return False
    surname = text[end + 1 : after]
    if surname in _ORGANISATION_NOUNS or surname in _PLACE_ELEMENTS:
        return False
    return surname.casefold() not in _places_only()


def _surname_follows(text: str, end: int, *, any_case: bool = False) -> int:
    """The end of a surname right after a given name ("Keira Smith"), else `end`. In any case
    only a surname that is no ordinary word ("kaur sandhu", not "kaur said")."""
    m = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if not m:
        return end
    key = m.group().casefold()
    if any_case:
        return m.end() if key in folded("surnames.txt") else end
    return m.end() if m.group()[0].isupper() and key in _any_surname() else end


def _names_a_place(text: str, start: int, end: int) -> bool:
    """ "St Mary's Primary", "Julia's House", "the Martha Trust", "Milton Abbas": a name inside
    the name of a school, hospice, charity, street or village, which a report may print."""
    after = _NEXT_WORD.match(text, end)
    if after and after.group(1) in _ORGANISATION_NOUNS:
        return True
    before = text[max(0, start - 20) : start]
    place = _PLACE_BEFORE.search(before)
    if place and place.group(1).casefold() in _places_only():
        return True
    return bool(_SAINT.search(before))


@cache
def _places_only() -> frozenset[str]:
    """Places that are no given name English speakers use ("Milton", "Cerne", "Blandford")."""
    return folded("place_names.txt") - folded("extra_given_names.txt")


def _find_words(text: str) -> Iterator[Span]:
    candidates = _could_be_a_name()
    # One pass in C over the words first: most sentences hold no word on any list.
    if "-" not in text and candidates.isdisjoint(_LETTERS.findall(text.casefold())):
        return
    for m in _WORD.finditer(text):
        for word, start in _words_and_dashed_parts(m.group(), m.start()):
            possessive = word[-2:] in _POSSESSIVE_ENDINGS
            base = word[:-2] if possessive else word
            if "-" not in base and base.casefold() not in candidates:
                continue
            end = start + len(base)
            if not (
                _name_here(text, base, start, end)
                or _ambiguous_person(text, base, start, end, possessive)
                or _ambiguous_before_surname(text, base, end, possessive)
            ):
                continue
            if not _names_a_place(text, start, start + len(word)):
                yield "name", start, _surname_follows(text, end)


def _words_and_dashed_parts(word: str, start: int) -> Iterator[tuple[str, int]]:
    """The word; if it is hyphenated but no name, each capitalised part: a dash written
    without spaces ("Olivia—who is 12") reads as a hyphen once normalised."""
    yield word, start
    if "-" in word and not _is_name(word.removesuffix("'s").removesuffix("’s")):
        for part in word.split("-"):
            if part[:1].isupper():  # not "smith-jones" in lower case: that is one surname
                yield part, start
            start += len(part) + 1


def _find_after_relations(text: str) -> Iterator[Span]:
    """ "her son Tobiah": a name on no list, told by the relation before it. Not "Child
    Protection" or "Parent Carer Forum": the relation is in lower case."""
    for m in _AFTER_RELATION.finditer(text):
        name = m.group(1)
        key = name.casefold()
        if _written_as_a_name(name) and not name.isupper() and key not in _NOT_SURNAME:
            if key not in folded("place_names.txt") and key not in _SERVICE_WORDS:
                yield "name", m.start(1), m.end(1)


def _known_surname(word: str) -> bool:
    key = word.casefold()
    return "'" in word or "’" in word or "-" in word or key in _any_surname() or _distinctive(word)


def _find_titled(text: str) -> Iterator[Span]:
    if not _TITLE_HINT.search(text):
        return
    for m in _TITLED.finditer(text):
        title, initials, surname = m.group(1), m.group(2), m.group(3)
        surname = surname[:-2] if _POSSESSIVE.search(surname) else surname
        if surname.casefold() in _PARTICLES:
            # "Ms de Souza", "Mr van der Berg": particles, then a capitalised surname.
            rest = _PARTICLED_SURNAME.match(text, m.start(3) + len(surname))
            # Capitalised, or after "mr", "mrs" or "mx", titles whatever follows: not "Ms de
            # facto".
            if rest and (rest.group(1)[0].isupper() or title in ("mr", "mrs", "mx")):
                yield "title_name", m.start(), rest.end()
            continue
        if len(surname) < 2 or surname.casefold() in _NOT_SURNAME:
            continue  # "Mrs X", "Mr and Mrs Y": the Ombudsman's anonymised letters
        if title.isupper() and len(title) > 1 and not surname.isupper():
            continue  # "MS Windows", "DR Congo"
        if title.islower() or not surname[0].isupper():
            # "mrs hussain", "Mrs smith", "mr kowalczyk"; not "ms changes" nor "did not miss
            # deadlines".
            if initials and title[0].isupper():
                continue  # "Mrs A complained": an anonymised letter, then a verb
            if title.lower() in ("miss", "master"):
                continue
            # "mr" and "mrs" are titles whatever follows; "ms" and "dr" also read as MS
            # (Microsoft, the illness) and "drive", so they need a surname people carry.
            strict = initials or title.lower() not in ("mr", "mrs", "mx")
            if strict and not _known_surname(surname):
                continue  # "mrs b were told": an anonymised letter, then a verb
        if title.lower() == "ms" and surname.casefold() in _NOT_AFTER_MS:
            continue
        if title.lower() == "master" and not _is_name(surname):
            continue  # "Master Plan"
        end = m.end(4) if m.group(4) and surname[0].isupper() else m.start(3) + len(surname)
        yield "title_name", m.start(), end


def _find_families(text: str) -> Iterator[Span]:
    if "famil" not in text.lower():
        return
    for m in _FAMILY.finditer(text):
        name = m.group(1)
        key = name.casefold()
        if key in _NOT_FAMILY or key in _NOT_SURNAME:
            continue
        parts = key.split("-")
        double_barrelled = len(parts) > 1 and all(p in _any_name_part() for p in parts)
        if name[0].isupper() or key in folded("surnames.txt") or double_barrelled:
            yield "name", m.start(1), m.end(1)
        elif _is_name(name):
            yield "name", m.start(1), m.end(1)


def _find_initialled(text: str) -> Iterator[Span]:
    """ "J. R. Patel": dotted initials, then a surname. After one initial the surname must be
    no ordinary word ("Part A. Green" is a heading and a sentence)."""
    if "." not in text:
        return
    for m in _INITIALLED.finditer(text):
        initials, surname = m.group(1), m.group(2)
        parts = [p.casefold() for p in re.split(r"[-’']", surname) if p]
        known = folded("surnames.txt") if initials.count(".") == 1 else _any_surname()
        if any(p in known for p in parts) and not _names_a_place(text, m.start(), m.end()):
            yield "name", m.start(), m.end()


def _find_sikh_names(text: str) -> Iterator[Span]:
    lower = text.lower()
    if "kaur" not in lower and "singh" not in lower:
        return
    for m in _SIKH_NAME.finditer(text):
        before = m.group(1).casefold()
        if before not in _NOT_SURNAME and before not in _NOT_BEFORE_KAUR:
            # "kaur sandhu": a family name after Kaur or Singh, in any case.
            yield "name", m.start(1), _surname_follows(text, m.end(), any_case=True)


def find_names(text: str) -> Iterator[Span]:
    yield from _find_titled(text)
    yield from _find_initialled(text)
    yield from _find_sikh_names(text)
    yield from _find_words(text)
    yield from _find_after_relations(text)
    yield from _find_families(text)
