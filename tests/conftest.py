"""Shared test setup: every test runs on the database DATABASE_URL names (SQLite by default)."""

import pytest


@pytest.fixture(autouse=True)
def _isolated_var(settings, tmp_path):
    # Uploaded documents go to a fresh folder per test, never to the real var/.
    settings.MEDIA_ROOT = tmp_path / "documents"
