"""The demo on one machine: SQLite, console email, a throwaway secret."""

from config.settings.base import *  # noqa: F403

SECRET_KEY = SECRET_KEY or "demo-only-not-secret"  # noqa: F405
DEBUG = True
# The demo council's own privacy notice (a placeholder address: example.gov.uk is reserved).
COMPLAINTSDESK["PRIVACY_NOTICE_URL"] = (  # noqa: F405
    COMPLAINTSDESK["PRIVACY_NOTICE_URL"] or "https://www.example.gov.uk/privacy-notice"  # noqa: F405
)
