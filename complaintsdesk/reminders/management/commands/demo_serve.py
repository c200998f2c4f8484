"""`complaintsdesk demo_serve`: the background worker and the web server together, for `make demo`.

The worker (django_tasks_db's `db_worker`) runs as a child process so emails queued by the
forms and reminders are sent (to the console in the demo); it stops when the server stops.
"""

import importlib
import os
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

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


class Command(BaseCommand):
    help = "Run the task worker and the development server on 127.0.0.1:8000 (the demo)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args: Any, addrport: str, **options: Any) -> None:
        env = {**os.environ}
        env.setdefault(
            "DJANGO_SETTINGS_MODULE",
            os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.demo"),
        )
        worker = subprocess.Popen(
            # No autoreload: it cannot restart a module run this way, and the demo does not need it.
            [sys.executable, "-m", "complaintsdesk.cli", "db_worker", "--no-reload"],
            env=env,
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
