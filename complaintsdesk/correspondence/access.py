"""Who may do what with letters, emails and templates. Case access itself is the cases
app's: every case is fetched through `case_get_for_user` first."""

from typing import Any

from complaintsdesk.accounts.roles import MANAGER, roles_of
from complaintsdesk.cases import access as case_access
from complaintsdesk.cases.models import Case


def can_view_correspondence(user: Any, case: Case) -> bool:
    """Whoever may read the case's documents may read its letters and emails."""
    return case_access.can_download_document(user, case)


def can_write_letter(user: Any, case: Case) -> bool:
    """The complaints team writes to complainants (the same people who extend and escalate)."""
    return case_access.can_edit_case(user, case)


def can_import_email(user: Any, case: Case) -> bool:
    """Dropping a saved .eml or .msg onto a case: the complaints team."""
    return case_access.can_edit_case(user, case)


def can_edit_letter_templates(user: Any) -> bool:
    return MANAGER in roles_of(user)
