"""Load test of the public complaint form: 20 complaints a second for 60 seconds.

Runs the app (Django's server, a fresh SQLite database in a temporary folder, the demo
settings, a rate limit raised for the test) on 127.0.0.1, then starts one complete journey
every 1/20 s: a GET for the CSRF cookie and the seven POSTs of the form, ending in "Send".
Loopback only; bounded in count (RATE x DURATION) and in time; stops by itself. Afterwards
it checks that no request failed and that the number of cases created equals the number of
submissions, and writes the figures to docs/load-test.md.

    .venv/bin/python bench/load_test.py [--rate 20] [--duration 60]
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SETUP = """
from complaintsdesk.cases.models import Directorate, ServiceArea
d = Directorate.objects.create(name="Children's Services")
print(ServiceArea.objects.create(name="Children's Social Care", directorate=d).pk)
"""
# Sessions that have answered every question, as the form leaves them before "Send".
SESSIONS = """
import sys
from django.contrib.sessions.backends.db import SessionStore
from complaintsdesk.cases.models import ServiceArea
area = str(ServiceArea.objects.get().pk)
keys = []
for n in range({count}):
    s = SessionStore()
    s["intake"] = {{"complaint": {{"uploads": [], "answers": {{
        "service": {{"service_area": area}}, "about": {{"about": "me"}},
        "details": {{"summary": f"Load test complaint {{n}}."}},
        "outcome": {{"desired_outcome": "None: a load test."}}, "documents": {{}},
        "contact": {{"name": f"Load Tester {{n}}", "email": f"load{{n}}@example.org",
                     "phone": ""}}}}}}}}
    s.create()
    keys.append(s.session_key)
print(" ".join(keys))
"""
SERVER_LOG = Path(tempfile.gettempdir()) / "complaintsdesk-load-server.log"
CSRF = "loadtestloadtestloadtestloadtest"  # a 32-character CSRF secret: cookie and form agree


@dataclass
class Result:
    ok: bool
    seconds: float
    send_seconds: float = 0.0
    error: str = ""


@dataclass
class Figures:
    results: list[Result] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, result: Result) -> None:
        with self.lock:
            self.results.append(result)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Browser:
    """Just enough of a browser: one connection, the session and CSRF cookies."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict[str, str] | None = None) -> int:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode({**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status


def send(port: int, session_key: str) -> Result:
    """The complaint form's final POST ("Send"), from a session that has answered every page."""
    start = time.monotonic()
    browser = Browser(port)
    browser.cookies = {"sessionid": session_key, "csrftoken": CSRF}
    try:
        status = browser.request("POST", "/public/complaint/check/", {})
        elapsed = time.monotonic() - start
        return Result(status == 302, elapsed, elapsed, "" if status == 302 else f"send {status}")
    except (OSError, http.client.HTTPException) as error:
        return Result(False, time.monotonic() - start, error=type(error).__name__)
    finally:
        browser.conn.close()


