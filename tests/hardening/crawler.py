"""A bounded, same-origin, GET-only crawler over the Django test client, and hostile re-requests.

The crawl follows every link and GET form it finds, visiting each URL pattern (Django's route,
such as `cases/<path:reference>/`) at most `per_route` times, so it stays fast however many
records the pages list. Every response must be below 500; an exception raised by a view is
recorded as a failure with its URL, not raised, so one run reports every fault at once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from time import perf_counter
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

# Values a careless user or an attacker puts in a query string or a path.
HOSTILE_VALUES: tuple[str, ...] = (
    "²",  # passes str.isdigit(), refused by int()
    "٣",  # an Arabic-Indic digit: int() accepts it, a database may not
    "1" * 25,  # beyond any database integer
    "-1",
    "-" + "9" * 25,
    "",
    "no-such-value",
    '"unterminated',  # full-text search syntax
    "a OR",
    "*",
    "NEAR(",
    "\x00",
    "x" * 3000,
)
# Names every view might read even when no link on the page carries them.
COMMON_PARAMETERS: tuple[str, ...] = (
    "page",
    "q",
    "year",
    "quarter",
    "edition",
    "directorate",
    "service_area",
    "team",
    "status",
    "procedure",
    "stage",
    "sort",
    "id",
    "pk",
    "case",
    "limit",
    "offset",
)
HUGE_ID = 10**25
HOSTILE_PATH_TEXT: tuple[str, ...] = (str(HUGE_ID), "²", "2025-13-45", "x" * 300, "\x00")


@dataclass
class Failure:
    who: str
    url: str
    problem: str

    def __str__(self) -> str:
        return f"[{self.who}] GET {self.url!r}: {self.problem}"


class PageParser(HTMLParser):
    """The links, and the GET forms' actions and field names, of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.get_forms: list[tuple[str, list[tuple[str, str]]]] = []
        self.forms: list[dict[str, str]] = []  # every form's hidden and default values
        self._form: tuple[str, str, list[tuple[str, str]]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = (a.get("method", "get").lower(), a.get("action", ""), [])
        elif tag in ("input", "select", "textarea") and self._form and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                self._form[2].append((a["name"], ""))
            else:
                self._form[2].append((a["name"], a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form:
            method, action, fields = self._form
            self.forms.append(dict(fields))
            if method == "get":
                self.get_forms.append((action, fields))
            self._form = None


def parse_page(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def route_of(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


@dataclass
class Crawler:
    """Crawl as one signed-in client; `who` names the role in every failure."""

    client: Client
    who: str
    per_route: int = 12
    skip: Callable[[str], bool] = lambda path: path == "/accounts/sign-out/"
    failures: list[Failure] = field(default_factory=list)
    visited: dict[str, list[str]] = field(default_factory=dict)  # route -> URLs, in order
    parameters: dict[str, set[str]] = field(default_factory=dict)  # route -> names seen
    fastest: dict[str, tuple[float, str]] = field(default_factory=dict)  # route -> (secs, URL)

    def get(self, url: str) -> Any:
        """GET `url`; record a failure for a 5xx or an exception. None when it failed."""
        try:
            # A savepoint, so a database error on PostgreSQL does not poison the next request.
            with transaction.atomic():
                response = self.client.get(url)
                if response.streaming:
                    b"".join(response.streaming_content)  # a streamed export fails late
        except Exception as error:  # noqa: BLE001 - every fault is a finding, reported below
            self.failures.append(Failure(self.who, url, f"{type(error).__name__}: {error}"[:300]))
            return None
        if response.status_code >= 500:
            self.failures.append(Failure(self.who, url, f"status {response.status_code}"))
            return None
        return response

    def crawl(self, start: Iterable[str]) -> None:
        queue: deque[str] = deque(start)
        seen: set[str] = set()
        while queue:
            url = queue.popleft()
            path = urlsplit(url).path
            route = route_of(path)
            if url in seen or route is None or self.skip(path):
                continue
            seen.add(url)
            urls = self.visited.setdefault(route, [])
            if len(urls) >= self.per_route:
                continue
            urls.append(url)
            self.parameters.setdefault(route, set()).update(
                name for name, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)
            )
            started = perf_counter()
            response = self.get(url)
            if response is None:
                continue
            elapsed = perf_counter() - started
            if elapsed < self.fastest.get(route, (float("inf"), ""))[0]:
                self.fastest[route] = (elapsed, url)
            if response.status_code in (301, 302, 303, 307, 308):
                queue.extend(self._same_origin(url, [response["Location"]]))
            elif "html" in response.get("Content-Type", "") and not response.streaming:
                queue.extend(self._links(url, response.content.decode()))

    def _links(self, url: str, html: str) -> Iterator[str]:
        page = parse_page(html)
        # A GET form's fields are parameters of the page it submits to: probed later with
        # hostile values. Submitting it blank would only repeat a page already linked.
        for action, fields in page.get_forms:
            for target in self._same_origin(url, [action or url]):
                route = route_of(urlsplit(target).path)
                if route is not None:
                    self.parameters.setdefault(route, set()).update(name for name, _ in fields)
        return self._same_origin(url, page.links)

    @staticmethod
    def _same_origin(base: str, hrefs: Iterable[str]) -> Iterator[str]:
        for href in hrefs:
            parts = urlsplit(urljoin(f"http://testserver{base}", href))
            if parts.scheme in ("http", "https") and parts.netloc == "testserver":
                yield parts.path + (f"?{parts.query}" if parts.query else "")

    # --- hostile requests -----------------------------------------------------------------

    def probe_hostile(self, *, skip_routes: Container[str] = ()) -> None:
        """Request each route reached (but not those in `skip_routes`) again with hostile values
        in its query string and its path.

        Every parameter set to one hostile value at once; then each parameter the route's
        links and forms use, one at a time, since a bad value in one parameter may hide a
        fault in another that the view reads later. Each route is probed from its quickest
        page (a report's JSON rather than its PDF): the probes test how parameters are read,
        not how pages are drawn.
        """
        for route, (_, base) in self.fastest.items():
            if route in skip_routes:
                continue
            parts = urlsplit(base)
            query = dict(parse_qsl(parts.query, keep_blank_values=True))
            seen = sorted(self.parameters.get(route, set()))
            for value in HOSTILE_VALUES:
                names = {*seen, *COMMON_PARAMETERS}
                self.get(f"{parts.path}?{urlencode(dict.fromkeys(sorted(names), value))}")
                for name in seen:
                    self.get(f"{parts.path}?{urlencode({**query, name: value})}")
            for path in hostile_paths(parts.path):
                self.get(path)


def hostile_paths(path: str) -> Iterator[str]:
    """The path with each argument it captures replaced by hostile ones its converter takes."""
    match = resolve(path)
    captured = {name: match.kwargs[name] for name in match.captured_kwargs}
    for name, value in captured.items():
        replacements = (HUGE_ID,) if isinstance(value, int) else HOSTILE_PATH_TEXT
        for replacement in replacements:
            try:
                yield reverse(match.view_name, kwargs={**captured, name: replacement})
            except NoReverseMatch:
                continue  # the converter refuses it (a slug takes no "²"): the resolver 404s
