"""Whether every demo case tells a story a complaints officer would believe.

A case with an Ombudsman decision has finished the council's procedure (or started its next
stage only after the Ombudsman passed it back, and finished that too); nothing in the
historical years is still open; a case awaiting triage has no stage. The demo tests assert
this, so a change to the generator cannot bring back a case 775 working days overdue beside
a completed Ombudsman decision. A pause starts within its stage and before today, and ends
before the stage's response; a letter or email is dated within the case's life so far.
"""

from datetime import date

from django.db.models import F, Q

from complaintsdesk.cases.models import Case, LgscoCase, Stage
from complaintsdesk.correspondence.models import Correspondence
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
    problems += _pauses_and_letters(today)
    return sorted(set(problems))


def _pauses_and_letters(today: date) -> list[str]:
    problems = []
    pauses = Stage.objects.filter(paused_from__isnull=False).filter(
        Q(paused_from__lt=F("started"))
        | Q(paused_from__gt=today)
        | Q(paused_to__lt=F("paused_from"))
        | Q(paused_to__gte=F("responded"))
    )
    for reference in pauses.values_list("case__reference", flat=True).distinct():
        problems.append(f"{reference}: a pause outside its stage's life")
    letters = Correspondence.objects.filter(
        Q(at__date__lt=F("case__received")) | Q(at__date__gt=today)
    )
    for reference in letters.values_list("case__reference", flat=True).distinct():
        problems.append(f"{reference}: a letter or email dated outside the case's life")
    return problems
