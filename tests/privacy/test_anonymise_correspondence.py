"""Anonymising a case (retention or erasure) blanks its letters and emails too: the words,
senders and recipients go; what kind, how and when stay. Another case's are untouched."""

from datetime import date

import pytest
from django.utils import timezone

from complaintsdesk.cases.models import CasePerson
from complaintsdesk.cases.services_anonymise import ANONYMISED_NOTE
from complaintsdesk.correspondence.models import Correspondence
from complaintsdesk.privacy.services import person_erase, retention_run
from tests.privacy.test_retention_job import TODAY, _closed_case

pytestmark = pytest.mark.django_db
WORDS = {"subject": "Re: my son", "body": "Mrs Old here: my number is 07700 900001."}


def _letters(case) -> list[Correspondence]:
    at = timezone.now()
    return [
        Correspondence.objects.create(
            case=case, direction="in", via="mailbox", at=at, sender="Mrs Old <old@example.com>",
            recipient="complaints@council.example", attachments_refused="son.exe: not allowed",
            **WORDS,
        ),
        Correspondence.objects.create(
            case=case, direction="out", kind="holding", via="email", at=at,
            recipient="old@example.com", **WORDS,
        ),
    ]  # fmt: skip


def _blanked(item: Correspondence) -> bool:
    item.refresh_from_db()
    words = (item.subject, item.body, item.sender, item.recipient, item.attachments_refused)
    return words == ("", ANONYMISED_NOTE, "", "", "")


@pytest.mark.parametrize("how", ["retention", "erasure"])
def test_anonymising_a_case_blanks_its_letters_and_emails(world, how):
    case = _closed_case(world)
    live = _closed_case(world, responded=date(2025, 1, 10))  # neither expired nor erased
    mine, others = _letters(case), _letters(live)
    if how == "retention":
        assert retention_run(today=TODAY).anonymised == [case.reference]
    else:
        person = CasePerson.objects.get(case=case, role="complainant").person
        person_erase(
            actor=world.users["manager"], person=person, received=TODAY, reason="Asked",
            confirmed=True,
        )  # fmt: skip
    assert all(_blanked(item) for item in mine)
    assert [(i.direction, i.via, i.kind) for i in mine] == [
        ("in", "mailbox", ""),
        ("out", "email", "holding"),
    ]
    for item in others:
        item.refresh_from_db()
        assert (item.subject, item.body) == (WORDS["subject"], WORDS["body"])
