"""Every URL pattern, asked by every kind of user with real and hostile path values and bodies.

Where the crawl (crawler.py) follows links, the sweep walks Django's resolver, so a page no
link reaches is asked too, and it POSTs. Each request runs in a savepoint rolled back after
it, so every request meets the same world and the order of requests changes nothing.

Three findings per request: a 5xx (or an exception); a hidden record's name, summary or
reference in the answer of a user who may not see it; and a write (a row counted, a case's
version, an audit event that is not a read) by a request that did not succeed: refused
(401, 403, 404, 405, or sent to sign in) or answered without a redirect (a form shown again
with its errors changes nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from time import perf_counter
from typing import Any

from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from complaintsdesk.core.models import AuditEvent

PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
# Reads that are audited: a page or a download that records who looked is not a write.
# Signing out is a write every user may make, and its page is no redirect.
READ_KINDS = re.compile(r"(viewed|exported|downloaded|sign_in_failed|bundle_made|signed_out)$")
# Tables whose row counts show a write; a case's version shows an edit.
COUNTED = (
    "cases.Case cases.Stage cases.Note cases.Document cases.Child cases.CasePerson "
    "cases.Appointment cases.Learning cases.Compliment cases.LgscoCase cases.LgscoRecommendation "
    "cases.DataBreach cases.Directorate cases.ServiceArea cases.Team cases.EqualityResponse "
    "cases.FeedbackResponse correspondence.Correspondence correspondence.LetterTemplate "
    "people.Person privacy.LegalHold privacy.SubjectAccessRequest privacy.ErasureRequest "
    "privacy.RetentionScheduleVersion reporting.ReportNarrative reporting.ReportSignOff "
    "reporting.ComplimentExample reporting.PrivacyAcceptance codecompliance.SelfAssessmentAnswer "
    "codecompliance.OmbudsmanAnnualFigures deadlines.ClosureDay deadlines.TimescaleRuleVersion "
    "api.ApiToken accounts.TwoStepRequiredRole intake.Submission auth.User"
).split()


def _fingerprint_sql() -> str:
    tables = [apps.get_model(label)._meta.db_table for label in COUNTED]
    counts = ", ".join(f"(SELECT COUNT(*) FROM {t})" for t in tables)
    case = apps.get_model("cases.Case")._meta.db_table
    return f"SELECT {counts}, (SELECT COALESCE(SUM(version), 0) FROM {case})"


@dataclass(frozen=True)
class Route:
    route: str  # e.g. "cases/<path:reference>/-/documents/<int:pk>/"
    names: tuple[str, ...]  # the parameters, in order

    def path(self, values: dict[str, Any]) -> str:
        def fill(match: re.Match[str]) -> str:
            return str(values[match["name"]])

        return "/" + PARAM.sub(fill, self.route)


def routes() -> list[Route]:
    """Every URL pattern of the project, with its full route."""

    def walk(resolver: URLResolver, prefix: str) -> Iterator[Route]:
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, route)
            elif isinstance(pattern, URLPattern):
                yield Route(route, tuple(m["name"] for m in PARAM.finditer(route)))

    return list(walk(get_resolver(), ""))


@dataclass
class Finding:
    who: str
    method: str
    url: str
    problem: str

    def __str__(self) -> str:
        return f"[{self.who}] {self.method} {self.url[:160]!r}: {self.problem}"


# A download names a plain file: no path, no quote, no line break, nothing to run in a page.
SAFE_DISPOSITION = re.compile(r'(attachment|inline); filename="[A-Za-z0-9 ._()-]{1,120}"')
TEXT_TYPES = ("text/", "application/json", "application/problem+json")


@dataclass
class Sweeper:
    """Ask, judge and roll back; `forbidden` maps a user to the strings they must never see."""

    forbidden: dict[str, tuple[str, ...]]
    hidden_references: dict[str, tuple[str, ...]]  # user -> references of cases they cannot see
    findings: list[Finding] = field(default_factory=list)
    requests: int = 0
    # Evidence the sweep tests something: the POSTs that succeeded, the secrets shown to
    # someone allowed to see them.
    saved: set[str] = field(default_factory=set)
    shown: set[str] = field(default_factory=set)
    secrets: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)  # route prefix -> seconds
    _sql: str = field(default_factory=_fingerprint_sql)
    # Every request is rolled back, so the world before each is the world before the first.
    _before: tuple[tuple[int, ...], int] | None = None

    def _baseline(self) -> tuple[tuple[int, ...], int]:
        if self._before is None:
            last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
            self._before = (self.fingerprint(), last or 0)
        return self._before

    def fingerprint(self) -> tuple[int, ...]:
        with connection.cursor() as cursor:
            cursor.execute(self._sql)
            return tuple(cursor.fetchone())

    def ask(
        self,
        client: Client,
        who: str,
        method: str,
        url: str,
        data: dict[str, Any] | None = None,
        *,
        repeat: int = 1,
    ) -> Any:
        started = perf_counter()
        before, last_audit = self._baseline()
        response = None
        succeeded = False
        with transaction.atomic():
            try:
                for _ in range(repeat):
                    self.requests += 1
                    if method == "GET":
                        response = client.get(url)
                    else:
                        response = client.post(url, data or {})
                    body = self._body(response)
                    self._judge(who, method, url, response, body, data or {})
                    succeeded = succeeded or self._succeeded(response)
                    self.shown.update(secret for secret in self.secrets if secret in body)
                if succeeded and method == "POST":
                    self.saved.add(f"{who} {url}")
                trail = list(
                    AuditEvent.objects.filter(pk__gt=last_audit).values_list(
                        "kind", "case_reference"
                    )
                )
                self._judge_trail(who, method, url, trail)
                # A second copy refused after a first that succeeded is what should happen.
                if not (succeeded and method == "POST"):
                    self._judge_writes(who, method, url, response, before, trail)
            except Exception as error:  # noqa: BLE001 - every fault is a finding
                self.findings.append(Finding(who, method, url, f"{type(error).__name__}: {error}"))
            transaction.set_rollback(True)
        key = "/".join(url.split("?")[0].split("/")[:3])
        self.timings[key] = self.timings.get(key, 0.0) + perf_counter() - started
        return response

    @staticmethod
    def _body(response: Any) -> str:
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if not response.get("Content-Type", "").startswith(TEXT_TYPES):
            return ""
        return content.decode("utf-8", "replace")

    @staticmethod
    def _succeeded(response: Any) -> bool:
        return response.status_code in (301, 302, 303) and not response["Location"].startswith(
            ("/accounts/sign-in/", "/accounts/no-access/")
        )

    def _judge(
        self, who: str, method: str, url: str, response: Any, body: str, data: dict[str, Any]
    ) -> None:
        if response.status_code >= 500:
            self.findings.append(Finding(who, method, url, f"status {response.status_code}"))
        if response.get("X-Content-Type-Options") != "nosniff":
            self.findings.append(Finding(who, method, url, "no X-Content-Type-Options: nosniff"))
        disposition = response.get("Content-Disposition", "")
        if disposition and not SAFE_DISPOSITION.fullmatch(disposition):
            self.findings.append(Finding(who, method, url, f"Content-Disposition {disposition!r}"))
        for secret in self.forbidden.get(who, ()):
            if secret in body:
                self.findings.append(Finding(who, method, url, f"shows {secret!r}"))
        for reference in self.hidden_references.get(who, ()):
            # A reference the address or the form names may be echoed back; any other leaks.
            echoed = reference in url or any(reference == str(v) for v in data.values())
            if not echoed and re.search(rf"{re.escape(reference)}(?!\d)", body):
                self.findings.append(Finding(who, method, url, f"shows {reference!r}"))

    def _judge_trail(self, who: str, method: str, url: str, trail: list[tuple[str, str]]) -> None:
        """Nothing is written about, or read from, a case the user may not see."""
        hidden = set(self.hidden_references.get(who, ()))
        for kind, reference in trail:
            if reference in hidden:
                self.findings.append(Finding(who, method, url, f"{kind} on {reference}"))

    def _judge_writes(
        self,
        who: str,
        method: str,
        url: str,
        response: Any,
        before: tuple[int, ...],
        trail: list[tuple[str, str]],
    ) -> None:
        writes = [kind for kind, _ in trail if not READ_KINDS.search(kind)]
        after = self.fingerprint()
        if writes or after != before:
            changed = [COUNTED[i] if i < len(COUNTED) else "Case.version" for i, (a, b) in
                       enumerate(zip(before, after, strict=True)) if a != b]  # fmt: skip
            self.findings.append(
                Finding(
                    who,
                    method,
                    url,
                    f"status {response.status_code} but wrote {writes or ''} {changed or ''}",
                )
            )


# --- POST bodies ------------------------------------------------------------------------------

TEXT_KINDS = ("text", "textarea", "email", "tel", "search", "url", "")
LONG = "x" * 20_000
NUL = "a\x00b"
UNICODE = "Zoë \u202e\U0001f600 ٣ ²"
HUGE = 10**30


class FormFields(HTMLParser):
    """Each POST form's fields with a value that passes its own widget: the selected (or the
    first real) option, the first radio of a group, a typed value, a date part of today."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, tuple[str, str]] = {}  # name -> (kind, value)
        self._post = False
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._post = a.get("method", "get").lower() == "post"
        if not self._post:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "file") or (kind == "checkbox" and "checked" not in a):
                return
            if kind == "radio" and name in self.fields and "checked" not in a:
                return
            self.fields[name] = (kind, a.get("value", ""))
        elif tag == "textarea" and name:
            self.fields[name] = ("textarea", "")
        elif tag == "select" and name:
            self._select = name
            self.fields[name] = ("select", "")
        elif tag == "option" and self._select:
            current = self.fields[self._select][1]
            if a.get("value") and (not current or "selected" in a):
                self.fields[self._select] = ("select", a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._post = False


def _valid(name: str, kind: str, value: str, today: date) -> str:
    """A value that a careful person would give."""
    if value or kind in ("hidden", "select", "radio", "checkbox"):
        return value
    for part, number in (("-day", today.day), ("-month", today.month), ("-year", today.year)):
        if name.endswith(part):
            return str(number)
    if kind == "email":
        return "sweep@example.org"
    if kind == "number":
        return "1"
    return "Sweep 2025-26"


def _hostile(name: str, kind: str, value: str, how: str) -> str:
    if name == "csrfmiddlewaretoken":
        return value
    if how == "stale":
        return "0" if name == "version" else value
    if how == "numbers":
        if name == "version":
            return str(HUGE)
        if name.endswith("-day"):
            return "30"
        if name.endswith("-month"):
            return "2"
        if name.endswith("-year"):
            return "2026"
        if kind in ("number", "text", ""):
            return "-1000.50"
        return value
    if kind not in TEXT_KINDS or name.endswith(("-day", "-month", "-year")):
        return value  # a choice or a hidden id stays valid, so the text reaches the service
    return {"long": LONG, "nul": NUL, "unicode": UNICODE}[how]


def post_bodies(html: str, today: date) -> dict[str, dict[str, str]]:
    """For one page: an empty body, a valid one (sent twice, as a double click would), and
    the valid one with its text, numbers, dates or version made hostile."""
    parser = FormFields()
    parser.feed(html)
    if not parser.fields:  # no form on the page: one body of everything at once
        hostile = {"text": LONG + NUL + UNICODE, "version": "0", "id": str(HUGE), "day": "x"}
        return {"empty": {}, "valid": hostile}
    fields = parser.fields
    valid = {name: _valid(name, kind, value, today) for name, (kind, value) in fields.items()}
    bodies: dict[str, dict[str, str]] = {"empty": {}, "valid": valid}
    for how in ("long", "nul", "unicode", "numbers", "stale"):
        body = {name: _hostile(name, fields[name][0], value, how) for name, value in valid.items()}
        if body not in bodies.values():  # a form with no version has no stale copy
            bodies[how] = body
    return bodies
