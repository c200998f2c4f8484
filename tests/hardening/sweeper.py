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


TEXT_TYPES = ("text/", "application/json", "application/problem+json")


@dataclass
class Sweeper:
    """Ask, judge and roll back; `forbidden` maps a user to the strings they must never see."""

    forbidden: dict[str, tuple[str, ...]]
    hidden_references: dict[str, tuple[str, ...]]  # user -> references of cases they cannot see
    findings: list[Finding] = field(default_factory=list)
    requests: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # route prefix -> seconds
    _sql: str = field(default_factory=_fingerprint_sql)

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
        before = self.fingerprint()
        last_audit = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
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
                # A second copy refused after a first that succeeded is what should happen.
                if not (succeeded and method == "POST"):
                    self._judge_writes(who, method, url, response, before, last_audit)
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
        for secret in self.forbidden.get(who, ()):
            if secret in body:
                self.findings.append(Finding(who, method, url, f"shows {secret!r}"))
        for reference in self.hidden_references.get(who, ()):
            # A reference the address or the form names may be echoed back; any other leaks.
            echoed = reference in url or any(reference == str(v) for v in data.values())
            if not echoed and re.search(rf"{re.escape(reference)}(?!\d)", body):
                self.findings.append(Finding(who, method, url, f"shows {reference!r}"))

    def _judge_writes(
        self,
        who: str,
        method: str,
        url: str,
        response: Any,
        before: tuple[int, ...],
        last_audit: int,
    ) -> None:
        writes = [
            kind
            for kind in AuditEvent.objects.filter(pk__gt=last_audit).values_list("kind", flat=True)
            if not READ_KINDS.search(kind)
        ]
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
