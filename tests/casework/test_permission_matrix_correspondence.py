"""Permission-matrix rows for the pages issue 14 added (the clock paused, letters, mail).

The rows and their checks are those of test_permission_matrix; kept in a file of their own
so the shared matrix is not edited by several branches at once.
"""

from typing import Any

import pytest

from tests.casework import test_permission_matrix as matrix
from tests.casework.conftest import ALL

Row, case_url, versioned = matrix.Row, matrix.case_url, matrix.versioned
CASEWORK, MANAGER = matrix.CASEWORK, matrix.MANAGER


def _pause(w: Any) -> dict[str, Any]:
    return {
        **versioned("front")(w),
        "paused_from-day": "5",
        "paused_from-month": "3",
        "paused_from-year": "2025",
        "paused_to-day": "11",
        "paused_to-month": "3",
        "paused_to-year": "2025",
        "reason": "Advocate being arranged",
    }


ROWS = [
    Row("pause stage 1", case_url("pause", "front", "stage1"), CASEWORK, case="front"),
    Row(
        "POST pause stage 1",
        case_url("pause", "front", "stage1"),
        CASEWORK,
        case="front",
        post=_pause,
        audit_kind="stage.paused",
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_permission(row, world, client_for) -> None:
    clients = {role: client_for(role) for role in matrix.ROLES}
    problems = [
        p for role in matrix.ROLES if (p := matrix.attempt(row, role, world, clients[role]))
    ]
    assert problems == [], f"{row.name}: " + "; ".join(problems)


assert set(ALL) >= CASEWORK
