"""Checks that warn rather than refuse: a procedure unusual for the service area.

A children's statutory complaint logged against Adult Social Care is probably a slip, but
not always (a young person moving to adult services), so logging and triage warn and ask the
officer to confirm; the warning's code is kept in the audit event and shown on the case page.
"""

from typing import Any

from complaintsdesk.core import vocabulary as v
from complaintsdesk.workflow import rules

PROCEDURE_AREA = "procedure_service_area"


def likely_procedure_for(directorate_name: str) -> str:
    """The procedure a directorate's complaints usually follow, from its name."""
    name = directorate_name.lower()
    if "child" in name or "young" in name:
        return rules.CHILDREN
    if "adult" in name:
        return rules.ADULTS
    return rules.CORPORATE


def procedure_mismatch(procedure: str, likely: str) -> bool:
    """Whether `procedure` is unusual where `likely` is the usual one.

    A statutory procedure belongs to its own directorate; adult social care complaints are
    statutory. The corporate procedure in a children's directorate is normal (schools,
    transport and other non-social-care services use it).
    """
    if procedure in (rules.CHILDREN, rules.ADULTS):
        return procedure != likely
    return procedure == rules.CORPORATE and likely == rules.ADULTS


def procedure_warning(procedure: str, service_area: Any) -> str | None:
    """The warning to show for `procedure` in `service_area`, or None when it is usual."""
    directorate = service_area.directorate
    likely = likely_procedure_for(directorate.name)
    if procedure not in v.PROCEDURE or not procedure_mismatch(procedure, likely):
        return None
    return (
        f"{service_area.name} is in {directorate.name}, whose complaints usually follow the "
        f"{v.PROCEDURE[likely]} procedure, not the {v.PROCEDURE[procedure]} one. "
        "Check the procedure and the service area."
    )


def procedure_warning_codes(procedure: str, service_area: Any) -> list[str]:
    """The warning codes for the audit payload (codes only: never personal)."""
    return [PROCEDURE_AREA] if procedure_warning(procedure, service_area) else []
