"""Tests: fast hashing, in-memory email, immediate tasks."""

from config.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests read log records through their own handlers (tests/operations/test_logs.py); the
# console shows warnings and errors only, not a line per request.
_console = {**LOGGING["handlers"]["console"], "level": "WARNING"}  # noqa: F405
LOGGING = {**LOGGING, "handlers": {"console": _console}}  # noqa: F405
