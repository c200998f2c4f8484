"""The one guard every write to a case passes: an anonymised case is read-only.

Retention and erasure (`services_anonymise.py`) blank a case's personal data and keep what
the figures read; a later edit would put personal data back, or change a figure, on a record
the council has said it no longer holds. Every service that writes to a case is declared
`@case_write`, which refuses an anonymised case before the service checks or writes anything,
so the refusal is always the same one error; a test holds that every service taking a case
(or its stage, document, Ombudsman case) is declared. `case_lock`, the optimistic lock of
versioned writes, refuses one in its own UPDATE as well, so a retention run at the same
moment cannot slip between the check and the write.
"""

import functools
from collections.abc import Callable, Iterator
from typing import Any, ParamSpec, TypeVar

from django.db import transaction
from django.utils import timezone

from complaintsdesk.cases.models import Case
from complaintsdesk.core.errors import CaseAnonymisedError

P = ParamSpec("P")
R = TypeVar("R")


def case_check_writable(*, case: Case) -> None:
    """Refuse a write to `case` once it is anonymised. Reads the stored row afresh (the
    instance in hand may have been loaded before the retention run) and locks it until the
    write's transaction ends."""
    with transaction.atomic():
        at = (
            Case.objects.select_for_update()
            .filter(pk=case.pk)
            .values_list("anonymised_at", flat=True)
            .first()
        )
    if at is not None:
        raise CaseAnonymisedError(timezone.localdate(at))


def _cases_written(arguments: dict[str, Any]) -> Iterator[Case]:
    """The cases a service's keyword arguments write to (services take keywords only)."""
    if arguments.get("case") is not None:
        yield arguments["case"]
    yield from arguments.get("cases") or ()
    for name in ("stage", "document", "lgsco"):
        if arguments.get(name) is not None and arguments[name].case is not None:
            yield arguments[name].case
    recommendation = arguments.get("recommendation")
    if recommendation is not None and recommendation.lgsco_case.case is not None:
        yield recommendation.lgsco_case.case


def case_write(service: Callable[P, R]) -> Callable[P, R]:
    """Declare a service a write to the case it is given: refused, with nothing checked or
    written, once that case is anonymised. Put it under `@transaction.atomic`."""

    @functools.wraps(service)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        for case in _cases_written(kwargs):
            case_check_writable(case=case)
        return service(*args, **kwargs)

    guarded.writes_case = True  # type: ignore[attr-defined]
    return guarded
