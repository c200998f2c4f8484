"""A real OpenID provider (scripts/oidc-test-provider, npm's oidc-provider) in a subprocess,
registered with the live server's callback address."""

import json
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

from complaintsdesk.accounts.oidc import discovery_forget

ROOT = Path(__file__).resolve().parents[2]
OFFICERS_GROUP = "0f6c6c0e-officers"  # Entra ID sends group object ids
ACCOUNTS = [
    {
        "login": "alice",
        "password": "alice-password",
        "sub": "sub-alice-1",
        "email": "alice.jones@example.gov.uk",
        "name": "Alice Jones",
        "groups": [OFFICERS_GROUP, "some-other-group"],
    },
    {
        "login": "bob",
        "password": "bob-password",
        "sub": "sub-bob-2",
        "email": "bob.smith@example.gov.uk",
        "name": "Bob Smith",
        "groups": ["some-other-group"],
    },
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def oidc_provider(live_server, tmp_path_factory):
    accounts = tmp_path_factory.mktemp("oidc") / "accounts.json"
    accounts.write_text(json.dumps(ACCOUNTS))
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            str(ROOT / "scripts" / "oidc-test-provider"),
            str(port),
            str(accounts),
            f"{live_server.url}/accounts/council/callback/",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120  # the first run may `npm ci`
    while True:
        try:
            if requests.get(issuer + "/.well-known/openid-configuration", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the test OpenID provider did not start: {process.stderr.read()}")
        time.sleep(0.2)
    yield issuer
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def sso(settings, oidc_provider):
    """Single sign-on on, against the test provider, with one group mapped to a role."""
    settings.OIDC_ISSUER = oidc_provider
    settings.OIDC_RP_CLIENT_ID = "complaintsdesk"
    settings.OIDC_RP_CLIENT_SECRET = "complaintsdesk-test-secret"
    settings.OIDC_ROLE_GROUPS = {OFFICERS_GROUP: ["Complaints officer"]}
    discovery_forget()
    yield oidc_provider
    discovery_forget()
