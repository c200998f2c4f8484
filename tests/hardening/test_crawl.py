"""No 5xx, anywhere: every role crawls every page it can reach by following links, then asks
each page again with hostile query strings and paths. Every response is below 500.

The cases include one made through each public journey, so the pages are read over records
the public made as well as those staff made.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from tests.casework.conftest import ALL
from tests.hardening.crawler import Crawler, Failure
from tests.hardening.dataset import build_crawl_world, emailed_links

NOW = datetime(2025, 6, 10, 10, 0, tzinfo=ZoneInfo("Europe/London"))
START = (
    "/",
    "/cases/",
    "/reports/",
    "/ombudsman/",
    "/learning/",
    "/compliments/",
    "/administration/",
    "/self-assessment/",
    "/public/",
    "/accounts/sign-in/",
)
# Routes the complaints manager (who may do everything) must reach by links alone: if the
# crawl stops finding them, it has stopped testing them.
MANAGER_REACHES = {
    "",
    "cases/",
    "cases/export.csv",
    "cases/<path:reference>/",
    "cases/<path:reference>/-/audit/",
    "cases/<path:reference>/-/triage/",
    "cases/<path:reference>/-/stages/<str:kind>/respond/",
    "cases/<path:reference>/-/documents/<int:pk>/",
    "ombudsman/<int:pk>/",
    "learning/<int:pk>/",
    "compliments/<int:pk>/",
    "administration/users/<int:pk>/",
    "administration/closure-days/",
    "accounts/two-step/",
    "accounts/administration/two-step/",
    "reports/annual/",
    "reports/quarterly/",
    "reports/annual/download/<str:fmt>/",
    "reports/records/",
    "reports/narrative/<str:year>/<str:section>/",
    "self-assessment/<str:year>/",
    "self-assessment/<str:year>/<str:ref>/",
    "self-assessment/<str:year>/ombudsman-figures/",
}


def skipped(path: str) -> bool:
    """Never sign out mid-crawl. Never draw a PDF: it takes seconds, its drawing is tested in
    tests/reporting_docs, and the same report is crawled as HTML, DOCX, XLSX and JSON."""
    return path == "/accounts/sign-out/" or path.endswith("/download/pdf/")


@pytest.fixture
def world(db, django_capture_on_commit_callbacks):
    with time_machine.travel(NOW, tick=False):
        with django_capture_on_commit_callbacks(execute=True):  # the emails, with their links
            world = build_crawl_world()
        world.start = [*START, *emailed_links(world)]
        yield world


def _report(failures: list[Failure]) -> str:
    lines = [str(f) for f in failures[:40]]
    more = len(failures) - len(lines)
    return "\n".join(lines + ([f"... and {more} more"] if more > 0 else []))


def test_every_role_reaches_every_page_without_a_5xx(world):
    failures: list[Failure] = []
    probed: set[str] = set()
    reached: dict[str, Crawler] = {}
    for who in ("manager", *[name for name in ALL if name != "manager"], "anonymous"):
        client = Client()
        if who != "anonymous":
            client.force_login(world.users[who])
        crawler = Crawler(client, who, skip=skipped)
        crawler.crawl(world.start)
        # Views read their parameters the same way whoever asks, so each route is probed
        # by the first role that reaches it (the manager reaches most).
        crawler.probe_hostile(skip_routes=probed)
        probed |= set(crawler.visited)
        failures += crawler.failures
        reached[who] = crawler

    assert not failures, f"{len(failures)} requests failed:\n{_report(failures)}"

    manager = reached["manager"]
    assert MANAGER_REACHES <= set(manager.visited), MANAGER_REACHES - set(manager.visited)
    case_pages = set(manager.visited["cases/<path:reference>/"])
    for journey, reference in world.public.items():
        assert f"/cases/{reference}/" in case_pages, journey
    anonymous = set(reached["anonymous"].visited)
    assert {
        "public/<slug:journey>/<slug:step>/",
        "public/equality/",
        "public/feedback/",
    } <= anonymous
