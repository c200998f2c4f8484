from tests.casework.conftest import client_for, world  # noqa: F401  (shared fixtures)
