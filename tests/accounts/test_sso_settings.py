"""COMPLAINTSDESK_OIDC_ROLE_GROUPS as read from the environment: clear refusals, no guesses."""

import pytest

from config.settings.sso import _role_groups


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", {}),
        ("  ", {}),
        ('{"g1": "Complaints officer"}', {"g1": ["Complaints officer"]}),
        (
            '{"g1": ["Leadership", "Complaints manager"]}',
            {"g1": ["Leadership", "Complaints manager"]},
        ),
    ],
)
def test_role_groups_read(raw, expected):
    assert _role_groups(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("g1=Complaints officer", "not JSON"),
        ('["Complaints officer"]', '{"group": "Role name", ...}'),
        ('{"g1": 3}', "not text"),
        ('{"g1": ["Leadership", 3]}', "not text"),
    ],
)
def test_role_groups_refused(raw, message):
    with pytest.raises(RuntimeError, match="COMPLAINTSDESK_OIDC_ROLE_GROUPS") as error:
        _role_groups(raw)
    assert message in str(error.value)
