"""Nothing starts on the demo's settings by accident; production names what it lacks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).parent / "complaintsdesk"


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def _bare_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "COMPLAINTSDESK_"))}
    env.pop("DATABASE_URL", None)
    return {**env, **extra}


@pytest.mark.parametrize(
    "command",
    [
        [str(CLI), "check"],
        [sys.executable, "manage.py", "check"],
        [sys.executable, "-c", "import config.wsgi"],
    ],
    ids=["complaintsdesk", "manage.py", "config.wsgi"],
)
def test_without_a_settings_module_nothing_starts(command):
    result = _run(command, _bare_env())
    assert result.returncode == 2, result.stdout + result.stderr
    assert "DJANGO_SETTINGS_MODULE is not set" in result.stderr
    assert "config.settings.production" in result.stderr


def test_the_demo_settings_still_work_when_named(tmp_path):
    env = _bare_env(
        DJANGO_SETTINGS_MODULE="config.settings.demo", COMPLAINTSDESK_VAR_DIR=str(tmp_path)
    )
    result = _run([str(CLI), "check"], env)
    assert result.returncode == 0, result.stderr


def test_the_makefile_demo_names_its_settings():
    makefile = (ROOT / "Makefile").read_text()
    assert "demo: export DJANGO_SETTINGS_MODULE := config.settings.demo" in makefile


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "complaints.example.gov.uk",
    "DATABASE_URL": "postgres://complaints@db.internal:5432/complaintsdesk",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://complaints.example.gov.uk",
}


@pytest.mark.parametrize(
    ("missing", "named"),
    [
        ("DJANGO_SECRET_KEY", "DJANGO_SECRET_KEY"),
        ("DJANGO_ALLOWED_HOSTS", "DJANGO_ALLOWED_HOSTS"),
        ("DATABASE_URL", "DATABASE_URL"),
        ("DJANGO_CSRF_TRUSTED_ORIGINS", "DJANGO_CSRF_TRUSTED_ORIGINS"),
    ],
)
def test_production_refuses_to_start_without_each_required_setting(tmp_path, missing, named):
    env = _bare_env(COMPLAINTSDESK_VAR_DIR=str(tmp_path), **PRODUCTION)
    del env[missing]
    result = _run([sys.executable, "-c", "import django; django.setup()"], env)
    assert result.returncode != 0
    assert named in result.stderr.splitlines()[-1]


def test_production_starts_with_all_of_them(tmp_path):
    env = _bare_env(COMPLAINTSDESK_VAR_DIR=str(tmp_path), **PRODUCTION)
    probe = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS, s.SESSION_COOKIE_SECURE, "
        "s.SECURE_PROXY_SSL_HEADER, s.SESSION_ENGINE)"
    )
    result = _run([sys.executable, "-c", probe], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "['complaints.example.gov.uk']",
        "['https://complaints.example.gov.uk']",
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "django.contrib.sessions.backends.db",  # shared by every app server
    ]


HEALTH_PROBE = """
import django; django.setup()
from django.test import Client
client = Client(HTTP_HOST="10.0.0.7")  # a load balancer probing by address, over plain HTTP
for path in ("/healthz", "/readyz", "/cases/"):
    response = client.get(path)
    print(path, response.status_code, response.get("Location", "-"))
"""


def test_health_answers_plain_http_by_address_under_production_settings(tmp_path):
    env = _bare_env(
        COMPLAINTSDESK_VAR_DIR=str(tmp_path),
        **{**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path}/empty.sqlite3"},
    )
    result = _run([sys.executable, "-c", HEALTH_PROBE], env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "/healthz 200 -"
    assert lines[1] == "/readyz 503 -"  # an empty database: not ready, and says so
    assert lines[2].startswith("/cases/ 400")  # every other page: the host check still holds
