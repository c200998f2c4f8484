"""gunicorn for ComplaintsDesk: `gunicorn -c deploy/gunicorn.conf.py` (docs/deployment.md).

Every value can be changed from the environment (/etc/complaintsdesk/complaintsdesk.env).
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
# Behind nginx on the same machine by default; another address when the proxy is elsewhere.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: one request each. Two per CPU keeps the CPUs busy while others wait on the
# database; more only costs memory (about 150 MB each).
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
# Import the app (config.wsgi readies every view and the bank holidays) once, before forking:
# workers start ready and share that memory. No database connection is opened at import.
preload_app = True
# A report to PDF is the slowest page; nothing should take longer than this.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
# Recycle workers now and then: memory a long-lived process gathers is returned.
max_requests = 2000
max_requests_jitter = 200
# The app writes one JSON line per request with its request id (complaintsdesk/operations/logs.py);
# gunicorn's own access log would repeat it without the id.
accesslog = None
errorlog = "-"
# Trust X-Forwarded-* only from the proxy.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# No control socket: its default path is per user, so two servers on one host would share it.
control_socket_disable = True
