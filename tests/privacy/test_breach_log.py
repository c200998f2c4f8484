"""The breach log: recorded from a case, the 72-hour clock on My work, the ICO decision and
outcome audited, and never in a published report."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from complaintsdesk.cases.models import DataBreach
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.models import AuditEvent
from complaintsdesk.deadlines.calendar import breach_report_deadline
from complaintsdesk.privacy.services_breach import breach_close, breach_decide, breach_record

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2025, 6, 6, 9, 0, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("aware", "deadline"),
    [
        (datetime(2025, 6, 6, 9, 0, tzinfo=LONDON), datetime(2025, 6, 9, 9, 0, tzinfo=LONDON)),
        # Weekends count: Friday afternoon to Monday afternoon.
        (datetime(2025, 6, 6, 16, 30, tzinfo=LONDON), datetime(2025, 6, 9, 16, 30, tzinfo=LONDON)),
    ],
)
def test_the_72_hour_clock(aware, deadline) -> None:
    assert breach_report_deadline(aware) == deadline


def test_recorded_from_a_case_decided_and_closed_with_audit(world) -> None:
    officer, manager = world.users["officer"], world.users["manager"]
    with time_machine.travel(NOW):
        breach = breach_record(
            actor=officer,
            occurred=date(2025, 6, 5),
            aware_at=NOW - timedelta(hours=2),
            description="Letter about the child sent to the wrong address",
            case=world.case_a,
        )
        event = AuditEvent.objects.get(kind="breach.recorded")
        assert event.case_reference == world.case_a.reference
        assert "Letter" not in str(event.payload)  # the description may name people
        with pytest.raises(ServiceError):
            breach_close(actor=manager, breach=breach, outcome="x", lessons="", on=date(2025, 6, 6))
        with pytest.raises(ServiceError):
            breach_decide(actor=manager, breach=breach, decision="report", reason="Risk")
        breach_decide(
            actor=manager,
            breach=breach,
            decision="report",
            reason="Special category data about a child",
            reported_to_ico=date(2025, 6, 6),
            ico_reference="IC-1234",
        )
        decided = AuditEvent.objects.get(kind="breach.decided")
        assert decided.payload == {"decision": "report", "after_72_hours": False}
        breach_close(
            actor=manager,
            breach=breach,
            outcome="Letter retrieved unopened",
            lessons="Check addresses",
            on=date(2025, 6, 10),
        )
    breach.refresh_from_db()
    assert breach.closed_on == date(2025, 6, 10) and breach.ico_reference == "IC-1234"
    assert AuditEvent.objects.filter(kind="breach.closed").count() == 1


@pytest.mark.parametrize(
    ("occurred", "aware", "description"),
    [
        (date(2025, 6, 5), NOW + timedelta(hours=1), "In the future"),
        (date(2025, 6, 7), NOW - timedelta(hours=1), "Happened after we knew"),
        (date(2025, 6, 5), NOW - timedelta(hours=1), "   "),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(world, occurred, aware, description) -> None:
    with time_machine.travel(NOW), pytest.raises(ServiceError):
        breach_record(
            actor=world.users["officer"], occurred=occurred, aware_at=aware, description=description
        )
    assert (
        not DataBreach.objects.exists()
        and not AuditEvent.objects.filter(kind="breach.recorded").exists()
    )


def test_my_work_shows_the_72_hour_clock_and_sar_due_dates(world, client_for) -> None:
    from complaintsdesk.cases.models import CasePerson
    from complaintsdesk.privacy.services_sar import sar_create

    with time_machine.travel(NOW):
        breach = breach_record(
            actor=world.users["officer"],
            occurred=date(2025, 6, 2),
            aware_at=NOW - timedelta(hours=80),
            description="Email to the wrong person",
            case=world.case_a,
        )
        person = CasePerson.objects.get(case=world.case_a, role="complainant").person
        sar = sar_create(
            actor=world.users["officer"], person=person, received=date(2025, 6, 2), today=NOW.date()
        )
        page = client_for("officer").get("/").content.decode()
        assert f"/data-protection/breaches/{breach.pk}/" in page and "Past 72 hours" in page
        assert f"/data-protection/subject-access/{sar.pk}/" in page and "2 Jul 2025" in page
        # Not for the roles without data protection work.
        page = client_for("responder").get("/").content.decode()
        assert "subject-access" not in page and "/breaches/" not in page


def test_breaches_are_kept_out_of_published_reports(world) -> None:
    """No report reads the breach table: the figures engine's rows have no breach source."""
    from pathlib import Path

    import complaintsdesk.reporting as reporting

    root = Path(reporting.__file__).parent
    readers = [p for p in root.rglob("*.py") if "DataBreach" in p.read_text()]
    assert readers == []
