"""The URL sweep: every URL pattern, as every role, a signed-in user in no role and a public
visitor, with real ids, another team's and a restricted case's ids, and hostile path values;
by GET, and by POST with the page's own form fields made hostile. No 5xx, no hidden name or
reference shown to a user who may not see it, no write by a request that did not succeed.
(sweeper.py says how each request is judged; sweep_world.py what the world holds.)
"""

from __future__ import annotations

from datetime import datetime
from time import perf_counter
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import Resolver404, resolve

from complaintsdesk.cases.access import cases_visible_to
from complaintsdesk.codecompliance.provisions import PROVISIONS
from tests.casework.conftest import ALL
from tests.hardening.crawler import parse_page
from tests.hardening.sweep_world import (
    GONE_NAME,
    HIDDEN_CHILD,
    HIDDEN_NAME,
    HIDDEN_SUMMARY,
    OTHER_NAME,
    build_sweep_world,
)
from tests.hardening.sweeper import Route, Sweeper, routes

NOW = datetime(2025, 6, 10, 10, 0, tzinfo=ZoneInfo("Europe/London"))
USERS = (
    "manager",
    *(name for name in ALL if name != "manager"),
    "responder_b",
    "nobody",
    "anonymous",
)
# Users whose reach ends somewhere: they are asked for hidden and other teams' records.
LIMITED = ("officer", "responder", "responder_b", "investigator", "leader", "anonymous")
# Never sent: a PDF takes seconds to draw (drawn in tests/reporting_docs).
SKIP_VALUES = {("fmt", "pdf")}
HUGE = 10**30
HOSTILE_PATH = ("0", "-1", str(HUGE), "x", "2026-02-30", "%C2%B2")
LONG = "x" * 20_000
NUL = "a\x00b"
UNICODE = "Zoë \u202e\U0001f600 ٣ ²"


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
    }
    for prefix, pk in generic.items():
        if route.route.startswith(prefix):
            values["pk"] = pk
    for prefix, ids in _pk_values(world, records).items():
        if route.route.startswith(prefix):
            values.update(ids)
    return {name: values[name] for name in route.names}


def _hostile_variants(world: Any, route: Route, base: dict[str, Any]) -> list[dict[str, Any]]:
    """One parameter at a time made hostile (or deleted), the others kept real."""
    variants = []
    for name in route.names:
        deleted = world.deleted_reference if name == "reference" else world.deleted_pk
        for value in (*HOSTILE_PATH, deleted):
            variants.append({**base, name: value})
    return variants


def _resolves(path: str) -> bool:
    try:
        resolve(path.split("?")[0].replace("%C2%B2", "²"))
    except Resolver404:
        return False
    return True


def _hostile_value(name: str, value: str, how: str) -> str:
    lowered = name.lower()
    if lowered in ("csrfmiddlewaretoken",):
        return value
    if how == "long":
        return LONG
    if how == "nul":
        return NUL
    if how == "unicode":
        return UNICODE
    if how == "numbers":
        if any(w in lowered for w in ("date", "day", "on", "received", "due", "from", "until")):
            return "2026-02-30"
        if "version" in lowered:
            return str(HUGE)
        return "-1000.50"
    if how == "stale" and "version" in lowered:
        return "0"
    return value


def _bodies(page_html: str, world: Any) -> list[tuple[str, dict[str, Any]]]:
    """The POST bodies for one page: empty, then each POST form's fields made hostile."""
    bodies: list[tuple[str, dict[str, Any]]] = [("empty", {})]
    forms = parse_page(page_html).forms if page_html else []
    fields: dict[str, str] = {}
    for form in forms:
        fields.update(form)
    if not fields:
        fields = {"text": "", "version": "1", "reference": "", "name": ""}
    for how in ("long", "nul", "unicode", "numbers", "stale"):
        bodies.append((how, {k: _hostile_value(k, v, how) for k, v in fields.items()}))
    # Another's records named in the body: a case, a person, a team, a user.
    cross = {}
    for key, value in fields.items():
        lowered = key.lower()
        if any(w in lowered for w in ("reference", "case", "link", "other")):
            cross[key] = world.hidden.reference
        elif any(w in lowered for w in ("person", "keep", "merge", "into")):
            cross[key] = world.hidden_records.person.pk
        elif "team" in lowered:
            cross[key] = world.team_b.pk
        else:
            cross[key] = value
    bodies.append(("cross", cross))
    return bodies


