"""Settings shared by every environment; everything that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("COMPLAINTSDESK_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ["DJANGO_SECRET_KEY"] if "DJANGO_SECRET_KEY" in os.environ else None
DEBUG = env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = [
    h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "complaintsdesk.core",
    "complaintsdesk.deadlines",
    "complaintsdesk.people",
    "complaintsdesk.cases",
    "complaintsdesk.privacy",
    "complaintsdesk.intake",
    "complaintsdesk.reporting",
    "complaintsdesk.codecompliance",
    "complaintsdesk.exchange",
    "complaintsdesk.api",
    "complaintsdesk.accounts",
    "complaintsdesk.notifications",
    "complaintsdesk.reminders",
    "complaintsdesk.correspondence",
    "complaintsdesk.demo",
    "complaintsdesk.operations",
]

MIDDLEWARE = [
    # First: /healthz and /readyz answer before the host check and the HTTPS redirect.
    "complaintsdesk.operations.health.HealthMiddleware",
    "complaintsdesk.operations.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "complaintsdesk.core.middleware.NulRefusedMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "complaintsdesk.core.middleware.NoStoreMiddleware",
    "complaintsdesk.core.middleware.SessionIdleTimeoutMiddleware",
]

# Content-Security-Policy on every response (django-csp). Scripts and styles come from this
# site only; the one inline script (GOV.UK Frontend's js-enabled class) and the inline
# <style> blocks carry the request's nonce (`request.csp_nonce`). Report charts are data:
# images. Nothing may frame the pages, and forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Sessions end after a working day without a request (SessionIdleTimeoutMiddleware keeps an
# active one alive, saving it at most once a minute). Public forms' answers expire with it.
SESSION_COOKIE_AGE = int(float(os.environ.get("COMPLAINTSDESK_SESSION_IDLE_HOURS", 8)) * 3600)
SESSION_REFRESH_SECONDS = 60

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "complaintsdesk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "complaintsdesk.core.context_processors.council",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'complaintsdesk.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer writes; IMMEDIATE avoids upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "complaintsdesk" / "static"]

# Uploaded documents live outside the web root and are served only through the access check.
# With several app servers, DOCUMENTS_ROOT is a folder every server mounts (NFS, a shared
# disk: docs/deployment.md), so a document uploaded through one is read through another.
DOCUMENTS_ROOT = Path(os.environ.get("COMPLAINTSDESK_DOCUMENTS_ROOT") or VAR_DIR / "documents")
MEDIA_ROOT = DOCUMENTS_ROOT
DOCUMENT_MAX_BYTES = int(os.environ.get("COMPLAINTSDESK_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024))

# Bounds on what an import or an upload may make us read (docs/operations.md, "Limits").
# Together they keep an import under 512 MB of memory whatever the file holds.
MIB = 1024 * 1024
INPUT_LIMITS = {
    # Any zip: an import's .zip or .xlsx, an uploaded Word document.
    "ZIP_MAX_ENTRIES": int(os.environ.get("COMPLAINTSDESK_ZIP_MAX_ENTRIES", 1000)),
    "ZIP_MAX_RATIO": int(os.environ.get("COMPLAINTSDESK_ZIP_MAX_RATIO", 100)),
    # Bytes one import reads in all, after inflating; rows per file; characters per cell.
    "IMPORT_MAX_BYTES": int(os.environ.get("COMPLAINTSDESK_IMPORT_MAX_BYTES", 48 * MIB)),
    "IMPORT_MAX_ROWS": int(os.environ.get("COMPLAINTSDESK_IMPORT_MAX_ROWS", 80_000)),
    "IMPORT_MAX_CELL_CHARS": int(os.environ.get("COMPLAINTSDESK_IMPORT_MAX_CELL_CHARS", 1_000_000)),
    # An uploaded Word document, inflated.
    "DOCUMENT_MAX_INFLATED_BYTES": int(
        os.environ.get("COMPLAINTSDESK_DOCUMENT_MAX_INFLATED_BYTES", 100 * MIB)
    ),
}

# The most records a report section lists (stage 2 and 3 cases, Ombudsman decisions,
# learning): the latest, with the total and a link to them all. One council lists far fewer;
# the bound keeps the report and its documents quick at any size (docs/reports.md).
REPORT_LIST_LIMIT = int(os.environ.get("COMPLAINTSDESK_REPORT_LIST_LIMIT", 200))
# The self-assessment flags a provision answered "yes" when fewer than this percentage of
# the year's corporate stages met the Code's timescale.
CODE_ON_TIME_THRESHOLD_PCT = float(os.environ.get("COMPLAINTSDESK_CODE_ON_TIME_THRESHOLD_PCT", 90))

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# With DJANGO_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (tests of the
# whole stack: scripts/production-check), each message is written to a file here.
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH", str(VAR_DIR / "email"))
DEFAULT_FROM_EMAIL = os.environ.get("COMPLAINTSDESK_FROM_EMAIL", "complaints@example.gov.uk")
COMPLAINTS_TEAM_EMAIL = os.environ.get(
    "COMPLAINTSDESK_TEAM_EMAIL", "complaints-team@example.gov.uk"
)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The council's settings (see docs/): calendar, acknowledgement target, small-number threshold.
COMPLAINTSDESK = {
    "COUNCIL_NAME": os.environ.get("COMPLAINTSDESK_COUNCIL_NAME", "Example Council"),
    "CALENDAR": os.environ.get("COMPLAINTSDESK_CALENDAR", "ENG"),  # ENG, SCT or NIR
    "SUPPRESSION_THRESHOLD": int(os.environ.get("COMPLAINTSDESK_SUPPRESSION_THRESHOLD", 5)),
    "PERCENT_MIN_DENOMINATOR": int(os.environ.get("COMPLAINTSDESK_PERCENT_MIN_DENOMINATOR", 10)),
    # The directorate the children's statutory report covers (its preset's default scope).
    "CHILDREN_DIRECTORATE": os.environ.get(
        "COMPLAINTSDESK_CHILDREN_DIRECTORATE", "Children's Services"
    ),
    # The directorate the adults' regulation 18 report covers.
    "ADULTS_DIRECTORATE": os.environ.get("COMPLAINTSDESK_ADULTS_DIRECTORATE", "Adults"),
    # Footer links on every page. Blank: the privacy notice link is left out; the accessibility
    # statement and cookies links go to this service's own pages (/public/accessibility/, ...).
    "PRIVACY_NOTICE_URL": os.environ.get("COMPLAINTSDESK_PRIVACY_NOTICE_URL", ""),
    "ACCESSIBILITY_STATEMENT_URL": os.environ.get("COMPLAINTSDESK_ACCESSIBILITY_STATEMENT_URL", ""),
    "COOKIES_URL": os.environ.get("COMPLAINTSDESK_COOKIES_URL", ""),
}

# JSON lines on standard error (journald keeps them), each with its request id; one line per
# request from complaintsdesk.request. No personal data (complaintsdesk/operations/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "complaintsdesk.operations.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("COMPLAINTSDESK_LOG_LEVEL", "WARNING"),
    },
    "loggers": {
        name: {"level": os.environ.get("COMPLAINTSDESK_REQUEST_LOG_LEVEL", "INFO")}
        for name in ("complaintsdesk.request", "complaintsdesk.scheduler")
    },
}
# /readyz is not ready when the task worker has not run its heartbeat for this long (it is
# queued every minute by `complaintsdesk heartbeat`, config/schedule.py).
OPERATIONS = {
    "WORKER_SEEN_WITHIN_SECONDS": int(os.environ.get("COMPLAINTSDESK_WORKER_SEEN_WITHIN", 300)),
}

# GOV.UK Frontend's CSS asks for its fonts and images at /assets/: WhiteNoise serves this root.
WHITENOISE_ROOT = BASE_DIR / "complaintsdesk" / "webroot"

# --- Public forms, email and reminders (intake, notifications, reminders) ---------------------
# Links in emails point here (the public site's address, no trailing slash).
PUBLIC_BASE_URL = os.environ.get("COMPLAINTSDESK_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
# SMTP: set DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and these.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
# GOV.UK Notify: DJANGO_EMAIL_BACKEND=complaintsdesk.notifications.backends.NotifyEmailBackend;
# one generic template whose body is ((body)) and subject ((subject)).
NOTIFY_API_KEY = os.environ.get("COMPLAINTSDESK_NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = os.environ.get("COMPLAINTSDESK_NOTIFY_TEMPLATE_ID", "")
NOTIFY_REPLY_TO_ID = os.environ.get("COMPLAINTSDESK_NOTIFY_REPLY_TO_ID", "")
# Letters posted by GOV.UK Notify: one generic letter template, ((subject)) and ((body)).
NOTIFY_LETTER_TEMPLATE_ID = os.environ.get("COMPLAINTSDESK_NOTIFY_LETTER_TEMPLATE_ID", "")

# The team's shared mailbox (IMAP), read by `complaintsdesk mailbox` (docs/correspondence.md).
MAILBOX = {
    "HOST": os.environ.get("COMPLAINTSDESK_MAILBOX_HOST", ""),
    "PORT": int(os.environ.get("COMPLAINTSDESK_MAILBOX_PORT", 993)),
    "SSL": env_bool("COMPLAINTSDESK_MAILBOX_SSL", True),
    "USER": os.environ.get("COMPLAINTSDESK_MAILBOX_USER", ""),
    "PASSWORD": os.environ.get("COMPLAINTSDESK_MAILBOX_PASSWORD", ""),
    "FOLDER": os.environ.get("COMPLAINTSDESK_MAILBOX_FOLDER", "INBOX"),
    # Where new complaints by email are logged until triage moves them.
    "SERVICE_AREA": os.environ.get("COMPLAINTSDESK_MAILBOX_SERVICE_AREA", ""),
    "MAX_MESSAGES": int(os.environ.get("COMPLAINTSDESK_MAILBOX_MAX_MESSAGES", 200)),
}
INTAKE = {
    # Per client address: form posts per window, and completed submissions per window.
    "RATE_LIMIT_WINDOW_SECONDS": int(os.environ.get("COMPLAINTSDESK_RATE_LIMIT_WINDOW", 600)),
    "RATE_LIMIT_POSTS": int(os.environ.get("COMPLAINTSDESK_RATE_LIMIT_POSTS", 200)),
    "RATE_LIMIT_SUBMISSIONS": int(os.environ.get("COMPLAINTSDESK_RATE_LIMIT_SUBMISSIONS", 10)),
    # Behind a proxy, the client address is the last X-Forwarded-For hop it added.
    "TRUST_X_FORWARDED_FOR": env_bool("COMPLAINTSDESK_TRUST_X_FORWARDED_FOR"),
    "MAX_FILES": int(os.environ.get("COMPLAINTSDESK_INTAKE_MAX_FILES", 5)),
    "TEXT_MAX_CHARS": 20_000,
}
REMINDERS = {
    "RESPONSE_DUE_WITHIN_WORKING_DAYS": 2,
    "LGSCO_COMPLIANCE_WITHIN_WORKING_DAYS": 5,
    # The first run ever invites feedback for cases closed in this many days, not all history.
    "FEEDBACK_FIRST_RUN_DAYS": 7,
    "LOCK_STALE_MINUTES": 60,
}

# --- Single sign-on (OpenID Connect) and two-step sign-in ------------------------------------
from config.settings.sso import *  # noqa: E402, F403
