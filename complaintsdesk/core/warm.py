"""Start-up work a web server process does before its first request (config/wsgi.py).

Without it the first request of every new worker process pays for what no later request
does: importing every view (the report pages bring in matplotlib for their charts) and
working out the council's bank holidays. Nothing here queries the database, so a server can
start while the database is still coming up; tests and management commands never call it.
"""

from django.urls import get_resolver

from complaintsdesk.deadlines.selectors import calendar_warm


def warm_start() -> None:
    get_resolver().url_patterns  # noqa: B018 - imports the URL configuration and every view
    calendar_warm()
