"""Sign-off of an annual report by a named complaints manager, and whether it still holds.

A sign-off is refused while the report is incomplete (completeness.py); it holds until a
narrative of that report is saved after it, so what was signed is what is published.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from complaintsdesk.accounts.roles import MANAGER, has_role
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.reporting.annual.model import SignOff
from complaintsdesk.reporting.annual.presets import PRESETS
from complaintsdesk.reporting.figures import FinancialYear
from complaintsdesk.reporting.models import ReportNarrative, ReportSignOff

MAX_NAME = 200


def report_sign_off(
    *,
    actor: Any,
    year: str,
    preset: str,
    name: str,
    role: str,
    signed_on: date,
    missing: tuple[str, ...],
) -> ReportSignOff:
    """Record a named manager's sign-off. `missing`: the report's completeness check, as
    the caller built it (the page or the command shows the same report)."""
    FinancialYear.parse(year)
    if preset not in PRESETS:
        raise ServiceError(f"No report called {preset!r}", field="preset")
    if not has_role(actor, MANAGER):
        raise ServiceError("Only a complaints manager can sign a report off")
    name, role = name.strip(), role.strip()
    if not name or not role:
        raise ServiceError("Give the name and role of the manager signing off", field="name")
    if len(name) > MAX_NAME or len(role) > MAX_NAME:
        raise ServiceError(f"Name and role are at most {MAX_NAME} characters", field="name")
    if missing:
        raise ServiceError(
            f"The report is not complete: {len(missing)} item(s) to finish first, "
            f"starting with: {missing[0]}"
        )
    with transaction.atomic():
        signoff = ReportSignOff.objects.create(
            year=year, preset=preset, name=name, role=role, signed_on=signed_on, signed_by=actor
        )
        audit_record(
            actor=actor,
            kind="report.signed_off",
            obj=signoff,
            payload={"year": year, "preset": preset, "signed_on": signed_on.isoformat()},
        )
    return signoff


def signoff_current(
    *, year: str, preset: str, narratives: dict[str, ReportNarrative]
) -> SignOff | None:
    """The latest sign-off, if no narrative was saved after it: one query."""
    latest = ReportSignOff.objects.filter(year=year, preset=preset).order_by("-created_at", "-id")
    s = latest.first()
    if s is None:
        return None
    if any(n.created_at > s.created_at for n in narratives.values()):
        return None  # edited since: sign again
    return SignOff(name=s.name, role=s.role, signed_on=s.signed_on)