@pytest.fixture
def world(db):
    with time_machine.travel(NOW, tick=False):
        yield build_sweep_world()


def _client(world: Any, who: str) -> Client:
    client = Client(raise_request_exception=False)
    if who != "anonymous":
        client.force_login(world.users[who])
    return client


def _sweeper(world: Any) -> Sweeper:
    names = {
        world.hidden.pk: (
            HIDDEN_NAME,
            HIDDEN_CHILD,
            HIDDEN_SUMMARY,
            "Hidden letter",
            "Hidden breach",
        ),
        world.other.pk: (OTHER_NAME, "Other letter", "Other breach"),
    }
    forbidden: dict[str, tuple[str, ...]] = {}
    references: dict[str, tuple[str, ...]] = {}
    for who in USERS:
        user = world.users.get(who)
        seen = set(cases_visible_to(user).values_list("pk", flat=True)) if user else set()
        unseen = [pk for pk in names if pk not in seen]
        forbidden[who] = (GONE_NAME, *[n for pk in unseen for n in names[pk]])
        refs = {world.hidden.pk: world.hidden.reference, world.other.pk: world.other.reference}
        references[who] = tuple(refs[pk] for pk in unseen)
    return Sweeper(forbidden=forbidden, hidden_references=references)


def test_every_url_as_every_user_with_real_and_hostile_values(world):
    started = perf_counter()
    sweeper = _sweeper(world)
    clients = {who: _client(world, who) for who in USERS}
    sizes = {"routes": 0, "urls": 0}
    with time_machine.travel(NOW, tick=False):
        for route in routes():
            sizes["routes"] += 1
            base = _real(world, route, world.front_records)
            if any((name, str(value)) in SKIP_VALUES for name, value in base.items()):
                continue
            url = route.path(base)
            # The manager reaches every page: its forms give the fields every user POSTs.
            page = sweeper.ask(clients["manager"], "manager", "GET", url)
            html = ""
            if page is not None and "html" in page.get("Content-Type", "") and not page.streaming:
                html = page.content.decode()
            bodies = _bodies(html, world)
            for name, body in bodies:
                repeat = 2 if name == "unicode" else 1  # the same form sent twice
                sweeper.ask(clients["manager"], "manager", "POST", url, body, repeat=repeat)
            for who in USERS[1:]:
                sweeper.ask(clients[who], who, "GET", url)
                sweeper.ask(clients[who], who, "POST", url, dict(bodies[-1][1]))
            sizes["urls"] += 1

            if route.names:
                # Another team's, a restricted and an anonymised case's records.
                for records in (world.hidden_records, world.other_records):
                    cross = route.path(_real(world, route, records))
                    mixed = route.path({**_real(world, route, records), **(
                        {"reference": world.front.reference} if "reference" in route.names else {}
                    )})  # fmt: skip
                    for who in LIMITED:
                        for target in {cross, mixed}:
                            sweeper.ask(clients[who], who, "GET", target)
                            sweeper.ask(clients[who], who, "POST", target, dict(bodies[2][1]))
                for variant in _hostile_variants(world, route, base):
                    path = route.path(variant)
                    if not _resolves(path):
                        continue
                    sweeper.ask(clients["manager"], "manager", "GET", path)
                    sweeper.ask(clients["manager"], "manager", "POST", path, dict(bodies[1][1]))
    elapsed = perf_counter() - started
    print(f"sweep: {sizes} routes, {sweeper.requests} requests, {elapsed:.1f} s")  # noqa: T201
    for key, secs in sorted(sweeper.timings.items(), key=lambda kv: -kv[1])[:25]:
        print(f"  {secs:6.2f} {key}")  # noqa: T201
    report = "\n".join(str(f) for f in sweeper.findings[:60])
    assert not sweeper.findings, f"{len(sweeper.findings)} findings:\n{report}"
