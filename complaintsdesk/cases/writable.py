"""The one guard every write to a case passes: an anonymised case is read-only.

Retention and erasure (`services_anonymise.py`) blank a case's personal data and keep what
the figures read; a later edit would put personal data back, or change a figure, on a record
the council has said it no longer holds. `case_lock` (the optimistic lock of versioned
writes) refuses in its own UPDATE; appending writes (notes, documents, letters, people
links, Ombudsman records) call `case_check_writable`, which locks the case's row so a
retention run anonymising it at the same moment cannot interleave.
"""

from django.db import transaction
from django.utils import timezone

from complaintsdesk.cases.models import Case
from complaintsdesk.core.errors import CaseAnonymisedError


def case_check_writable(*, case: Case) -> None:
    """Refuse a write to `case` once it is anonymised. Call first, inside the service's
    transaction, before anything is written. Reads the stored row afresh: the instance in
    hand may have been loaded before the retention run."""
    with transaction.atomic():
        at = (
            Case.objects.select_for_update()
            .filter(pk=case.pk)
            .values_list("anonymised_at", flat=True)
            .first()
        )
    if at is not None:
        raise CaseAnonymisedError(timezone.localdate(at))
