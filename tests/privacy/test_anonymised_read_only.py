"""An anonymised case is read-only: every write service refuses it with one error and
changes nothing; the same call on the case before anonymising succeeds (so each row of the
table tests the guard, not some other refusal). A legal hold is not affected."""

import inspect
import io
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import models
from django.utils import timezone

from complaintsdesk.cases import (
    services,
    services_casework,
    services_documents,
    services_learning,
    services_lgsco,
    services_ownership,
    services_pause,
    services_people,
)
from complaintsdesk.cases.models import (
    Appointment,
    Case,
    CasePerson,
    Child,
    Document,
    Learning,
    LgscoCase,
    LgscoRecommendation,
    Note,
    Stage,
)
from complaintsdesk.cases.services_anonymise import cases_anonymise
from complaintsdesk.core.errors import CaseAnonymisedError
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.correspondence.mail import ParsedMail
from complaintsdesk.correspondence.models import Correspondence
from complaintsdesk.correspondence.services import letter_send
from complaintsdesk.correspondence.services_mail import mail_receive
from complaintsdesk.people.models import Person
from complaintsdesk.privacy.services import legal_hold_lift, legal_hold_set
from tests.casework.conftest import PDF, add_case

pytestmark = pytest.mark.django_db
ANONYMISED_ON = datetime(2031, 4, 1, 2, 15, tzinfo=timezone.get_default_timezone())
MESSAGE = "This case was anonymised on 1 April 2031; it can no longer be changed."

# Every table a write to a case could touch, compared whole before and after a refusal.
WATCHED: tuple[type[models.Model], ...] = (
    Case,
    Case.linked.through,
    Stage,
    Appointment,
    Note,
    Child,
    Document,
    CasePerson,
    Person,
    LgscoCase,
    LgscoRecommendation,
    Learning,
    Correspondence,
    AuditEvent,
)


def database(_: Any = None) -> dict[str, list[dict[str, Any]]]:
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in WATCHED}


@pytest.fixture
def cases(world) -> SimpleNamespace:
    """Cases in every state a write needs: `front` (stage 1 open, a child), `case_a` (stage 2
    open, a document, an Ombudsman case decided with a recommendation), `triage` (awaiting
    triage) and `done` (stage 1 answered: escalation and reopening)."""
    officer = world.users["officer"]
    done = add_case(officer, area=world.area, team=world.team_a)
    services.stage_respond(
        actor=officer, stage=done.stages.get(), on=date(2025, 3, 10), outcome="upheld"
    )
    lgsco = services_lgsco.lgsco_decision_record(
        actor=officer,
        lgsco=world.lgsco,
        decision="upheld",
        decided=date(2025, 7, 1),
        recommendations="Apologise",
        compliance_due=date(2025, 8, 1),
    )
    recommendation = services_lgsco.lgsco_recommendation_add(
        actor=officer, lgsco=lgsco, kind="apology", due=date(2025, 8, 1)
    )
    return SimpleNamespace(
        front=world.front,
        case_a=world.case_a,
        triage=world.triage,
        done=done,
        lgsco=lgsco,
        recommendation=recommendation,
        advocate=Person.objects.create(name="Ada Advocate"),
    )


def _anonymise(*refs: Case) -> None:
    cases_anonymise(actor=None, case_ids=[c.pk for c in refs], why="retention", now=ANONYMISED_ON)


def _mail() -> ParsedMail:
    return ParsedMail(
        message_id="<reply-1@example.com>",
        subject="About my complaint",
        sender_name="Alex Example",
        sender_address="alex@example.com",
        recipients="complaints@council.example",
        sent_at=None,
        body="More detail.",
    )


def _fresh(case: Case) -> Case:
    """The case as a view would load it (after anonymising: its new version and all)."""
    return Case.objects.get(pk=case.pk)


def _stage(case: Case, kind: str) -> Stage:
    return Stage.objects.select_related("case").get(case=case, kind=kind)


