"""Load test through nginx and TLS: two app servers against one, in the same run.

Brings up the production stack of scripts/production-check (a fresh PostgreSQL database, two
gunicorn servers with two workers each, the task worker, the scheduler, nginx with TLS), then
for one server (nginx's port for server A alone) and for two (nginx's port balancing both):
  1. public form submissions: CLIENTS clients each walk the whole complaint form (a GET and
     eight POSTs, ending in "Send") again and again for DURATION seconds;
  2. the case list: CLIENTS signed-in clients each load /cases/ again and again for DURATION s.
It counts completed submissions per second, failures (any status not the expected one), and
checks nothing was lost (every completed "Send" made exactly one case), and times the case
list (median, p95). Loopback only, bounded in time; stops everything it started.
Writes the figures between the markers in docs/deployment.md.

    .venv/bin/python bench/stack_load.py [--clients 8] [--duration 20] [--no-write]
"""

import argparse
import http.client
import os
import secrets
import shutil
import ssl
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from production_check import PASSWORD, Stack, stack_up, wait_until  # noqa: E402

DOC = ROOT / "docs" / "deployment.md"
BEGIN, END = "<!-- stack-load:begin -->", "<!-- stack-load:end -->"


class Client:
    """One keep-alive HTTPS connection with its cookies, as a browser tab would hold."""

    def __init__(self, port: int, cert: Path) -> None:
        self.port = port
        self.context = ssl.create_default_context(cafile=str(cert))
        self.conn = self._connect()
        self.cookies: dict[str, str] = {}

    def _connect(self) -> http.client.HTTPSConnection:
        return http.client.HTTPSConnection("localhost", self.port, context=self.context, timeout=60)

    def request(self, method: str, path: str, data: dict[str, str] | None = None) -> int:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode({**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://localhost:{self.port}"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            self.conn.close()  # the proxy closed an idle keep-alive connection: reconnect once
            self.conn = self._connect()
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    ok: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)

    def add(self, ok: bool, seconds: float, error: str = "") -> None:
        with self.lock:
            if ok:
                self.ok += 1
                self.seconds.append(seconds)
            else:
                self.errors[error] += 1


def journey(client: Client, area: int, tag: str, n: int) -> tuple[bool, float, str]:
    """The whole complaint form once; the time is from the first GET to the confirmation."""
    start = time.monotonic()
    client.cookies.pop("sessionid", None)  # each submission is a new visitor's session
    if (status := client.request("GET", "/public/complaint/service/")) != 200:
        return False, 0.0, f"GET {status}"
    steps = [
        ("service", {"service_area": str(area)}),
        ("about", {"about": "me"}),
        ("details", {"summary": f"{tag} complaint {n}."}),
        ("when", {}),
        ("outcome", {"desired_outcome": "None: a load test."}),
        ("documents", {"action": "continue"}),
        ("contact", {"name": f"Load Tester {n}", "email": f"load{n}@example.org"}),
        ("check", {}),
    ]
    for step, data in steps:
        if (status := client.request("POST", f"/public/complaint/{step}/", data)) != 302:
            return False, 0.0, f"{step} {status}"
    return True, time.monotonic() - start, ""


def run_for(seconds: float, clients: list[Client], work, tally: Tally) -> float:
    began = time.monotonic()

    def loop(client: Client, index: int) -> None:
        n = 0
        while time.monotonic() - began < seconds:
            try:
                tally.add(*work(client, index * 100_000 + n))
            except (OSError, http.client.HTTPException) as error:
                tally.add(False, 0.0, type(error).__name__)
            n += 1

    threads = [threading.Thread(target=loop, args=(c, i)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.monotonic() - began


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


@dataclass
class Measure:
    """One configuration's figures, summed over its rounds."""

    label: str
    submissions: Tally = field(default_factory=Tally)
    listing: Tally = field(default_factory=Tally)
    submit_seconds: float = 0.0
    list_seconds: float = 0.0
    created: int = 0

    def figures(self) -> dict:
        errors = self.submissions.errors + self.listing.errors
        return {
            "label": self.label,
            "submitted": self.submissions.ok,
            "rate": self.submissions.ok / self.submit_seconds,
            "journey_p95": pct(self.submissions.seconds, 0.95),
            "errors": sum(errors.values()),
            "error_kinds": dict(errors),
            "created": self.created,
            "lost": self.submissions.ok - self.created,
            "lists": self.listing.ok,
            "list_rate": self.listing.ok / self.list_seconds,
            "list_median": statistics.median(self.listing.seconds or [0]),
            "list_p95": pct(self.listing.seconds, 0.95),
        }


def measure_round(
    stack: Stack, port: int, into: Measure, args: argparse.Namespace, area: int
) -> None:
    tag = f"Load-{secrets.token_hex(4)}"
    clients = [Client(port, stack.cert) for _ in range(args.clients)]
    into.submit_seconds += run_for(
        args.duration, clients, lambda c, n: journey(c, area, tag, n), into.submissions
    )
    into.created += int(
        stack.psql(
            f"SELECT count(*) FROM cases_case WHERE summary LIKE '{tag} complaint %'",
            stack.database_url,
        )
    )
    staff = [Client(port, stack.cert) for _ in range(args.clients)]
    for client in staff:
        client.request("GET", "/accounts/sign-in/")
        status = client.request(
            "POST", "/accounts/sign-in/", {"username": "checker", "password": PASSWORD}
        )
        assert status == 302, f"sign-in {status}"

    def case_list(client: Client, n: int) -> tuple[bool, float, str]:
        start = time.monotonic()
        status = client.request("GET", "/cases/")
        return status == 200, time.monotonic() - start, "" if status == 200 else f"list {status}"

    into.list_seconds += run_for(args.duration, staff, case_list, into.listing)


def table(results: list[dict], args: argparse.Namespace, cases: int) -> list[str]:
    load = os.getloadavg()[0]
    rows = [
        ("public form submissions completed", "{submitted}"),
        ("submissions per second", "{rate:.1f}"),
        ("whole form (GET + 8 POSTs) p95", "{journey_p95:.2f} s"),
        ("cases created by them", "{created}"),
        ("lost (completed − created)", "{lost}"),
        ("case list pages served", "{lists}"),
        ("case list pages per second", "{list_rate:.1f}"),
        ("case list median / p95", "{list_median:.3f} / {list_p95:.3f} s"),
        ("failed requests", "{errors}"),
    ]
    lines = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `bench/stack_load.py` on one machine "
        f"({os.cpu_count()} CPUs, load average {load:.1f} when it started: the machine was "
        "shared), everything on it: nginx with TLS, gunicorn servers of 2 sync workers each, "
        f"PostgreSQL, the task worker and the scheduler. {args.clients} clients at once, "
        f"{args.duration:g} s per measure, each measured twice in the order one, two, two, "
        f"one (the figures are the two rounds together); the case list held {cases} cases "
        "at the end.",
        "",
        "| figure | " + " | ".join(r["label"] for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]
    for name, template in rows:
        lines.append(f"| {name} | " + " | ".join(template.format(**r) for r in results) + " |")
    for r in results:
        if r["error_kinds"]:
            lines.append(f"\nErrors ({r['label']}): {r['error_kinds']}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=12.0, help="seconds per round")
    parser.add_argument("--no-write", action="store_true", help="print, do not edit the docs")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cd-stack-load-"))
    stack = Stack(
        tmp,
        COMPLAINTSDESK_RATE_LIMIT_POSTS=str(10**9),  # every client is 127.0.0.1
        COMPLAINTSDESK_RATE_LIMIT_SUBMISSIONS=str(10**9),
    )
    try:
        ids = stack_up(stack)
        wait_until(
            "ready",
            lambda: Client(stack.port, stack.cert).request("GET", "/readyz") == 200,
            30,
            stack,
        )
        one, two = Measure("one app server"), Measure("two app servers")
        # One, two, two, one: a machine whose other load drifts during the run favours
        # neither configuration.
        a, both = stack.tls["A"], stack.port
        for measure, port in [(one, a), (two, both), (two, both), (one, a)]:
            measure_round(stack, port, measure, args, ids["area"])
        results = [one.figures(), two.figures()]
        cases = int(stack.psql("SELECT count(*) FROM cases_case", stack.database_url))
        stack.alive()
    finally:
        stack.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    lines = table(results, args, cases)
    print("\n".join(lines))
    if not args.no_write and DOC.exists():
        text = DOC.read_text()
        if BEGIN in text and END in text:
            head, rest = text.split(BEGIN, 1)
            DOC.write_text(
                head + BEGIN + "\n" + "\n".join(lines) + "\n" + END + rest.split(END, 1)[1]
            )
    passed = all(r["errors"] == 0 and r["lost"] == 0 for r in results)
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
