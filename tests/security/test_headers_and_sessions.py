"""Headers on every response, the staff session's idle timeout, and production settings.

The browser side of the Content-Security-Policy (no violation, GOV.UK Frontend still starts)
is in tests/browser/test_content_security_policy.py.
"""

import base64
import hashlib
import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from complaintsdesk.accounts import roles
from complaintsdesk.api.services import api_token_issue
from tests.reporting_docs.data import build_world

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def manager():
    roles.ensure_roles()
    user = get_user_model().objects.create_user("manager", password="not-a-real-password-1")
    user.groups.set(roles.role_groups([roles.MANAGER]))
    return user


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


def _responses(client, manager) -> dict[str, object]:
    """One response of each kind the application makes: public, staff, export, API, errors."""
    build_world(scale=1)
    answers = {
        "public start": client.get("/public/"),
        "public question": client.get("/public/complaint/service/"),
        "sign-in": client.get("/accounts/sign-in/"),
        "not found": client.get("/no-such-page/"),
    }
    client.force_login(manager)
    answers |= {
        "case list": client.get("/cases/"),
        "case page": client.get("/cases/COM/1/"),
        "case list export": client.get("/cases/export.csv"),
        "audit export": client.get("/administration/audit.csv"),
        "annual report": client.get("/reports/annual/?year=2023-24"),
        "report workbook": client.get("/reports/annual/download/xlsx/?year=2023-24"),
    }
    client.logout()
    token = api_token_issue(actor=None, user=manager, name="test")
    answers["API"] = client.get("/api/v1/cases", HTTP_AUTHORIZATION=f"Bearer {token}")
    answers["API refused"] = client.get("/api/v1/cases")
    return answers


def test_every_kind_of_response_has_a_strict_policy_and_no_store(client, manager):
    responses = _responses(client, manager)

    for name, response in responses.items():
        assert response.status_code < 500, name
        directives = _directives(response)
        assert directives["default-src"] == ["'self'"], name
        assert directives["frame-ancestors"] == ["'none'"], name
        assert directives["object-src"] == ["'none'"], name
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], name
        assert "no-store" in response["Cache-Control"], name


def test_inline_script_and_styles_carry_the_nonce_the_policy_names(client, manager):
    build_world(scale=1)
    client.force_login(manager)
    for url in ("/public/", "/cases/", "/reports/annual/?year=2023-24"):
        response = client.get(url)
        html = response.content.decode()
        nonce = re.search(r"'nonce-([^']+)'", _directives(response)["script-src"][-1]).group(1)
        assert _directives(response)["style-src"] == ["'self'", f"'nonce-{nonce}'"]
        inline = re.findall(r"<(script|style)( nonce=\"([^\"]*)\")?>", html)
        assert inline, url  # the js-enabled snippet at least
        assert all(found_nonce == nonce for _, _, found_nonce in inline), url


def test_a_second_request_gets_a_new_nonce(client):
    first, second = client.get("/public/"), client.get("/public/")
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]


def test_html_report_download_allows_its_own_inline_style_by_hash(client, manager):
    build_world(scale=1)
    client.force_login(manager)

    response = client.get("/reports/annual/download/html/?year=2023-24")

    css = re.search(
        r"<style>(.*?)</style>", b"".join(response.streaming_content).decode(), flags=re.DOTALL
    ).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert _directives(response)["style-src"] == ["'self'", f"'sha256-{digest}'"]


def test_the_pdf_report_has_no_policy_that_would_block_chrome_s_pdf_viewer(client, manager):
    build_world(scale=1)
    client.force_login(manager)

    response = client.get("/reports/annual/download/pdf/?year=2023-24")

    assert response["Content-Disposition"].startswith("inline")
    assert "Content-Security-Policy" not in response
    assert "no-store" in response["Cache-Control"]


def test_static_assets_keep_their_cache(client):
    # WhiteNoise answers before the no-store middleware, so fonts and icons stay cached.
    response = client.get("/assets/images/favicon.ico")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# --- sessions: a working day idle ends a staff session; work keeps it alive -------------


def test_staff_session_ends_after_a_working_day_idle(client, manager):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.post(
            "/accounts/sign-in/",
            {"username": "manager", "password": "not-a-real-password-1"},
        )
        assert client.get("/cases/").status_code == 200
        # A long day of work, a page every couple of hours: never idle for 8 hours.
        for _ in range(6):
            clock.shift(timedelta(hours=2))
            assert client.get("/cases/").status_code == 200, "signed out while working"
        clock.shift(timedelta(hours=8, minutes=2))
        response = client.get("/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


def test_the_session_is_saved_at_most_once_a_minute_while_working(client, manager):
    client.force_login(manager)
    client.get("/cases/")  # the first signed-in page pushes the expiry back
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        response = client.get("/cases/")
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # not saved again so soon
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        response = client.get("/cases/")
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 8 * 60 * 60


# --- production settings ----------------------------------------------------------------

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_ALLOWED_HOSTS": "complaints.example.gov.uk",
    "COMPLAINTSDESK_PUBLIC_URL": "https://complaints.example.gov.uk",
}


def _production(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "COMPLAINTSDESK_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/production.sqlite3",
        **PRODUCTION_ENV,
        **env,
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = _production(tmp_path, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


PROXY_PROBE = """
import django; django.setup()
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="complaints.example.gov.uk")
over_tls = client.get("/no-such-page/", HTTP_X_FORWARDED_PROTO="https")
plain = client.get("/no-such-page/")
print(over_tls.get("Strict-Transport-Security"))
print(plain.status_code, plain.get("Location"))
print(settings.CSRF_TRUSTED_ORIGINS)
"""


def test_production_honours_the_tls_proxy(tmp_path):
    result = _production(tmp_path, "-c", PROXY_PROBE)
    assert result.returncode == 0, result.stderr
    hsts, redirect, origins = result.stdout.splitlines()
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert redirect == "301 https://complaints.example.gov.uk/no-such-page/"
    assert origins == "['https://complaints.example.gov.uk']"


def test_production_refuses_a_plain_http_trusted_origin(tmp_path):
    result = _production(
        tmp_path, "-c", "import django; django.setup()", DJANGO_CSRF_TRUSTED_ORIGINS="http://x"
    )
    assert result.returncode != 0
    assert "DJANGO_CSRF_TRUSTED_ORIGINS" in result.stderr