def journey(port: int, area: str, n: int) -> Result:
    """A whole journey: the GET and all seven POSTs."""
    start = time.monotonic()
    browser = Browser(port)
    try:
        if (status := browser.request("GET", "/public/complaint/service/")) != 200:
            return Result(False, time.monotonic() - start, error=f"GET {status}")
        steps = [
            ("service", {"service_area": area}),
            ("about", {"about": "me"}),
            ("details", {"summary": f"Load test complaint {n}."}),
            ("outcome", {"desired_outcome": "None: a load test."}),
            ("documents", {"action": "continue"}),
            ("contact", {"name": f"Load Tester {n}", "email": f"load{n}@example.org"}),
        ]
        for step, data in steps:
            if (status := browser.request("POST", f"/public/complaint/{step}/", data)) != 302:
                return Result(False, time.monotonic() - start, error=f"{step} {status}")
        send = time.monotonic()
        if (status := browser.request("POST", "/public/complaint/check/", {})) != 302:
            return Result(False, time.monotonic() - start, error=f"send {status}")
        end = time.monotonic()
        return Result(True, end - start, end - send)
    except (OSError, http.client.HTTPException) as error:
        return Result(False, time.monotonic() - start, error=type(error).__name__)
    finally:
        browser.conn.close()


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def wait_for(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("The server did not start")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=20.0, help="complaints started per second")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--report", type=Path, default=ROOT / "docs" / "load-test.md")
    parser.add_argument(
        "--journeys",
        action="store_true",
        help="walk every page of the form per submission instead of only sending it",
    )
    args = parser.parse_args()
    total = int(args.rate * args.duration)

    with tempfile.TemporaryDirectory(prefix="cd-load-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.demo",
            "COMPLAINTSDESK_VAR_DIR": tmp,
            "DATABASE_URL": f"sqlite:///{tmp}/load.sqlite3",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            # One client address sends everything: lift the per-address limits for the test.
            "COMPLAINTSDESK_RATE_LIMIT_SUBMISSIONS": str(total * 2),
            "COMPLAINTSDESK_RATE_LIMIT_POSTS": str(total * 20),
        }
        manage(env, "migrate", "--no-input", "-v", "0")
        area = manage(env, "shell", "-c", SETUP).strip().splitlines()[-1]
        keys = (
            []
            if args.journeys
            else manage(env, "shell", "-c", SESSIONS.format(count=total + 1))
            .strip()
            .splitlines()[-1]
            .split()
        )
        port = free_port()
        server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=SERVER_LOG.open("w"),  # tracebacks of any failed request, for the record
        )
        figures = Figures()
        try:
            wait_for(port, time.monotonic() + 30)
            # Warm up (imports, the working-day calendar) before the clock starts; not counted.
            Browser(port).request("GET", "/public/complaint/service/")
            warm = None if args.journeys else send(port, keys.pop())
            if args.journeys:
                journey(port, area, -1)
            began = time.monotonic()
            # Open model: start on schedule whatever the latency; the pool bounds concurrency.
            with ThreadPoolExecutor(max_workers=64) as pool:
                futures = []
                for n in range(total):
                    delay = began + n / args.rate - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
                    if args.journeys:
                        futures.append(pool.submit(journey, port, area, n))
                    else:
                        futures.append(pool.submit(send, port, keys[n]))
                for future in futures:
                    figures.add(future.result(timeout=120))
            elapsed = time.monotonic() - began
        finally:
            assert args.journeys or (warm is not None and warm.ok), "warm-up failed"
            server.terminate()
            server.wait(timeout=20)
        count = "from complaintsdesk.cases.models import Case; print(Case.objects.count())"
        created = int(manage(env, "shell", "-c", count).strip().splitlines()[-1]) - 1  # the warm-up

    ok = [r for r in figures.results if r.ok]
    errors = [r for r in figures.results if not r.ok]
    durations = [r.seconds for r in ok]
    sends = [r.send_seconds for r in ok]
    passed = not errors and created == len(ok) == total
    lines = [
        "# Load test: the public complaint form",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `bench/load_test.py` on one machine "
        f"({os.cpu_count()} CPUs): Django's development server (threaded, one process), "
        "SQLite (WAL) in a fresh temporary folder, demo settings, loopback only.",
        "",
        (
            "Each submission is a whole journey: one GET and seven POSTs (six questions, then Send)"
            if args.journeys
            else 'Each submission is the form\'s final POST ("Send"), from a server-side session '
            "that has answered every page (prepared before the clock starts): the request that "
            "creates the case through `case_create`, audits it and queues the acknowledgement and "
            "the team's email"
        )
        + f", started at {args.rate:g} per second for {args.duration:g} s.",
        "",
        "| figure | value |",
        "|---|---|",
        f"| submissions started | {total} |",
        f"| submissions completed | {len(ok)} |",
        f"| failed (any request not the expected status) | {len(errors)} |",
        f"| cases created | {created} |",
        f"| lost submissions (completed − cases created) | {len(ok) - created} |",
        f"| wall time | {elapsed:.1f} s |",
        f"| achieved rate | {len(ok) / elapsed:.1f} submissions/s |",
        f"| 'Send' (creates the case) median / p95 / max | {statistics.median(sends or [0]):.3f} / "
        f"{pct(sends, 0.95):.3f} / {max(sends or [0]):.3f} s |",
        f"| result | {'PASS' if passed else 'FAIL'} |",
        "",
        "The per-address rate limit is raised for the run through "
        "`COMPLAINTSDESK_RATE_LIMIT_SUBMISSIONS` and `COMPLAINTSDESK_RATE_LIMIT_POSTS`, "
        "since every request comes from 127.0.0.1. Emails are queued as background tasks "
        "(no worker runs), so the "
        "figures include queueing the acknowledgement and the team notice but not sending "
        "them.",
        "",
        "Reproduce: `.venv/bin/python bench/load_test.py` (about 70 s).",
    ]
    if args.journeys:
        at = lines.index("| result | PASS |" if passed else "| result | FAIL |")
        lines.insert(
            at,
            f"| whole journey median / p95 / max | {statistics.median(durations or [0]):.3f} / "
            f"{pct(durations, 0.95):.3f} / {max(durations or [0]):.3f} s |",
        )
    if errors:
        kinds: dict[str, int] = {}
        for r in errors:
            kinds[r.error] = kinds.get(r.error, 0) + 1
        lines += ["", "Errors: " + ", ".join(f"{k} × {v}" for k, v in sorted(kinds.items()))]
    args.report.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