# (name, call): each call is valid for the case as the fixture made it.
Write = Callable[[Any, SimpleNamespace], Any]
WRITES: list[tuple[str, Write]] = [
    ("edit details", lambda w, c: services.case_update(
        actor=w.users["officer"], case=_fresh(c.front), expected_version=None,
        summary="New words")),
    ("edit details, version in hand", lambda w, c: services.case_update(
        actor=w.users["officer"], case=c.front, expected_version=c.front.version,
        summary="New words")),
    ("triage", lambda w, c: services.case_triage(
        actor=w.users["manager"], case=_fresh(c.triage), expected_version=None,
        procedure="children_statutory", service_area=w.area, team=w.team_a,
        first_stage="stage1")),
    ("reassign", lambda w, c: services_ownership.case_reassign(
        actor=w.users["manager"], case=_fresh(c.front), owner=w.users["manager"],
        expected_version=None)),
    ("reassign in bulk", lambda w, c: services_ownership.cases_reassign(
        actor=w.users["manager"], cases=[_fresh(c.front)], owner=w.users["manager"])),
    ("mark for triage", lambda w, c: services_ownership.case_mark_for_triage(
        actor=w.users["manager"], case=_fresh(c.triage), reason="returned")),
    ("close", lambda w, c: services_casework.case_close(
        actor=w.users["manager"], case=_fresh(c.triage), reason="Duplicate",
        expected_version=None)),
    ("restrict", lambda w, c: services_casework.case_restrict(
        actor=w.users["manager"], case=_fresh(c.front), restricted=True, named_users=[],
        expected_version=None)),
    ("link", lambda w, c: services.case_link(
        actor=w.users["officer"], case=_fresh(c.front), other=w.case_b)),
    ("add a child", lambda w, c: services.child_add(
        actor=w.users["officer"], case=_fresh(c.front), name="Kit Child")),
    ("add a note", lambda w, c: services.note_add(
        actor=w.users["officer"], case=_fresh(c.front), text="Rang back.")),
    ("acknowledge", lambda w, c: services.stage_acknowledge(
        actor=w.users["officer"], stage=_stage(c.front, "stage1"), on=date(2025, 3, 4))),
    ("respond", lambda w, c: services.stage_respond(
        actor=w.users["officer"], stage=_stage(c.front, "stage1"), on=date(2025, 3, 10),
        outcome="upheld")),
    ("extend", lambda w, c: services.stage_extend(
        actor=w.users["officer"], stage=_stage(c.front, "stage1"),
        extended_to=date(2025, 3, 24), reason="Waiting for records")),
    ("pause the clock", lambda w, c: services_pause.stage_pause(
        actor=w.users["officer"], stage=_stage(c.front, "stage1"),
        paused_from=date(2025, 3, 5), paused_to=date(2025, 3, 6),
        reason="Arranging an advocate")),
    ("appoint", lambda w, c: services.stage_appoint(
        actor=w.users["officer"], stage=_stage(c.case_a, "stage2"),
        role="investigating_officer", on=date(2025, 3, 19), name="Jo External")),
    ("costs", lambda w, c: services.stage_record_costs(
        actor=w.users["officer"], stage=_stage(c.case_a, "stage2"),
        investigating_officer=Decimal("250.00"), independent_person=None, additional=None)),
    ("escalate", lambda w, c: services.case_escalate(
        actor=w.users["officer"], case=_fresh(c.done), started=date(2025, 3, 20),
        reason="unhappy_with_outcome")),
    ("reopen a stage", lambda w, c: services.stage_reopen(
        actor=w.users["manager"], stage=_stage(c.done, "stage1"))),
    ("upload a document", lambda w, c: services_documents.document_upload(
        actor=w.users["officer"], case=_fresh(c.front), title="Reply",
        file=io.BytesIO(PDF), size=len(PDF))),
    ("remove a document", lambda w, c: services_documents.document_remove(
        actor=w.users["manager"], document=w.document, reason="Wrong case")),
    ("link a person", lambda w, c: services_people.case_person_link(
        actor=w.users["officer"], case=_fresh(c.front),
        person=c.advocate, role="advocate")),
    ("write a letter", lambda w, c: letter_send(
        actor=w.users["officer"], case=_fresh(c.front), kind="holding", subject="Your complaint",
        body="We are still looking into it.", via="docx", today=date(2025, 3, 5))),
    ("add an email file", lambda w, c: mail_receive(
        mail=_mail(), via="eml", today=date(2025, 3, 5), case=_fresh(c.front),
        actor=w.users["officer"])),
    ("Ombudsman enquiry", lambda w, c: services_lgsco.lgsco_case_create(
        actor=w.users["manager"], lgsco_reference="25009999", service_area=w.area,
        received=date(2025, 6, 1), case=_fresh(c.front))),
    ("Ombudsman decision", lambda w, c: services_lgsco.lgsco_decision_record(
        actor=w.users["manager"], lgsco=LgscoCase.objects.get(pk=c.lgsco.pk),
        decision="not_upheld", decided=date(2025, 7, 2))),
    ("Ombudsman compliance", lambda w, c: services_lgsco.lgsco_compliance_record(
        actor=w.users["manager"], lgsco=LgscoCase.objects.get(pk=c.lgsco.pk),
        complied=date(2025, 7, 20))),
    ("Ombudsman recommendation", lambda w, c: services_lgsco.lgsco_recommendation_add(
        actor=w.users["manager"], lgsco=LgscoCase.objects.get(pk=c.lgsco.pk),
        kind="procedural_change", due=date(2025, 9, 1))),
    ("recommendation complied", lambda w, c: services_lgsco.lgsco_recommendation_comply(
        actor=w.users["manager"],
        recommendation=LgscoRecommendation.objects.get(pk=c.recommendation.pk),
        complied=date(2025, 7, 20), evidence="Letter of apology sent")),
    ("record learning", lambda w, c: services_learning.learning_create(
        actor=w.users["manager"], service_area=w.area, recorded=date(2025, 4, 2),
        learning="Check plans weekly", status="in_progress", case=_fresh(c.front))),
]  # fmt: skip


