"""The URL sweep: every URL pattern, as every role, a signed-in user in no role and a public
visitor, with real ids, another team's and a restricted case's ids, and hostile path values;
by GET, and by POST with the page's own form fields made hostile. No 5xx, no hidden name or
reference shown to a user who may not see it, no write by a request that did not succeed.
(sweeper.py says how each request is judged; sweep_world.py what the world holds.)
"""

from __future__ import annotations

import logging
from datetime import datetime
from time import perf_counter
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from complaintsdesk.cases.access import cases_visible_to
from complaintsdesk.codecompliance.provisions import PROVISIONS
from tests.casework.conftest import ALL
from tests.hardening.sweep_world import (
    GONE_NAME,
    HIDDEN_CHILD,
    HIDDEN_NAME,
    HIDDEN_SUMMARY,
    OTHER_NAME,
    build_sweep_world,
)
from tests.hardening.sweeper import Route, Sweeper, post_bodies, routes

NOW = datetime(2025, 6, 10, 10, 0, tzinfo=ZoneInfo("Europe/London"))
USERS = (
    "manager",
    *(name for name in ALL if name != "manager"),
    "responder_b",
    "nobody",
    "anonymous",
)
# Who asks every page after the manager: the independent person is appointed as the
# investigator is, so follows the same paths.
ASKERS = tuple(who for who in USERS if who not in ("manager", "independent"))
HUGE = 10**30
# The manager's valid bodies save at least this many pages' forms (40 when written).
MANAGER_SAVES = 35
POSTED_PATH_VALUES = {"0", str(HUGE), "x"}  # and a deleted id: each also POSTed
HOSTILE_PATH = ("0", "-1", str(HUGE), "x", "2026-02-30", "%C2%B2")


def _pk_values(world: Any, records: Any) -> dict[str, dict[str, Any]]:
    """Per route prefix, the id each `<int:...>` parameter takes for one case's records."""
    return {
        "cases/<path:reference>/-/correspondence/": {"pk": records.letter.pk},
        "cases/<path:reference>/-/documents/": {"pk": records.document.pk},
        "data-protection/holds/": {"pk": records.hold.pk},
        "data-protection/people/": {"pk": records.person.pk, "person": records.person.pk},
        "data-protection/subject-access/": {"pk": records.sar.pk},
        "data-protection/breaches/": {"pk": records.breach.pk},
        "people/": {"pk": records.person.pk},
    }


def _real(world: Any, route: Route, records: Any) -> dict[str, Any]:
    """The parameters of `route` filled with real values about `records`' case."""
    values: dict[str, Any] = {
        "reference": records.case.reference,
        "kind": "acknowledgement" if "letters" in route.route else "stage1",
        "stage": "stage1",
        "day": "2025-12-29",
        "year": "2025-26" if route.route.startswith("self-assessment") else "2024-25",
        "section": "summary",
        "fmt": "json",
        "ref": PROVISIONS[0].ref,
        "journey": "complaint",
        "step": "service",
        "uidb64": world.reset_uid,
        "token": world.reset_token,
        "rec": world.lgsco.recommendation_records.first().pk,
    }
    generic = {
        "ombudsman/": world.lgsco.pk,
        "learning/": world.learning.pk,
        "compliments/": world.compliment.pk,
        "administration/service-areas/": world.area.pk,
        "administration/users/": world.users["leader"].pk,
        "accounts/administration/users/": world.users["leader"].pk,
    }
    for prefix, pk in generic.items():
        if route.route.startswith(prefix):
            values["pk"] = pk
    for prefix, ids in _pk_values(world, records).items():
        if route.route.startswith(prefix):
            values.update(ids)
    return {name: values[name] for name in route.names}


def _hostile_variants(
    world: Any, route: Route, base: dict[str, Any]
) -> list[tuple[str, dict[str, Any]]]:
    """One parameter at a time made hostile (or deleted), the others kept real."""
    variants = []
    for name in route.names:
        deleted = world.deleted_reference if name == "reference" else world.deleted_pk
        for value in (*HOSTILE_PATH, deleted):
            variants.append((name, {**base, name: value}))
    return variants


def _resolves(path: str) -> bool:
    try:
        resolve(path.replace("%C2%B2", "²"))
    except Resolver404:
        return False
    return True


def _cross(body: dict[str, str], world: Any) -> dict[str, str]:
    """The valid body naming another's records: a restricted case, its person, another team."""
    crossed = {}
    for key, value in body.items():
        lowered = key.lower()
        if any(w in lowered for w in ("reference", "case", "link", "other")):
            crossed[key] = world.hidden.reference
        elif any(w in lowered for w in ("person", "keep", "merge", "into", "record")):
            crossed[key] = str(world.hidden_records.person.pk)
        elif "team" in lowered:
            crossed[key] = str(world.team_b.pk)
        else:
            crossed[key] = value
    return crossed


def _client(world: Any, who: str) -> Client:
    client = Client(raise_request_exception=False)
    if who != "anonymous":
        client.force_login(world.users[who])
    return client


def _sweeper(world: Any) -> Sweeper:
    """Who must never see what: the hidden and the other team's case to those who cannot see
    them, the anonymised complainant's name to everyone."""
    names = {
        world.hidden.pk: (HIDDEN_NAME, HIDDEN_CHILD, HIDDEN_SUMMARY, "Hidden letter"),
        world.other.pk: (OTHER_NAME, "Other letter", "Other breach"),
    }
    references = {world.hidden.pk: world.hidden.reference, world.other.pk: world.other.reference}
    forbidden: dict[str, tuple[str, ...]] = {}
    hidden_references: dict[str, tuple[str, ...]] = {}
    for who in USERS:
        user = world.users.get(who)
        seen = set(cases_visible_to(user).values_list("pk", flat=True)) if user else set()
        unseen = [pk for pk in names if pk not in seen]
        forbidden[who] = (GONE_NAME, *[n for pk in unseen for n in names[pk]])
        hidden_references[who] = tuple(references[pk] for pk in unseen)
    secrets = tuple({n for group in names.values() for n in group})
    return Sweeper(forbidden=forbidden, hidden_references=hidden_references, secrets=secrets)


