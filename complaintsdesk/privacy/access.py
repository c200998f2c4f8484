"""Who may do what with data protection records.

The complaints team (officers and managers) log and answer subject access requests, record
breaches from the cases they see, and read the retention schedule and holds. Only the
complaints manager sets or lifts a legal hold, carries out an erasure, changes the retention
schedule and decides whether a breach is reported to the ICO.
"""

from typing import Any

from complaintsdesk.accounts.roles import CASEWORK_ROLES, MANAGER, roles_of


def can_view_privacy(user: Any) -> bool:
    return bool(roles_of(user) & CASEWORK_ROLES)


def can_manage_privacy(user: Any) -> bool:
    """Holds, erasure, the retention schedule, breach decisions."""
    return MANAGER in roles_of(user)


def can_handle_sar(user: Any) -> bool:
    return can_view_privacy(user)