@pytest.mark.parametrize(("name", "write"), WRITES, ids=[n for n, _ in WRITES])
def test_every_write_refuses_an_anonymised_case_and_changes_nothing(world, cases, name, write):
    _anonymise(cases.front, cases.case_a, cases.triage, cases.done)
    before = database()
    with pytest.raises(CaseAnonymisedError) as refused:
        write(world, cases)
    assert refused.value.message == MESSAGE
    assert database() == before, name


@pytest.mark.parametrize(("name", "write"), WRITES, ids=[n for n, _ in WRITES])
def test_the_same_write_succeeds_before_anonymising(world, cases, name, write, monkeypatch):
    """The control: without it a row refused for another reason would pass the test above."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda *a, **k: None)
    before = AuditEvent.objects.count()
    write(world, cases)
    assert AuditEvent.objects.count() > before, name


def test_a_version_taken_before_anonymising_is_told_anonymised_not_stale(world, cases):
    loaded = _fresh(cases.front)
    _anonymise(cases.front)
    with pytest.raises(CaseAnonymisedError):
        services.case_update(
            actor=world.users["officer"], case=loaded, expected_version=loaded.version, summary="x"
        )


def test_mail_quoting_an_anonymised_case_becomes_a_new_case(world, cases):
    _anonymise(cases.front)
    mail = _mail()
    mail.subject = f"Re: {cases.front.reference}"
    received = mail_receive(mail=mail, via="mailbox", today=date(2031, 4, 2))
    assert received.new_case and received.case.pk != cases.front.pk
    assert not Correspondence.objects.filter(case=cases.front).exists()


def test_a_legal_hold_is_not_affected(world, cases):
    """A held case (never anonymised while held) stays writable, and its hold is set and
    lifted as before; the guard is not a hold."""
    manager = world.users["manager"]
    hold = legal_hold_set(actor=manager, case=cases.front, reason="Claim expected")
    services.note_add(actor=manager, case=_fresh(cases.front), text="Still editable when held.")
    services.stage_acknowledge(
        actor=manager, stage=_stage(cases.front, "stage1"), on=date(2025, 3, 4)
    )
    legal_hold_lift(actor=manager, hold=hold, reason="Claim settled")
    hold.refresh_from_db()
    assert hold.lifted_at is not None
    assert Note.objects.filter(case=cases.front, text="Still editable when held.").exists()


# Functions of the write modules that take a case but write nothing to it: reads, audits of
# a read, pure checks, and the steps of creating a case (a new case is never anonymised).
NOT_CASE_WRITES = {
    "case_lock", "case_refresh_summary", "case_viewed", "document_downloaded",
    "document_path", "document_download_name", "stage_next_kind", "stage_check_order",
    "letter_compose", "via_choices", "case_people_link_new", "child_person_new",
    "correspondence_record_sent", "case_documents_expire", "cases_anonymise",
    "stage_pause_check",
}  # fmt: skip
WRITE_MODULES = (
    services, services_casework, services_documents, services_learning, services_lgsco,
    services_ownership, services_pause, services_people,
    __import__("complaintsdesk.correspondence.services", fromlist=["x"]),
    __import__("complaintsdesk.correspondence.services_mail", fromlist=["x"]),
)  # fmt: skip
CASE_ARGUMENTS = {"case", "cases", "stage", "document", "lgsco", "recommendation"}


def test_every_service_taking_a_case_is_declared_a_case_write():
    """The class of fault, not one view: a new service writing to a case must be declared
    `@case_write` (or listed above as not a write), or this fails."""
    undeclared = []
    for module in WRITE_MODULES:
        for name, function in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(function):
                continue
            if function.__module__ != module.__name__ or name in NOT_CASE_WRITES:
                continue
            if CASE_ARGUMENTS & set(inspect.signature(function).parameters):
                if not getattr(function, "writes_case", False):
                    undeclared.append(f"{module.__name__}.{name}")
    assert undeclared == []
    assert services.note_add.writes_case and services.stage_respond.writes_case


def test_the_refusal_comes_before_the_services_own_checks(world, cases):
    """A closed case's answered stage would be refused as answered; anonymised, the one
    message says why nothing can change, whatever else is wrong with the request."""
    _anonymise(cases.done)
    with pytest.raises(CaseAnonymisedError):
        services.stage_respond(
            actor=world.users["officer"], stage=_stage(cases.done, "stage1"),
            on=date(2025, 3, 11), outcome="not_upheld",
        )  # fmt: skip
    with pytest.raises(CaseAnonymisedError):
        services.note_add(actor=world.users["officer"], case=_fresh(cases.done), text=" ")
