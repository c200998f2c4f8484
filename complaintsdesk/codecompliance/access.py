"""Who may read and who may answer the self-assessment."""

from typing import Any

from complaintsdesk.accounts.roles import MANAGER, roles_of
from complaintsdesk.cases import access as case_access


def can_view_self_assessment(user: Any) -> bool:
    """Those who may read the reports: it is published with the annual report."""
    return case_access.can_view_reports(user)


def can_edit_self_assessment(user: Any) -> bool:
    """The complaints manager answers for the council."""
    return MANAGER in roles_of(user)
