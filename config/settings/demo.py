"""The demo on one machine: SQLite, console email, a throwaway secret."""

from config.settings.base import *  # noqa: F403

SECRET_KEY = SECRET_KEY or "demo-only-not-secret"  # noqa: F405
DEBUG = True
