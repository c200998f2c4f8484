"""Invented complainants and children (Faker, en_GB, seeded): personal data kept in the
personal fields only, never in free text.

A drawn name whose words also occur in the demo's free text ("Young", "May", "Hall") is
drawn again, so a test can check that no name of a demo person appears in any text.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import Any

from faker import Faker

from complaintsdesk.demo import text

SEED = 20240331


def faker_create() -> Faker:
    fake = Faker("en_GB")
    fake.seed_instance(SEED)
    return fake


def _text_words() -> frozenset[str]:
    words: set[str] = set()
    for value in vars(text).values():
        for s in _strings(value):
            words.update(w.lower() for w in re.findall(r"[A-Za-z']+", s))
    return frozenset(words)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (tuple, list)):
        return [s for v in value for s in _strings(v)]
    return []


TEXT_WORDS = _text_words()


class People:
    def __init__(self, fake: Faker, rng: random.Random) -> None:
        self.fake = fake
        self.rng = rng

    def name_part(self, draw: Any) -> str:
        while True:
            part = str(draw())
            if part.lower() not in TEXT_WORDS and part.isalpha():
                return part

    def complainant(self) -> dict[str, Any]:
        first, last = self.name_part(self.fake.first_name), self.name_part(self.fake.last_name)
        return {
            "complainant_name": f"{first} {last}",
            "complainant_email": f"{first}.{last}{self.rng.randint(1, 99)}@example.com".lower(),
            "complainant_phone": f"07700 900{self.rng.randint(0, 999):03d}",  # Ofcom drama range
            "complainant_address": self.fake.address(),
        }

    def children(
        self, *, received: date, surname_from: str, n: int, in_care: bool
    ) -> list[dict[str, Any]]:
        surname = surname_from.split()[-1]
        out = []
        for _ in range(n):
            # Ages 1 to 17 on the day the complaint came in; not Faker's, which reads the clock.
            born = received - timedelta(days=self.rng.randint(365, 17 * 365))
            out.append(
                {
                    "name": f"{self.name_part(self.fake.first_name)} {surname}",
                    "date_of_birth": born,
                    "in_care": in_care,
                    "case_system_id": f"LCS{self.rng.randint(100000, 999999)}",
                }
            )
        return out