@pytest.fixture
def sweep(db):
    """The world, a client per user, the sweeper, and each route's real URL and POST bodies
    (from the manager's page, who reaches every page)."""
    with time_machine.travel(NOW, tick=False):
        world = build_sweep_world()
        clients = {who: _client(world, who) for who in USERS}
        sweeper = _sweeper(world)
        pages = []
        for route in routes():
            base = _real(world, route, world.front_records)
            url = route.path(base)
            with transaction.atomic():  # a page that signs out, or records a read, is undone
                page = clients["manager"].get(url)
                transaction.set_rollback(True)
            html = ""
            if "html" in page.get("Content-Type", "") and not page.streaming:
                html = page.content.decode()
            pages.append((route, base, url, post_bodies(html, NOW.date())))
        started = perf_counter()
        # Each refusal logs a traceback: thousands of them would double the sweep's time.
        logging.disable(logging.WARNING)
        try:
            yield SimpleNamespace(world=world, clients=clients, sweeper=sweeper, pages=pages)
        finally:
            logging.disable(logging.NOTSET)
        elapsed = perf_counter() - started
    size = f"{len(pages)} routes, {sweeper.requests} requests, {len(sweeper.saved)} saves"
    print(f"\n{size}, {elapsed:.1f} s")  # noqa: T201
    for key, secs in sorted(sweeper.timings.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {secs:6.2f} s {key}")  # noqa: T201
    report = "\n".join(str(f) for f in sweeper.findings[:60])
    assert not sweeper.findings, f"{len(sweeper.findings)} findings:\n{report}"


def test_the_sweep(sweep):
    """One world, built once (it takes longer than a third of the requests): three passes."""
    every_url_as_every_user(sweep)
    another_teams_and_restricted_records_by_id(sweep)
    hostile_path_values(sweep)
    # A sweep whose forms all failed, or whose secrets are shown to no one, proves nothing.
    saved = sweep.sweeper.saved
    assert len({s for s in saved if s.startswith("manager ")}) >= MANAGER_SAVES, sorted(saved)
    assert {HIDDEN_NAME, OTHER_NAME} <= sweep.sweeper.shown, sweep.sweeper.shown


def every_url_as_every_user(sweep: Any) -> None:
    """Real ids; the manager sends every body, every other user the valid one (which writes if
    an access check is missing) and, where they may write, one naming another's records."""
    ask, clients = sweep.sweeper.ask, sweep.clients
    with time_machine.travel(NOW, tick=False):
        for _route, _base, url, bodies in sweep.pages:
            ask(clients["manager"], "manager", "GET", url)
            for how, body in bodies.items():
                repeat = 2 if how == "valid" else 1  # the same form sent twice
                ask(clients["manager"], "manager", "POST", url, body, repeat=repeat)
            for who in ASKERS:
                ask(clients[who], who, "GET", url)
                ask(clients[who], who, "POST", url, bodies["valid"])
            for who in ("officer", "responder"):
                ask(clients[who], who, "POST", url, _cross(bodies["valid"], sweep.world))
        for kind in ("annual", "quarterly"):
            for fmt in ("html", "docx", "xlsx", "json"):
                ask(clients["manager"], "manager", "GET", f"/reports/{kind}/download/{fmt}/")


def another_teams_and_restricted_records_by_id(sweep: Any) -> None:
    """A restricted case's and another team's records, by their own address and under a case
    the user sees, asked by users who may not see them."""
    world, ask, clients = sweep.world, sweep.sweeper.ask, sweep.clients
    askers = {
        # The manager, who may see both, shows that the addresses are real.
        "hidden": ("manager", "officer", "responder"),
        "other": ("manager", "responder", "investigator"),
    }
    with time_machine.travel(NOW, tick=False):
        for route, _base, _url, bodies in sweep.pages:
            if not route.names:
                continue
            for label, records in (
                ("hidden", world.hidden_records),
                ("other", world.other_records),
            ):
                own = _real(world, route, records)
                targets = {route.path(own)}
                if "reference" in route.names and len(route.names) > 1:
                    targets.add(route.path({**own, "reference": world.front.reference}))
                for who in askers[label]:
                    for target in targets:
                        ask(clients[who], who, "GET", target)
                        ask(clients[who], who, "POST", target, bodies["valid"])


def hostile_path_values(sweep: Any) -> None:
    """Each parameter in turn 0, -1, huge, a word, an impossible date, a non-ASCII digit and a
    deleted record's id; the others real."""
    world, ask, manager = sweep.world, sweep.sweeper.ask, sweep.clients["manager"]
    deleted = (world.deleted_reference, world.deleted_pk)
    with time_machine.travel(NOW, tick=False):
        for route, base, _url, bodies in sweep.pages:
            for name, variant in _hostile_variants(world, route, base):
                path = route.path(variant)
                if _resolves(path):
                    ask(manager, "manager", "GET", path)
                    if str(variant[name]) in POSTED_PATH_VALUES or variant[name] in deleted:
                        ask(manager, "manager", "POST", path, bodies["valid"])
