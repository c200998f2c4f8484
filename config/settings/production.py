"""Production: every secret from the environment, no defaults; HTTPS only, behind a TLS proxy.

Required: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and the trusted origins
(DJANGO_CSRF_TRUSTED_ORIGINS, or an https COMPLAINTSDESK_PUBLIC_URL). Missing any, the process
refuses to start and names it. `complaintsdesk check --deploy` is clean (tests/security).
"""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import PUBLIC_BASE_URL, SECRET_KEY, env_bool


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise RuntimeError(f"Set {name}: production settings have no default for it")
    return value


if not SECRET_KEY:
    raise RuntimeError("Set DJANGO_SECRET_KEY")
DEBUG = False
# base.py reads these with demo-friendly defaults; here they must be given.
ALLOWED_HOSTS = [h.strip() for h in _required("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
_required("DATABASE_URL")

# The TLS proxy in front (docs/deployment: nginx, a load balancer) terminates HTTPS and must
# set X-Forwarded-Proto itself, overwriting any value a client sent. Django then knows the
# request was secure: it sends HSTS, marks cookies secure and checks CSRF origins as https.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# /healthz and /readyz answer over plain HTTP too: HealthMiddleware runs before this redirect.
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Origins (scheme and host) whose form posts are accepted besides the request's own host:
# needed when the proxy reaches Django under another host name. Comma-separated, https only;
# without the variable, the public site's address (COMPLAINTSDESK_PUBLIC_URL) if it is https.
_origins = os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS")
if _origins is None:
    CSRF_TRUSTED_ORIGINS = [PUBLIC_BASE_URL] if PUBLIC_BASE_URL.startswith("https://") else []
else:
    CSRF_TRUSTED_ORIGINS = [o.strip() for o in _origins.split(",") if o.strip()]
    if any(not o.startswith("https://") for o in CSRF_TRUSTED_ORIGINS):
        raise RuntimeError(f"DJANGO_CSRF_TRUSTED_ORIGINS: use https:// origins, not {_origins}")
if not CSRF_TRUSTED_ORIGINS:
    raise RuntimeError(
        "Set DJANGO_CSRF_TRUSTED_ORIGINS (or an https:// COMPLAINTSDESK_PUBLIC_URL): the "
        "origins whose form posts are accepted"
    )

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
