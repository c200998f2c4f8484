"""The letters and emails of a subject access request: each one on the person's cases, and
whether it is theirs.

An email that came in from the person (its sender is one of their own addresses) and a
letter or email sent to them are theirs. Anything else (a message from a neighbour, a school,
an advocate; a letter to the complainant when the person is the child) is someone else's
correspondence about them: the bundle marks it whole for the reviewer, as it marks other
people's details, and nothing is released before that review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import getaddresses

from complaintsdesk.correspondence.models import Correspondence


@dataclass(frozen=True)
class HeldMessage:
    item: Correspondence
    theirs: bool  # from the person, or sent to them; else marked for review


def addresses(value: str) -> set[str]:
    """The email addresses in a From or To value ("Priya <p@x.org>, q@y.org"), folded."""
    return {address.casefold() for _, address in getaddresses([value]) if "@" in address}


def sender_parts(value: str) -> list[str]:
    """The names and addresses in a From value, to find them elsewhere in the bundle."""
    return [part for pair in getaddresses([value]) for part in pair if part]


def messages_held(
    items: Iterable[Correspondence], *, own_emails: set[str], complainant: bool
) -> list[HeldMessage]:
    """`items` of one case, each with whether it is the person's own. `complainant`: the
    person is this case's complainant, to whom its letters go (a PDF or Word letter names no
    address; an email or Notify letter was sent to the complainant's then details)."""
    own = {e.casefold() for e in own_emails if e}
    held = []
    for item in items:
        if item.direction == "in":
            theirs = bool(addresses(item.sender) & own)
        else:  # the case's letters go to its complainant
            theirs = complainant or bool(addresses(item.recipient) & own)
        held.append(HeldMessage(item, theirs))
    return held
