"""What the public is promised: the likely procedure and its dates, from the deadline engine.

A public complaint awaits triage, so it has no stage yet. The promise uses the stage-1 rule
of the procedure the service most likely falls under, counted from the date received
(for the corporate procedure, which counts from acknowledgement, from receipt while none).
"""

from dataclasses import dataclass
from datetime import date

from complaintsdesk.cases.checks import likely_procedure_for
from complaintsdesk.cases.models import ServiceArea
from complaintsdesk.deadlines.selectors import calendar_current, rulesets_current
from complaintsdesk.workflow import rules


@dataclass(frozen=True)
class Timescales:
    acknowledge_by: date | None
    respond_by: date


def likely_procedure(service_area: ServiceArea) -> str:
    """Triage's first guess from the directorate's name; the officer confirms it."""
    return likely_procedure_for(service_area.directorate.name)


def complaint_timescales(*, procedure: str, received: date) -> Timescales:
    calendar = calendar_current()
    ruleset = rules.ruleset_for(received, rulesets_current())
    return Timescales(
        acknowledge_by=rules.acknowledgement_due(
            procedure=procedure,
            stage=rules.STAGE1,
            started=received,
            calendar=calendar,
            ruleset=ruleset,
        ),
        respond_by=rules.stage_due(
            procedure=procedure,
            stage=rules.STAGE1,
            started=received,
            calendar=calendar,
            ruleset=ruleset,
        ),
    )
