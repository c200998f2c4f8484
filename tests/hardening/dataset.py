"""A small council for the crawl: the casework world, plus a case made through each public
journey by posting its real forms, so the pages are crawled over records the public made."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.core import mail
from django.test import Client

from complaintsdesk.cases.models import Directorate, ServiceArea
from complaintsdesk.cases.services_learning import learning_create
from complaintsdesk.cases.services_lgsco import lgsco_case_create, lgsco_decision_record
from complaintsdesk.deadlines.services import closure_day_add
from complaintsdesk.intake.wizard import DONE_KEY
from complaintsdesk.notifications.links import feedback_form_url
from tests.casework.conftest import build_world
from tests.hardening.crawler import parse_page
from tests.intake.support import advocate_answers, answer, complaint_for_child


def _send(client: Client, journey: str) -> str:
    """Post the check page as a browser would (with its hidden fields); the new reference."""
    check = f"/public/{journey}/check/"
    page = client.get(check)
    assert page.status_code == 200, (journey, page.status_code)
    fields = parse_page(page.content.decode()).forms[-1]
    response = client.post(check, fields)
    assert response.status_code == 302, (journey, response.content[:2000])
    return str(client.session[DONE_KEY].get("reference", ""))


def _walk(journey: str, steps: list[tuple[str, dict[str, Any]]]) -> str:
    client = Client()
    for step, data in steps:
        response = answer(client, journey, step, data)
        assert response.status_code == 302, (journey, step, response.content[:2000])
    return _send(client, journey)


def young_person(*, wants_advocate: bool) -> str:
    return _walk(
        "young-person",
        [
            ("what", {"summary": "Nobody listens to me at my reviews"}),
            ("better", {"desired_outcome": "To be asked first"}),
            ("service", {"service_area": "not_sure"}),
            ("advocate", {"wants_advocate": "yes" if wants_advocate else "no"}),
            ("contact", {"name": "Kai", "email": "kai@example.org"}),
        ],
    )


def advocate(area: ServiceArea) -> str:
    return _walk("advocate", advocate_answers(area))


def complaint_about_me(area: ServiceArea) -> str:
    return _walk(
        "complaint",
        [
            ("service", {"service_area": area.pk}),
            ("about", {"about": "me"}),
            ("details", {"summary": "The pothole outside my house is still there."}),
            ("when", {}),
            ("outcome", {"desired_outcome": "Fix it."}),
            ("documents", {"action": "continue"}),
            ("contact", {"name": "Pat Example", "email": "", "phone": "01632 960 001"}),
        ],
    )


def compliment(area: ServiceArea) -> None:
    client = Client()
    answer(client, "compliment", "service", {"service_area": area.pk})
    answer(client, "compliment", "compliment", {"summary": "Our social worker was brilliant."})
    _send(client, "compliment")


def anonymous_forms(directorate: Directorate) -> None:
    client = Client()
    equality = client.post(f"/public/equality/?directorate={directorate.pk}", {"gender": "female"})
    feedback = client.post(
        f"/public/feedback/?directorate={directorate.pk}", {"satisfaction": "satisfied"}
    )
    assert (equality.status_code, feedback.status_code) == (302, 302)


def records_without_a_case(area: ServiceArea) -> None:
    """An Ombudsman enquiry and a learning action that name no council case, with the
    Ombudsman's recommendations outstanding (so they show in My work)."""
    lgsco = lgsco_case_create(
        actor=None, lgsco_reference="25009999", service_area=area, received=date(2025, 4, 1)
    )
    lgsco_decision_record(
        actor=None,
        lgsco=lgsco,
        decision="upheld",
        decided=date(2025, 5, 1),
        recommendations="Apologise",
        compliance_due=date(2025, 6, 12),
    )
    learning_create(
        actor=None,
        service_area=area,
        team=None,
        recorded=date(2025, 5, 2),
        learning="Answer letters in plain words",
        status="in_progress",
    )


def build_crawl_world() -> SimpleNamespace:
    """The casework world with records that name no case and, made through the public forms:
    a complaint for a child, one about the complainant themself, a young person's with and
    without an advocate, an advocate's, a compliment, and the anonymous equality and feedback
    forms."""
    world = build_world()
    place = Directorate.objects.create(name="Place")
    highways = ServiceArea.objects.create(name="Highways", directorate=place)
    closure_day_add(actor=None, day=date(2025, 12, 29), description="Christmas closure")
    records_without_a_case(world.area)

    client = Client()
    complaint_for_child(client, world.area, send=False)
    world.public = {
        "complaint for a child": _send(client, "complaint"),
        "complaint about me": complaint_about_me(highways),
        "young person with an advocate": young_person(wants_advocate=True),
        "young person without an advocate": young_person(wants_advocate=False),
        "advocate": advocate(world.area),
    }
    compliment(world.area)
    anonymous_forms(world.directorate)
    return world


def emailed_links(world: SimpleNamespace) -> list[str]:
    """The paths of this site's links in the emails sent so far, and the feedback survey's
    (its invitation goes out when a case closes): public pages reached from outside."""
    base = settings.PUBLIC_BASE_URL
    words = [w for m in mail.outbox for w in m.body.split() if w.startswith(base)]
    return [w.removeprefix(base) for w in [*words, feedback_form_url(world.directorate)]]
