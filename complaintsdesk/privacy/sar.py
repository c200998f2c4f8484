"""What the system holds about a person, for a subject access request, and the marking of
other people's personal data in it for a person to review before release.

Everything is read through `cases_visible_to`: a case the handler may not see is counted,
not listed, so a restricted case is never disclosed by someone who could not open it (the
page says how many to ask the complaints manager about).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from complaintsdesk.cases.access import cases_visible_to
from complaintsdesk.cases.models import (
    Appointment,
    Case,
    CasePerson,
    Child,
    DataBreach,
    Document,
    LgscoCase,
    Note,
    Stage,
)
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.correspondence.models import Correspondence
from complaintsdesk.people.models import Person
from complaintsdesk.privacy.sar_correspondence import HeldMessage, messages_held, sender_parts
from complaintsdesk.reporting.privacy import text_findings

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr"}
VIEW_KINDS = ("case.viewed", "document.downloaded", "report.records_viewed")


@dataclass
class CaseHolding:
    case: Case
    roles: list[str]
    stages: list[Stage]
    notes: list[Note]
    children: list[Child]
    documents: list[Document]
    lgsco: list[LgscoCase]
    breaches: list[DataBreach]
    others: list[CasePerson]  # everyone else on the case: third parties
    correspondence: list[HeldMessage]  # letters and emails, each theirs or marked for review


@dataclass
class Holdings:
    person: Person
    subject_ids: set[int]
    cases: list[CaseHolding]
    hidden: int  # cases of theirs the handler may not see
    views: list[AuditEvent]  # who read their records
    person_events: list[AuditEvent]

    @property
    def references(self) -> list[str]:
        return [h.case.reference for h in self.cases]

    @property
    def documents(self) -> list[Document]:
        return [d for h in self.cases for d in h.documents]

    @property
    def correspondence(self) -> list[HeldMessage]:
        return [m for h in self.cases for m in h.correspondence]


def person_holdings(*, user: Any, person: Person) -> Holdings:
    """Every record about `person` (and records merged into theirs) the handler may see."""
    subject_ids = {
        person.pk,
        *Person.objects.filter(merged_into=person).values_list("pk", flat=True),
    }
    links = CasePerson.objects.filter(person_id__in=subject_ids)
    all_case_ids = set(links.values_list("case_id", flat=True))
    cases = (
        cases_visible_to(user)
        .filter(pk__in=all_case_ids)
        .select_related("service_area", "team")
        .prefetch_related(
            Prefetch(
                "stages",
                Stage.objects.prefetch_related(
                    Prefetch("appointments", Appointment.objects.select_related("user"))
                ),
            ),
            Prefetch("notes", Note.objects.select_related("author").order_by("at")),
            "children",
            Prefetch("documents", Document.objects.order_by("at", "id")),
            "lgsco_cases",
            "data_breaches",
            Prefetch("person_links", CasePerson.objects.select_related("person")),
            Prefetch(
                "correspondence",
                Correspondence.objects.prefetch_related(
                    Prefetch("documents", Document.objects.order_by("at", "id"))
                ).order_by("at", "id"),
            ),
        )
        .order_by("received", "id")
    )
    own_emails = set(
        Person.objects.filter(pk__in=subject_ids).exclude(email="").values_list("email", flat=True)
    )
    holdings = []
    for case in cases:
        own = [link for link in case.person_links.all() if link.person_id in subject_ids]
        complainant = any(link.role == "complainant" for link in own)
        holdings.append(
            CaseHolding(
                case=case,
                roles=sorted({link.get_role_display() for link in own}),
                stages=list(case.stages.all()),
                notes=list(case.notes.all()),
                children=list(case.children.all()),
                documents=list(case.documents.all()),
                lgsco=list(case.lgsco_cases.all()),
                breaches=list(case.data_breaches.all()),
                others=[
                    link for link in case.person_links.all() if link.person_id not in subject_ids
                ],
                correspondence=messages_held(
                    case.correspondence.all(),
                    # The address the case was logged with is theirs too (it may be older).
                    own_emails=own_emails | ({case.complainant_email} if complainant else set()),
                    complainant=complainant,
                ),
            )
        )
    references = [h.case.reference for h in holdings]
    views = list(
        AuditEvent.objects.filter(case_reference__in=references, kind__in=VIEW_KINDS)
        .select_related("actor")
        .order_by("at", "id")
    )
    person_events = list(
        AuditEvent.objects.filter(object_type="person", object_id__in=[str(i) for i in subject_ids])
        .select_related("actor")
        .order_by("at", "id")
    )
    return Holdings(
        person=person,
        subject_ids=subject_ids,
        cases=holdings,
        hidden=len(all_case_ids) - len(holdings),
        views=views,
        person_events=person_events,
    )


# --- marking third parties' personal data --------------------------------------------------


@dataclass(frozen=True)
class Redaction:
    number: int
    where: str  # "COM/12 note 3", "COM/12 complainant email"
    kind: str
    text: str


@dataclass
class Marker:
    """Marks other people's personal data in the bundle's text: details of everyone else on
    the person's cases, and whatever the personal-data check finds that is not the person's
    own. Every mark is numbered and listed (redactions.csv) for a person to decide on."""

    own: set[str]
    others: list[str]
    redactions: list[Redaction] = field(default_factory=list)

    @classmethod
    def for_holdings(cls, holdings: Holdings) -> Marker:
        own: set[str] = set()
        subjects = Person.objects.filter(pk__in=holdings.subject_ids)
        for p in subjects:
            own |= _terms(p.name, p.email, p.phone, *_address_parts(p.address))
        for h in holdings.cases:
            if "Complainant" in h.roles:
                c = h.case
                own |= _terms(
                    c.complainant_name,
                    c.complainant_email,
                    c.complainant_phone,
                    *_address_parts(c.complainant_address),
                )
        others: set[str] = set()
        for h in holdings.cases:
            for link in h.others:
                p = link.person
                others |= _terms(p.name, p.email, p.phone)
            if "Complainant" not in h.roles:
                c = h.case
                others |= _terms(c.complainant_name, c.complainant_email, c.complainant_phone)
            for child in h.children:
                if child.person_id not in holdings.subject_ids:
                    others |= _terms(child.name)
            for stage in h.stages:
                for a in stage.appointments.all():
                    if a.user_id is None:
                        others |= _terms(a.name)
            for held in h.correspondence:  # who wrote in about them, named elsewhere too
                if not held.theirs and held.item.direction == "in":
                    others |= _terms(*sender_parts(held.item.sender))
        # Longest first, so "Sam Smith" is marked whole before "Sam".
        return cls(own=own, others=sorted(others - own, key=len, reverse=True))

    def _is_own(self, found: str) -> bool:
        """The person's own details: one of them, or words all from their own names
        ("Priya" or "Ms Shah" for Priya Shah; not "Leo Shah")."""
        folded = " ".join(found.split()).casefold()
        if folded in self.own or any(own in folded for own in self.own if len(own) > 3):
            return True
        words = set(re.findall(r"\w+", folded)) - TITLES
        own_words = {w for own in self.own for w in re.findall(r"\w+", own)}
        return bool(words) and words <= own_words

    def _add(self, where: str, kind: str, text: str) -> int:
        number = len(self.redactions) + 1
        self.redactions.append(Redaction(number, where, kind, text))
        return number

    def whole(self, value: str, where: str, kind: str) -> SafeString:
        """A field that is all third-party data (another complainant's email)."""
        if not value:
            return mark_safe("")
        n = self._add(where, kind, value)
        return mark_safe(f'<mark data-redact="{n}">{escape(value)}</mark><sup>[{n}]</sup>')

    def text(self, value: str, where: str) -> SafeString:
        """Free text with each piece of someone else's personal data marked."""
        if not value:
            return mark_safe("")
        spans: list[tuple[int, int, str]] = []
        for term in self.others:
            pattern = r"\s+".join(re.escape(word) for word in term.split())
            for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", value, re.IGNORECASE):
                spans.append((m.start(), m.end(), "known third party"))
        for finding in text_findings(value):
            if not self._is_own(finding.text):
                spans.append((finding.start, finding.end, finding.label))
        chosen: list[tuple[int, int, str]] = []
        for start, end, kind in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
            if all(end <= s or start >= e for s, e, _ in chosen):
                chosen.append((start, end, kind))
        out: list[str] = []
        last = 0
        for start, end, kind in sorted(chosen):
            out.append(escape(value[last:start]))
            n = self._add(where, kind, value[start:end])
            out.append(f'<mark data-redact="{n}">{escape(value[start:end])}</mark><sup>[{n}]</sup>')
            last = end
        out.append(escape(value[last:]))
        return mark_safe("".join(out))


def _address_parts(address: str) -> list[str]:
    """An address's lines and comma-separated parts, so "4 Mill Lane" alone is known."""
    return [part for line in address.splitlines() for part in (line, *line.split(","))]


def _terms(*values: str) -> set[str]:
    return {" ".join(v.split()).casefold() for v in values if v and len(v.strip()) > 2}
