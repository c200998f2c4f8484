"""The sweep's small council: the casework world (two teams, every role) plus records that
must stay hidden, each with a name found nowhere else, so a leak shows in any page's text.

`hidden` is a restricted Team A case naming only the manager; `other` is a Team B case (the
responder sees Team A only); `gone` was anonymised, so its complainant's name is shown to no
one. Each hidden case has a document, a piece of correspondence, a person, a legal hold, a
subject access request and a breach, so an id of theirs can be tried under a visible case's
address. `deleted` ids were real once.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from complaintsdesk.cases import services_documents, services_lgsco
from complaintsdesk.cases.models import Case, CasePerson, Learning
from complaintsdesk.cases.services_anonymise import cases_anonymise
from complaintsdesk.cases.services_learning import compliment_create
from complaintsdesk.correspondence.services import correspondence_record_sent
from complaintsdesk.deadlines.services import closure_day_add
from complaintsdesk.privacy.services import legal_hold_set
from complaintsdesk.privacy.services_breach import breach_record
from complaintsdesk.privacy.services_sar import sar_create
from tests.casework.conftest import PDF, add_case, build_world, make_user

LONDON = ZoneInfo("Europe/London")
HIDDEN_NAME = "Zebedee Hiddenhand"
HIDDEN_CHILD = "Yolanda Hiddenchild"
HIDDEN_SUMMARY = "Quixotic restricted grievance"
OTHER_NAME = "Ottoline Otherteam"
GONE_NAME = "Percival Erasedname"


def _person_of(case: Case):
    return CasePerson.objects.get(case=case, role="complainant").person


def _records_of(world: SimpleNamespace, case: Case, label: str) -> SimpleNamespace:
    manager = world.users["manager"]
    document = services_documents.document_upload(
        actor=manager, case=case, title=f"{label} letter", file=io.BytesIO(PDF), size=len(PDF)
    )
    letter = correspondence_record_sent(
        case=case,
        kind="acknowledgement",
        subject=f"{label} acknowledgement",
        body=f"Dear {label}",
        recipient="someone@example.org",
    )
    person = _person_of(case)
    hold = legal_hold_set(actor=manager, reason="A claim", case=case)
    sar = sar_create(
        actor=manager, person=person, received=date(2025, 6, 2), today=date(2025, 6, 10)
    )
    breach = breach_record(
        actor=manager,
        occurred=date(2025, 6, 1),
        aware_at=datetime(2025, 6, 2, 9, 0, tzinfo=LONDON),
        description=f"{label} breach",
        case=case,
    )
    return SimpleNamespace(
        case=case, document=document, letter=letter, person=person, hold=hold, sar=sar,
        breach=breach,
    )  # fmt: skip


def build_sweep_world() -> SimpleNamespace:
    world = build_world()
    officer, manager = world.users["officer"], world.users["manager"]
    world.users["nobody"] = make_user("nobody")  # signed in, in no role
    world.users["responder_b"] = make_user("responder_b", "Responding manager")
    world.team_b.members.add(world.users["responder_b"])

    hidden = add_case(
        officer,
        area=world.area,
        team=world.team_a,
        restricted=True,
        complainant_name=HIDDEN_NAME,
        summary=HIDDEN_SUMMARY,
        children=[{"name": HIDDEN_CHILD}],
    )
    hidden.restricted_to.add(manager)
    other = add_case(officer, area=world.area, team=world.team_b, complainant_name=OTHER_NAME)
    gone = add_case(officer, area=world.area, team=world.team_a, complainant_name=GONE_NAME)
    cases_anonymise(actor=None, case_ids=[gone.pk], why="retention", now=datetime.now(LONDON))

    world.front_records = _records_of(world, world.front, "Front")
    world.hidden_records = _records_of(world, hidden, "Hidden")
    world.other_records = _records_of(world, other, "Other")
    services_lgsco.lgsco_decision_record(
        actor=officer,
        lgsco=world.lgsco,
        decision="upheld",
        decided=date(2025, 6, 5),
        recommendations="Apologise",
        compliance_due=date(2025, 7, 1),
    )
    services_lgsco.lgsco_recommendation_add(
        actor=officer, lgsco=world.lgsco, kind="apology", due=date(2025, 7, 1)
    )
    world.compliment = compliment_create(
        actor=officer, received=date(2025, 5, 1), service_area=world.area, team=None,
        summary="Kind words",
    )  # fmt: skip
    closure_day_add(actor=None, day=date(2025, 12, 29), description="Christmas closure")

    # Ids that were real once: a case and a learning record made, then deleted.
    doomed = add_case(officer, area=world.area, team=world.team_a)
    world.deleted_reference = doomed.reference
    Case.objects.filter(pk=doomed.pk).delete()
    spare = Learning.objects.create(
        service_area=world.area, recorded=date(2025, 4, 1), learning="x", status="in_progress"
    )
    world.deleted_pk = spare.pk
    spare.delete()

    target = world.users["leader"]
    world.reset_uid = urlsafe_base64_encode(force_bytes(target.pk))
    world.reset_token = default_token_generator.make_token(target)

    for case in (hidden, other, gone):
        case.refresh_from_db()
    world.hidden, world.other, world.gone = hidden, other, gone
    world.user_model = get_user_model()
    return world
