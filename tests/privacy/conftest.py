from tests.casework.conftest import client_for, world  # noqa: F401  the shared casework world
