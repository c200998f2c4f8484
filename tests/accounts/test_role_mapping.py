"""The pure rules of mapping the provider's groups to roles: tables, no database."""

import pytest

from complaintsdesk.accounts.role_mapping import (
    group_claim_values,
    roles_after_sign_in,
    roles_from_groups,
)

MAPPING = {
    "g-officers": ["Complaints officer"],
    "g-managers": ["Complaints manager", "Leadership"],
}


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        ([], set()),
        (["unrelated"], set()),
        (["g-officers"], {"Complaints officer"}),
        (["g-managers"], {"Complaints manager", "Leadership"}),
        (["g-officers", "g-managers"], {"Complaints officer", "Complaints manager", "Leadership"}),
        (["G-OFFICERS"], set()),  # group ids are compared exactly
    ],
)
def test_roles_from_groups(groups, expected):
    assert roles_from_groups(groups, MAPPING) == expected


@pytest.mark.parametrize(
    ("current", "mapped_before", "groups", "expected"),
    [
        # first sign-in, no group: no access
        (set(), [], [], set()),
        # a mapped group grants its role
        (set(), [], ["g-officers"], {"Complaints officer"}),
        # leaving the group takes the mapped role away
        ({"Complaints officer"}, ["Complaints officer"], [], set()),
        # a role the mapping never names, granted by hand, is kept
        ({"Panel member"}, [], ["g-officers"], {"Panel member", "Complaints officer"}),
        # a role granted by groups last time, no longer in the mapping, is taken back
        ({"Investigating officer"}, ["Investigating officer"], [], set()),
        # a mapped role granted by hand is still managed by the groups
        ({"Complaints manager"}, [], ["g-officers"], {"Complaints officer"}),
    ],
)
def test_roles_after_sign_in(current, mapped_before, groups, expected):
    assert roles_after_sign_in(current, mapped_before, groups, MAPPING) == expected


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (None, []),
        ("one", ["one"]),
        (["a", "b"], ["a", "b"]),
        (["a", 3, None], ["a"]),
        ({"a": 1}, []),
        (42, []),
    ],
)
def test_group_claim_values(claim, expected):
    assert group_claim_values(claim) == expected
