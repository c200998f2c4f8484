"""Compliments a manager chooses to quote in a year's report (services and the one selector).

A compliment is chosen only if its summary passes the personal-data check the published
edition applies (a compliment often names the member of staff thanked, or the family).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from complaintsdesk.accounts.roles import CASEWORK_ROLES, roles_of
from complaintsdesk.cases.models import Compliment
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.reporting.annual.presets import PRESETS
from complaintsdesk.reporting.figures import FinancialYear
from complaintsdesk.reporting.models import ComplimentExample
from complaintsdesk.reporting.privacy import KINDS, text_findings


def _check(actor: Any, year: str, preset: str) -> FinancialYear:
    fy = FinancialYear.parse(year)
    if preset not in PRESETS:
        raise ServiceError(f"No report called {preset!r}", field="preset")
    if not roles_of(actor) & CASEWORK_ROLES:
        raise ServiceError("Only the complaints team chooses the compliments a report quotes")
    return fy


def compliment_example_choose(
    *, actor: Any, year: str, preset: str, compliment: Compliment
) -> ComplimentExample:
    fy = _check(actor, year, preset)
    if not fy.start <= compliment.received <= fy.end:
        raise ServiceError(f"Compliment {compliment.key} was not received in {year}")
    if not compliment.summary.strip():
        raise ServiceError(f"Compliment {compliment.key} has no summary to quote")
    findings = text_findings(compliment.summary)
    if findings:
        kinds = ", ".join(sorted({KINDS[f.kind].lower() for f in findings}))
        raise ServiceError(
            f"Compliment {compliment.key} cannot be quoted as written: it holds possible "
            f"personal data ({kinds}). Edit its summary first."
        )
    with transaction.atomic():
        example, _ = ComplimentExample.objects.get_or_create(
            year=year, preset=preset, compliment=compliment, defaults={"chosen_by": actor}
        )
        audit_record(
            actor=actor,
            kind="report.compliment_chosen",
            obj=example,
            payload={"year": year, "preset": preset, "compliment": compliment.key},
        )
    return example


def compliment_example_remove(
    *, actor: Any, year: str, preset: str, compliment: Compliment
) -> None:
    _check(actor, year, preset)
    with transaction.atomic():
        deleted, _ = ComplimentExample.objects.filter(
            year=year, preset=preset, compliment=compliment
        ).delete()
        if deleted:
            audit_record(
                actor=actor,
                kind="report.compliment_unchosen",
                obj=compliment,
                payload={"year": year, "preset": preset, "compliment": compliment.key},
            )


def compliments_to_choose_from(*, year: str, preset: str) -> list[tuple[Compliment, bool]]:
    """The year's latest compliments with a summary, and whether each is chosen: two queries."""
    fy = FinancialYear.parse(year)
    chosen = set(
        ComplimentExample.objects.filter(year=year, preset=preset).values_list(
            "compliment_id", flat=True
        )
    )
    items = (
        Compliment.objects.filter(received__range=(fy.start, fy.end))
        .exclude(summary="")
        .select_related("service_area")
        .order_by("-received", "key")[: settings.REPORT_LIST_LIMIT]
    )
    return [(c, c.pk in chosen) for c in items]
