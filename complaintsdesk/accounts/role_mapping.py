"""PURE: which roles a council account's group claim grants, under the configured mapping.

Roles named anywhere in the mapping, and roles an earlier sign-in granted from groups, are
managed by the provider's groups: granted and taken away at each sign-in. Other roles are
granted by hand in the app and left alone, so a council can map some roles and grant others."""

from collections.abc import Iterable, Mapping, Sequence


def roles_from_groups(
    groups: Iterable[str], mapping: Mapping[str, Sequence[str]]
) -> frozenset[str]:
    held = set(groups)
    return frozenset(role for group, roles in mapping.items() if group in held for role in roles)


def roles_managed_by_groups(mapping: Mapping[str, Sequence[str]]) -> frozenset[str]:
    return frozenset(role for roles in mapping.values() for role in roles)


def roles_after_sign_in(
    current: Iterable[str],
    mapped_before: Iterable[str],
    groups: Iterable[str],
    mapping: Mapping[str, Sequence[str]],
) -> frozenset[str]:
    """The user's roles after signing in: hand-granted roles kept, mapped ones replaced
    (`mapped_before`: what groups granted last time, so a changed mapping takes it back)."""
    managed = roles_managed_by_groups(mapping) | frozenset(mapped_before)
    kept = frozenset(current) - managed
    return kept | roles_from_groups(groups, mapping)


def group_claim_values(claim: object) -> list[str]:
    """The group claim as a list of strings, whatever shape the provider sent: a list, one
    string, or nothing (a claim of another shape grants nothing)."""
    if isinstance(claim, str):
        return [claim]
    if isinstance(claim, list | tuple):
        return [value for value in claim if isinstance(value, str)]
    return []
