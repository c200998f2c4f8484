"""No silent fallback to the demo's settings (DEBUG on, a published secret) on a server."""

import os
import sys

MESSAGE = (
    "{program}: DJANGO_SETTINGS_MODULE is not set. Set it to config.settings.production on a "
    "server (docs/deployment.md) or config.settings.demo on your own machine (`make demo` "
    "sets it for you)."
)


def require_settings_module(program: str) -> None:
    """Exit with a clear message (status 2) unless DJANGO_SETTINGS_MODULE names the settings."""
    if not os.environ.get("DJANGO_SETTINGS_MODULE", "").strip():
        print(MESSAGE.format(program=program), file=sys.stderr)
        raise SystemExit(2)
