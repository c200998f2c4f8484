"""django-helpdesk 2.6.1's report pages on the same machine, for the report benchmark's ratio.

    python -m bench.helpdesk_bench [--tickets 100000]

Installs django-helpdesk (with pinax-teams, which its migrations need) into a throwaway
virtualenv (var/bench-helpdesk/venv, made with the project's uv; nothing of it is committed
or touches .venv), writes a small settings module and URL configuration beside it, and runs
bench/helpdesk_harness.py there: 12 queues, 20 staff, N tickets and 3N follow-ups in a
fresh SQLite database, its reports index and each report timed through its own views.
Returns (and prints) the harness's JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HOME = ROOT / "var" / "bench-helpdesk"
VERSION = "2.6.1"

SETTINGS = """
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECRET_KEY = "helpdesk-bench-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost"]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.sites",
    "django.contrib.messages",
    "django.contrib.humanize",
    "django.contrib.staticfiles",
    "rest_framework",
    "account",
    "pinax.invitations",
    "pinax.teams",
    "reversion",
    "helpdesk",
]
SITE_ID = 1
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "helpdesk_bench_urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                         "NAME": HERE / "helpdesk.sqlite3"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "Europe/London"
STATIC_URL = "/static/"
LOGIN_URL = "/helpdesk/login/"
"""

URLS = """
from django.urls import include, path

urlpatterns = [path("helpdesk/", include("helpdesk.urls", namespace="helpdesk"))]
"""


def _venv_python() -> Path:
    python = HOME / "venv" / "bin" / "python"
    if not python.exists():
        uv = ROOT / ".tools" / "bin" / "uv"
        subprocess.run(
            [str(uv), "venv", "-q", "--python", sys.executable, str(HOME / "venv")], check=True
        )
    check = subprocess.run(
        [
            str(python),
            "-c",
            "from importlib.metadata import version; print(version('django-helpdesk'))",
        ],
        capture_output=True,
        text=True,
    )
    if check.stdout.strip() != VERSION:
        uv = ROOT / ".tools" / "bin" / "uv"
        subprocess.run(
            [
                str(uv),
                "pip",
                "install",
                "-q",
                "--python",
                str(python),
                f"django-helpdesk[teams]=={VERSION}",
            ],
            check=True,
        )
    return python


def helpdesk_run(*, tickets: int, timeout: float = 120.0) -> dict[str, Any]:
    """Run the harness over `tickets` tickets; {} (and a message) if it could not run."""
    HOME.mkdir(parents=True, exist_ok=True)
    try:
        python = _venv_python()
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"django-helpdesk could not be installed: {error}", file=sys.stderr)
        return {}
    (HOME / "helpdesk_bench_settings.py").write_text(SETTINGS)
    (HOME / "helpdesk_bench_urls.py").write_text(URLS)
    (HOME / "helpdesk.sqlite3").unlink(missing_ok=True)
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VIRTUAL_ENV")},
        "DJANGO_SETTINGS_MODULE": "helpdesk_bench_settings",
        "PYTHONPATH": str(HOME),
        "PYTHONWARNINGS": "ignore",  # its own naive-datetime warnings, not ours to fix
    }
    print(f"django-helpdesk {VERSION}, {tickets:,} tickets …", file=sys.stderr, flush=True)
    out = subprocess.run(
        [
            str(python),
            str(ROOT / "bench" / "helpdesk_harness.py"),
            "--tickets",
            str(tickets),
            "--timeout",
            str(timeout),
        ],
        env=env,
        cwd=HOME,
        stdout=subprocess.PIPE,
        text=True,
    )
    (HOME / "helpdesk.sqlite3").unlink(missing_ok=True)
    if out.returncode != 0:
        print(f"django-helpdesk's harness failed ({out.returncode})", file=sys.stderr)
        return {}
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    print(json.dumps(helpdesk_run(tickets=args.tickets, timeout=args.timeout), indent=2))


if __name__ == "__main__":
    main()
