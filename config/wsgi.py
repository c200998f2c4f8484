"""The WSGI entry point for gunicorn (deploy/gunicorn.conf.py). It never guesses the settings:
without DJANGO_SETTINGS_MODULE it refuses to start (config/settings/require.py)."""

from config.settings.require import require_settings_module

require_settings_module("config.wsgi")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

# Before the first request, not during it (complaintsdesk/core/warm.py).
from complaintsdesk.core.warm import warm_start  # noqa: E402

warm_start()
