"""Whether every demo case tells a story a complaints officer would believe.

A case with an Ombudsman decision has finished the council's procedure (or started its next
stage only after the Ombudsman passed it back, and finished that too); nothing in the
historical years is still open; a case awaiting triage has no stage. The demo tests assert
this, so a change to the generator cannot bring back a case 775 working days overdue beside
a completed Ombudsman decision.
"""

from datetime import date

from django.db.models import Q

from complaintsdesk.cases.models import Case, LgscoCase, Stage
from complaintsdesk.demo.periods import HISTORY_END


def demo_incoherences(*, today: date) -> list[str]:
    """One line per incoherent case (reference and what is wrong); empty when all is well."""
    problems: list[str] = []
    decided = LgscoCase.objects.filter(decided__isnull=False, case__isnull=False)
    open_after_decision = (
        Stage.objects.filter(case__in=decided.values("case"), responded__isnull=True)
        .select_related("case")
        .order_by("case__reference")
    )
    for stage in open_after_decision:
        problems.append(
            f"{stage.case.reference}: the Ombudsman has decided, but "
            f"{stage.get_kind_display()} is still open"
        )
    historical_open = (
        Stage.objects.filter(responded__isnull=True, started__lte=HISTORY_END)
        .select_related("case")
        .order_by("case__reference")
    )
    for stage in historical_open:
        problems.append(
            f"{stage.case.reference}: {stage.get_kind_display()} started "
            f"{stage.started:%d %B %Y} and is still open"
        )
    triage_with_stage = Case.objects.filter(status="awaiting_triage", stages__isnull=False)
    for reference in triage_with_stage.values_list("reference", flat=True).distinct():
        problems.append(f"{reference}: awaiting triage but has a stage")
    late_closed = Stage.objects.filter(Q(responded__gt=today) | Q(started__gt=today))
    for reference in late_closed.values_list("case__reference", flat=True).distinct():
        problems.append(f"{reference}: a stage dated after today")
    return sorted(set(problems))
