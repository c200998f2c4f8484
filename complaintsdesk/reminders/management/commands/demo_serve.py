"""`complaintsdesk demo_serve`: the background worker and the web server together, for `make demo`.

The worker (django_tasks_db's `db_worker`) runs as a child process so emails queued by the
forms and reminders are sent (to the console in the demo); it stops when the server stops.

The address is checked before anything starts: a taken port is refused with a message and
nothing left running. Django's runserver ends its process with os._exit on a port error, so
no `finally` would run; on Linux the worker is also told to stop when this process dies.
"""

import ctypes
import importlib
import os
import signal
import socket
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAMES = (
    "officer",
    "manager",
    "responder",
    "investigator",
    "independent",
    "panel",
    "leader",
)
DEMO_PASSWORD = "demo-password-2024!"


def demo_sign_ins() -> list[tuple[str, str]]:
    """The demo package's own list when it has one; else the documented demo users."""
    try:
        demo: Any = importlib.import_module("complaintsdesk.demo")
    except ImportError:
        demo = None
    try:
        users_module: Any = importlib.import_module("complaintsdesk.demo.users")
        return [(u, users_module.DEMO_PASSWORD) for u in users_module.ROLES]
    except (ImportError, AttributeError):
        pass
    for name in ("DEMO_SIGN_INS", "DEMO_USERS"):
        users = getattr(demo, name, None)
        if users:
            password = getattr(demo, "DEMO_PASSWORD", DEMO_PASSWORD)
            if isinstance(users, dict):
                return [(str(u), str(p)) for u, p in users.items()]
            return [(u, password) if isinstance(u, str) else (str(u[0]), str(u[1])) for u in users]
    return [(username, DEMO_PASSWORD) for username in DEMO_USERNAMES]


def address_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def split_addrport(addrport: str) -> tuple[str, int]:
    host, _, port = addrport.rpartition(":")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(f"Give the address as host:port, such as 127.0.0.1:8000, not {addrport}")
    return host or "127.0.0.1", int(port)


def _stop_with_parent() -> None:
    """In the worker, before it runs: ask Linux to send SIGTERM when the server process dies."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the `finally` below still stops it on a normal exit


class Command(BaseCommand):
    help = "Run the task worker and the development server on 127.0.0.1:8000 (the demo)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args: Any, addrport: str, **options: Any) -> None:
        host, port = split_addrport(addrport)
        if not address_free(host, port):
            raise CommandError(
                f"{host}:{port} is already in use. Stop what is using it, or choose another "
                f"port: make demo PORT={port + 1 if port < 65535 else 8080}"
            )
        env = {**os.environ}
        env.setdefault(
            "DJANGO_SETTINGS_MODULE",
            os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.demo"),
        )
        worker = subprocess.Popen(
            # No autoreload: it cannot restart a module run this way, and the demo does not need it.
            [sys.executable, "-m", "complaintsdesk.cli", "db_worker", "--no-reload"],
            env=env,
            preexec_fn=_stop_with_parent,  # noqa: PLW1509  (no threads yet: safe)
        )
        try:
            self.stdout.write(f"Task worker started (pid {worker.pid}).")
            self.stdout.write(
                f"ComplaintsDesk demo at http://{addrport}/  (public forms at /public/)"
            )
            self.stdout.write("Demo sign-ins:")
            for username, password in demo_sign_ins():
                self.stdout.write(f"  {username:<14} {password}")
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
