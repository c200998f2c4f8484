"""`make demo PORT=…`: a taken port fails before anything starts, and leaves nothing running."""

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port something is listening on, for as long as the test runs."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def _workers() -> set[int]:
    """Ids of the live task-worker processes on this machine (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if b"db_worker" in (entry / "cmdline").read_bytes():
                    found.add(int(entry.name))
            except OSError:
                continue
    return found


def test_make_demo_on_a_taken_port_stops_at_the_first_step(taken_port: int) -> None:
    result = subprocess.run(
        ["make", "--no-print-directory", "demo", f"PORT={taken_port}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert f"Port {taken_port} is already in use" in result.stderr
    assert f"make demo PORT={taken_port + 1}" in result.stderr
    # Nothing after the check ran: no install, no migration, no sign-ins printed.
    assert "migrate" not in result.stdout + result.stderr
    assert "Demo sign-ins" not in result.stdout


@pytest.mark.parametrize("value", ["eighty", "0", "70000"])
def test_port_check_refuses_a_port_that_is_not_one(value: str) -> None:
    result = subprocess.run(
        [sys.executable, "scripts/port-free.py", value], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "PORT must be a number" in result.stderr


def test_port_check_passes_a_free_port() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    result = subprocess.run(
        [sys.executable, "scripts/port-free.py", str(free)], cwd=ROOT, capture_output=True
    )
    assert result.returncode == 0


def test_demo_serve_on_a_taken_port_starts_no_worker(taken_port: int) -> None:
    before = _workers()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.demo"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "complaintsdesk.cli",
            "demo_serve",
            "--addrport",
            f"127.0.0.1:{taken_port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = process.communicate(timeout=120)
    assert process.returncode != 0
    assert "already in use" in err
    assert "Task worker started" not in out
    assert "Demo sign-ins" not in out
    assert _workers() - before == set()  # no worker started, so none left running
