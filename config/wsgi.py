import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.demo")
application = get_wsgi_application()

# Before the first request, not during it (complaintsdesk/core/warm.py).
from complaintsdesk.core.warm import warm_start  # noqa: E402

warm_start()
