"""The production stack, brought up on this machine from the repository and checked end to end.

    scripts/production-check [--keep]     (exit 0 when every step passes)

Starts, each as a child process it stops on exit (however it exits):
  - a fresh PostgreSQL database on the existing server (DATABASE_URL's server, default
    postgres://postgres@127.0.0.1:5432), migrated, with a staff account and an organisation;
  - two gunicorn app servers (deploy/gunicorn.conf.py) on their own ports, production settings;
  - the task worker (db_worker) and the scheduler (`complaintsdesk scheduler`);
  - nginx (Debian's) with a self-signed certificate made in a temporary folder, its own prefix
    and configuration, run in the foreground: one HTTPS port balancing both app servers
    (deploy/nginx/complaintsdesk-proxy.conf, as deployed) and one HTTPS port for each server,
    so a step can say which server it talks to.
Then, through HTTPS (the certificate verified against the one made here): reads /readyz,
signs in with a local account, logs a case on server A and edits it on B while a stale edit
from A is refused, sends a public complaint and sees the acknowledgement emailed exactly once
by the worker, runs the reminders on both servers at once and sees each sent once, exhausts the
public form's rate limit across both servers together, checks HSTS, secure cookies, CSP and
no-store, and signs in by OpenID Connect when the test provider is in this checkout.
"""

import argparse
import email
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
PASSWORD = "check-" + secrets.token_urlsafe(12)
RATE_LIMIT_POSTS = 10  # small, so the step can exhaust it; a public journey needs 7
SETUP = """
import json
from django.contrib.auth import get_user_model
from complaintsdesk.accounts import roles
from complaintsdesk.cases.models import Directorate, ServiceArea, Team
roles.ensure_roles()
user = get_user_model().objects.create_user("checker", "checker@example.gov.uk", {password!r})
user.groups.set(roles.role_groups([roles.OFFICER]))
d = Directorate.objects.create(name="Children's Services")
area = ServiceArea.objects.create(name="Children's social care", directorate=d)
team = Team.objects.create(name="Team A", service_area=area)
team.members.add(user)
print(json.dumps({{"area": area.pk, "team": team.pk}}))
"""


ERROR_MESSAGE = re.compile(r"error-message[^<]*<[^>]*>([^<]*)")  # a form's errors, to show


class CheckFailed(Exception):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- the stack -------------------------------------------------------------------------------


class Stack:
    """Every process started, stopped in reverse order on exit."""

    def __init__(self, tmp: Path, **overrides: str) -> None:
        self.tmp = tmp
        self.processes: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.port = free_port()  # nginx: both app servers
        self.tls = {"A": free_port(), "B": free_port()}  # nginx: one app server each
        self.app = {"A": free_port(), "B": free_port()}  # gunicorn, plain HTTP on loopback
        self.mail = tmp / "mail"
        self.mail.mkdir()
        self.database = f"cd_production_check_{os.getpid()}"
        server = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/x"
        parts = urlsplit(server)
        self.admin_url = parts._replace(path="/postgres").geturl()
        self.database_url = parts._replace(path=f"/{self.database}").geturl()
        self.cert = tmp / "tls" / "localhost.pem"
        origins = [f"https://localhost:{p}" for p in (self.port, *self.tls.values())]
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
            "DJANGO_CSRF_TRUSTED_ORIGINS": ",".join(origins),
            "DATABASE_URL": self.database_url,
            "COMPLAINTSDESK_VAR_DIR": str(tmp / "var"),
            "COMPLAINTSDESK_DOCUMENTS_ROOT": str(tmp / "documents"),
            "COMPLAINTSDESK_PUBLIC_URL": f"https://localhost:{self.port}",
            "COMPLAINTSDESK_TRUST_X_FORWARDED_FOR": "true",
            "COMPLAINTSDESK_RATE_LIMIT_POSTS": str(RATE_LIMIT_POSTS),
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "DJANGO_EMAIL_FILE_PATH": str(self.mail),
            "GUNICORN_WORKERS": "2",
            "COMPLAINTSDESK_LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",  # logs read while the processes run
            **overrides,
        }

    def psql(self, sql: str, url: str | None = None) -> str:
        return subprocess.run(
            ["psql", url or self.admin_url, "-qAtc", sql],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def manage(self, *args: str, env: dict[str, str] | None = None) -> str:
        result = subprocess.run(
            [str(VENV / "complaintsdesk"), *args],
            cwd=ROOT,
            env=env or self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CheckFailed(f"complaintsdesk {' '.join(args)}: {result.stderr[-2000:]}")
        return result.stdout

    def start(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> None:
        log = (self.tmp / f"{name}.log").open("wb")
        process = subprocess.Popen(
            argv, cwd=ROOT, env=env or self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.processes.append((name, process))

    def alive(self) -> None:
        for name, process in self.processes:
            expect(process.poll() is None, f"{name} exited with {process.returncode}")

    def stop(self) -> None:
        for _, process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for name, process in reversed(self.processes):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                print(f"  {name} did not stop in 30 s: killed")
                process.kill()
                process.wait()
        self.processes.clear()
        try:
            self.psql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        except subprocess.CalledProcessError as error:
            print(f"  could not drop {self.database}: {error.stderr}")

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name} (last lines)\n"
            + "\n".join(path.read_text(errors="replace").splitlines()[-25:])
            for path in sorted(self.tmp.glob("*.log"))
        )


def certificate(stack: Stack) -> None:
    (stack.tmp / "tls").mkdir()
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
            "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", str(stack.tmp / "tls" / "localhost.key"), "-out", str(stack.cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip


NGINX = """
{user}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    ssl_certificate {cert};
    ssl_certificate_key {key};
    ssl_protocols TLSv1.2 TLSv1.3;
    upstream both {{ server 127.0.0.1:{app_a}; server 127.0.0.1:{app_b}; keepalive 16; }}
    upstream server_a {{ server 127.0.0.1:{app_a}; keepalive 4; }}
    upstream server_b {{ server 127.0.0.1:{app_b}; keepalive 4; }}
    server {{ listen 127.0.0.1:{port} ssl; server_name localhost;
             location / {{ proxy_pass http://both; include {snippet}; }} }}
    server {{ listen 127.0.0.1:{tls_a} ssl; server_name localhost;
             location / {{ proxy_pass http://server_a; include {snippet}; }} }}
    server {{ listen 127.0.0.1:{tls_b} ssl; server_name localhost;
             location / {{ proxy_pass http://server_b; include {snippet}; }} }}
}}
"""


def nginx_start(stack: Stack) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    expect(Path(nginx).exists(), "nginx is not installed (apt-get install nginx)")
    prefix = stack.tmp / "nginx"
    prefix.mkdir()
    conf = prefix / "nginx.conf"
    conf.write_text(
        NGINX.format(
            user="user root;" if os.geteuid() == 0 else "",
            prefix=prefix,
            cert=stack.cert,
            key=stack.tmp / "tls" / "localhost.key",
            app_a=stack.app["A"],
            app_b=stack.app["B"],
            port=stack.port,
            tls_a=stack.tls["A"],
            tls_b=stack.tls["B"],
            snippet=ROOT / "deploy" / "nginx" / "complaintsdesk-proxy.conf",
        )
    )
    stack.start("nginx", [nginx, "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"])


def wait_until(what: str, test: Callable[[], bool], seconds: float, stack: Stack) -> float:
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        stack.alive()
        try:
            if test():
                return time.monotonic() - began
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.25)
    raise CheckFailed(f"{what}: not within {seconds:g} s")


def plain_get(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


def stack_up(stack: Stack) -> dict[str, int]:
    """Migrate a fresh database, then start everything; independent work side by side."""
    t = time.monotonic()
    stack.psql(f'CREATE DATABASE "{stack.database}"')
    static = subprocess.Popen(
        [str(VENV / "complaintsdesk"), "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=stack.env,
    )
    certificate(stack)
    # The app servers load the app without touching the database: start them while migrating.
    gunicorn = [str(VENV / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
    for name, port in stack.app.items():
        stack.start(f"app-{name}", gunicorn, {**stack.env, "GUNICORN_BIND": f"127.0.0.1:{port}"})
    stack.manage("migrate", "--no-input", "-v", "0")
    expect(static.wait(timeout=60) == 0, "collectstatic failed")
    print(f"  migrated, static files collected in {time.monotonic() - t:.1f} s", flush=True)
    complaintsdesk = str(VENV / "complaintsdesk")
    stack.start("worker", [complaintsdesk, "db_worker", "--no-reload", "--interval", "0.5"])
    for name in stack.app:  # one scheduler per app server, as deployed
        stack.start(f"scheduler-{name}", [complaintsdesk, "scheduler", "--interval", "2"])
    nginx_start(stack)
    setup = SETUP.format(password=PASSWORD)
    ids = json.loads(stack.manage("shell", "-c", setup).splitlines()[-1])
    for name, port in stack.app.items():
        wait_until(
            f"app server {name} alive",
            lambda p=port: plain_get(p, "/healthz")[0] == 200,
            40,
            stack,
        )
    print(f"  serving in {time.monotonic() - t:.1f} s", flush=True)
    return ids


# --- a small HTTPS browser ----------------------------------------------------------------


class FormParser(HTMLParser):
    """The fields of the first form posting to `action` (or of the first form with a field)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._first_option: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields[a["name"]] = a.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                self.fields[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select:
            if "selected" in a:
                self.fields[self._select] = a.get("value", "")
            self._first_option.setdefault(self._select, a.get("value", ""))
        elif tag == "textarea":
            self._textarea = a.get("name")
            if self._textarea:
                self.fields[self._textarea] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select:
            self.fields.setdefault(self._select, self._first_option.get(self._select, ""))
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(html: str) -> dict[str, str]:
    parser = FormParser()
    parser.feed(html)
    return parser.fields


class Browser:
    """HTTPS with the check's certificate verified; cookies kept across ports (as one host)."""

    def __init__(self, cert: Path) -> None:
        self.context = ssl.create_default_context(cafile=str(cert))
        self.cookies: dict[str, str] = {}
        self.set_cookies: list[str] = []

    def request(
        self, port: int, method: str, path: str, data: dict[str, str] | None = None
    ) -> tuple[int, http.client.HTTPMessage, str]:
        conn = http.client.HTTPSConnection("localhost", port, context=self.context, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode({**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://localhost:{port}"  # as a browser sends it
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode(errors="replace")
        finally:
            conn.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            self.set_cookies.append(value)
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, text


def sign_in(browser: Browser, port: int) -> None:
    status, _, _ = browser.request(port, "GET", "/accounts/sign-in/")
    expect(status == 200, f"sign-in page: {status}")
    status, headers, body = browser.request(
        port, "POST", "/accounts/sign-in/", {"username": "checker", "password": PASSWORD}
    )
    expect(status == 302, f"local sign-in refused: {status} {body[:300]}")


# --- the steps ---------------------------------------------------------------------------------


def step_ready(stack: Stack, browser: Browser) -> str:
    # The scheduler queues the worker's heartbeat at once; the worker runs it.
    waited = wait_until(
        "/readyz through nginx",
        lambda: browser.request(stack.port, "GET", "/readyz")[0] == 200,
        30,
        stack,
    )
    status, _, body = browser.request(stack.port, "GET", "/readyz")
    checks = json.loads(body)["checks"]
    expect(checks == {"database": "ok", "migrations": "ok", "worker": "ok"}, f"readyz {body}")
    for name, port in stack.app.items():
        expect(plain_get(port, "/readyz")[0] == 200, f"server {name} not ready")
    return f"ready after {waited:.1f} s: {checks}"


def step_local_sign_in_and_headers(stack: Stack, browser: Browser) -> str:
    sign_in(browser, stack.port)
    status, headers, _ = browser.request(stack.port, "GET", "/cases/")
    expect(status == 200, f"case list after sign-in: {status}")
    hsts = headers.get("Strict-Transport-Security", "")
    expect(hsts.startswith("max-age=31536000"), f"HSTS: {hsts!r}")
    csp = headers.get("Content-Security-Policy", "")
    expect("default-src 'self'" in csp and "frame-ancestors 'none'" in csp, f"CSP: {csp!r}")
    expect("no-store" in headers.get("Cache-Control", ""), "Cache-Control lacks no-store")
    expect(re.fullmatch(r"[0-9a-f]{32}", headers.get("X-Request-ID", "")) is not None, "request id")
    cookies = {c.split("=", 1)[0]: c.lower() for c in browser.set_cookies}
    for name in ("sessionid", "csrftoken"):
        expect(name in cookies and "; secure" in cookies[name], f"{name} cookie not Secure")
    expect("httponly" in cookies["sessionid"], "session cookie not HttpOnly")
    return "signed in; HSTS, CSP, no-store, Secure/HttpOnly cookies, X-Request-ID present"


def step_case_across_servers(stack: Stack, browser: Browser, ids: dict[str, int]) -> str:
    a, b = stack.tls["A"], stack.tls["B"]
    status, _, page = browser.request(a, "GET", "/cases/new/")
    expect(status == 200, f"new case form on A: {status}")
    fields = form_fields(page)
    today = date.today()
    date_parts = sorted(name for name in fields if name.startswith("received"))
    fields.update(
        dict(zip(date_parts, [str(today.day), str(today.month), str(today.year)], strict=False))
    )
    fields.update(
        channel="email",
        procedure="children_statutory",
        service_area=str(ids["area"]),
        team=str(ids["team"]),
        first_stage="stage1",
        complainant_name="Production Check",
        complainant_email="",
        summary="Logged on server A by the production check.",
    )
    fields.pop("csrfmiddlewaretoken", None)
    status, headers, body = browser.request(a, "POST", "/cases/new/", fields)
    expect(
        status == 302,
        f"logging a case on A: {status} {re.findall(ERROR_MESSAGE, body)[:5]}",
    )
    case_url = headers["Location"]
    reference = case_url.rstrip("/").split("/cases/", 1)[1]
    edit = f"/cases/{reference}/-/edit/"
    # Person on A opens the edit form, then person on B edits and saves first.
    status, _, stale_page = browser.request(a, "GET", edit)
    expect(status == 200, f"edit form on A: {status}")
    stale = form_fields(stale_page)
    status, _, page = browser.request(b, "GET", edit)
    expect(status == 200, f"edit form on B (the session is shared): {status}")
    fresh = form_fields(page)
    fresh["summary"] = "Edited on server B."
    fresh.pop("csrfmiddlewaretoken", None)
    status, _, body = browser.request(b, "POST", edit, fresh)
    expect(status == 302, f"edit on B: {status} {body[:300]}")
    stale["summary"] = "A stale edit from server A."
    stale.pop("csrfmiddlewaretoken", None)
    status, _, body = browser.request(a, "POST", edit, stale)
    expect(status == 409, f"stale edit from A was not refused: {status}")
    status, _, body = browser.request(a, "GET", case_url)
    expect("Edited on server B." in body and "A stale edit" not in body, "B's edit not kept")
    return f"{reference}: logged on A, edited on B, stale edit from A refused (409)"


def mail_messages(stack: Stack) -> list[email.message.Message]:
    messages = []
    for path in sorted(stack.mail.glob("*.log")):
        for chunk in path.read_text(errors="replace").split("-" * 79 + "\n"):
            if chunk.strip():
                messages.append(email.message_from_string(chunk))
    return messages


def queue_empty(stack: Stack) -> bool:
    """No task waits or runs: whatever the worker was going to send has been sent."""
    waiting = stack.psql(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult "
        "WHERE status IN ('READY', 'RUNNING')",
        stack.database_url,
    )
    return int(waiting) == 0


def step_public_complaint(stack: Stack, ids: dict[str, int]) -> str:
    browser = Browser(stack.cert)
    address = f"complainant-{secrets.token_hex(4)}@example.org"
    status, headers, _ = browser.request(stack.port, "GET", "/public/complaint/service/")
    expect(status == 200, f"public form: {status}")
    expect("no-store" in headers.get("Cache-Control", ""), "public form lacks no-store")
    steps = [
        ("service", {"service_area": str(ids["area"])}),
        ("about", {"about": "me"}),
        ("details", {"summary": "A complaint sent through the production check."}),
        ("when", {}),  # optional
        ("outcome", {"desired_outcome": "None: a check."}),
        ("documents", {"action": "continue"}),
        ("contact", {"name": "Pat Checkwell", "email": address}),
    ]
    for step, data in steps:
        status, _, body = browser.request(stack.port, "POST", f"/public/complaint/{step}/", data)
        expect(status == 302, f"public form step {step}: {status}")
    status, headers, _ = browser.request(stack.port, "POST", "/public/complaint/check/", {})
    sent_to = headers.get("Location", "")
    expect(status == 302 and sent_to.endswith("/sent/"), f"public form send: {status} {sent_to}")

    def to_complainant() -> int:
        return sum(1 for m in mail_messages(stack) if address in (m["To"] or ""))

    waited = wait_until(
        "the acknowledgement email", lambda: to_complainant() >= 1 and queue_empty(stack), 30, stack
    )
    count = to_complainant()
    expect(count == 1, f"acknowledgement sent {count} times")
    return f"acknowledgement emailed once by the worker, {waited:.1f} s after sending"


def step_reminders_on_both(stack: Stack) -> str:
    before = len(mail_messages(stack))
    today = (date.today() + timedelta(days=21)).isoformat()
    runs = [
        subprocess.Popen(
            [str(VENV / "complaintsdesk"), "reminders", "--skip-checks", "--today", today],
            cwd=ROOT,
            env=stack.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in stack.app
    ]
    outputs = [run.communicate(timeout=60) for run in runs]
    sent = 0
    for out, err in outputs:
        match = re.search(r"sent (\d+) of (\d+) due", out)
        if match:
            sent += int(match.group(1))
        else:  # the other run held the lock: it says so and sends nothing
            expect("Another reminders run is in progress" in err, f"reminders: {out} {err}")
    expect(sent >= 2, f"only {sent} reminders were due; expected the case and the complaint")

    def reminders() -> list[email.message.Message]:
        return mail_messages(stack)[before:]

    wait_until(
        "the reminders' emails", lambda: len(reminders()) >= sent and queue_empty(stack), 30, stack
    )
    each = Counter((m["Subject"], m["To"]) for m in reminders())
    expect(len(reminders()) == sent and max(each.values()) == 1, f"reminders sent: {each}")
    return f"{sent} reminders, each emailed once, from two runs at once"


def step_schedulers_run_each_job_once(stack: Stack) -> str:
    """Both servers' schedulers have been running throughout: each due job ran once."""
    runs = stack.psql(
        "SELECT job, count(*), count(DISTINCT claimed_by) FROM operations_scheduledrun "
        "GROUP BY job ORDER BY job",
        stack.database_url,
    )
    heartbeats_queued = int(
        stack.psql(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE task_path LIKE '%worker_heartbeat'",
            stack.database_url,
        )
    )
    per_job = {line.split("|")[0]: int(line.split("|")[1]) for line in runs.splitlines()}
    expect(
        per_job.get("complaintsdesk heartbeat", 0) >= 1
        and per_job.get("complaintsdesk report refresh", 0) >= 1,
        f"scheduled runs: {runs}",
    )
    expect(
        heartbeats_queued == per_job.get("complaintsdesk heartbeat"),
        f"{heartbeats_queued} heartbeats queued for {per_job} scheduled runs",
    )
    # What the schedulers say they ran, together, is what the database recorded: once each.
    said = sum(
        (stack.tmp / f"scheduler-{name}.log").read_text().count("ran complaintsdesk report refresh")
        for name in stack.app
    )
    refreshes = per_job["complaintsdesk report refresh"]
    expect(said == refreshes, f"report refresh ran {said} times for {refreshes} due times")
    return f"two schedulers, each job once per due time: {per_job}"


def step_rate_limit_across_servers(stack: Stack) -> str:
    stack.psql("DELETE FROM intake_ratecount", stack.database_url)  # a fresh window
    browser = Browser(stack.cert)
    status, _, _ = browser.request(stack.tls["A"], "GET", "/public/complaint/service/")
    expect(status == 200, f"public form: {status}")  # its CSRF cookie; a GET is not counted
    statuses = []
    for n in range(RATE_LIMIT_POSTS + 2):
        port = stack.tls["A"] if n % 2 == 0 else stack.tls["B"]
        statuses.append(
            browser.request(port, "POST", "/public/complaint/service/", {"service_area": "x"})[0]
        )
    allowed, refused = statuses[:RATE_LIMIT_POSTS], statuses[RATE_LIMIT_POSTS:]
    expect(429 not in allowed, f"refused too early: {statuses}")
    expect(refused == [429, 429], f"not refused once the limit was reached: {statuses}")
    return f"{RATE_LIMIT_POSTS} posts allowed across A and B together, then 429 on both"


OIDC_FLOW = ROOT / "tests" / "oidc_provider" / "flow.py"
OIDC_PASSWORD = "alice-" + secrets.token_urlsafe(8)
OIDC_CLIENT = ("complaintsdesk", "complaintsdesk-test-secret")
# Where the app takes the provider's answer (complaintsdesk/accounts/urls.py).
OIDC_REDIRECT_PATH = "/accounts/council/callback/"


def oidc_env(stack: Stack, port: int) -> dict[str, str]:
    return {
        "COMPLAINTSDESK_OIDC_ISSUER": f"http://127.0.0.1:{port}",
        "COMPLAINTSDESK_OIDC_CLIENT_ID": OIDC_CLIENT[0],
        "COMPLAINTSDESK_OIDC_CLIENT_SECRET": OIDC_CLIENT[1],
        "COMPLAINTSDESK_OIDC_ROLE_GROUPS": json.dumps(
            {"complaints-officers": "Complaints officer"}
        ),
    }


def oidc_sign_in_step(stack: Stack, phase: str) -> str:
    """OpenID Connect sign-in against the test provider (tests/oidc_provider), in two phases:
    "provider" before the app servers start (they read the issuer from their environment),
    "sign_in" once they run. Skipped when the provider is not in this checkout."""
    if not OIDC_FLOW.exists():
        return "OIDC step skipped: provider not in this checkout"
    if phase == "provider":
        port = free_port()
        accounts = stack.tmp / "oidc-accounts.json"
        accounts.write_text(
            json.dumps(
                [
                    {
                        "login": "alice",
                        "password": OIDC_PASSWORD,
                        "sub": "alice-0001",
                        "email": "alice@example.gov.uk",
                        "name": "Alice Example",
                        "groups": ["complaints-officers"],
                    }
                ]
            )
        )
        redirects = [
            f"https://localhost:{p}{OIDC_REDIRECT_PATH}" for p in (stack.port, *stack.tls.values())
        ]
        stack.start(
            "oidc-provider",
            [str(ROOT / "scripts" / "oidc-test-provider"), str(port), str(accounts), *redirects],
        )
        wait_until(
            "the OIDC provider",
            lambda: plain_get(port, "/.well-known/openid-configuration")[0] == 200,
            30,
            stack,
        )
        stack.env.update(oidc_env(stack, port))
        return f"OIDC provider at http://127.0.0.1:{port}"
    result = subprocess.run(
        [
            str(VENV / "python"), "-m", "tests.oidc_provider.flow",
            "--base-url", f"https://localhost:{stack.port}",
            "--login", "alice", "--password", OIDC_PASSWORD, "--insecure",
        ],
        # requests prefers a CA bundle named in the environment even to --insecure: name ours.
        cwd=ROOT, env={**stack.env, "REQUESTS_CA_BUNDLE": str(stack.cert)},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    expect(result.returncode == 0, f"OIDC sign-in failed: {result.stdout} {result.stderr}"[-1500:])
    return "signed in by OpenID Connect through nginx"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    began = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="cd-production-check-"))
    stack = Stack(tmp)

    def stopped(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stopped)
    failed = False
    try:

        def run(name: str, step: Callable[[], str]) -> None:
            start = time.monotonic()
            print(f"ok   {name}: {step()} ({time.monotonic() - start:.1f} s)", flush=True)

        run("OIDC provider", lambda: oidc_sign_in_step(stack, "provider"))
        ids: dict[str, int] = {}
        run(
            "stack up",
            lambda: (
                ids.update(stack_up(stack)) or "PostgreSQL, 2 app servers, worker, scheduler, nginx"
            ),
        )
        browser = Browser(stack.cert)
        run("readyz", lambda: step_ready(stack, browser))
        run("local sign-in and headers", lambda: step_local_sign_in_and_headers(stack, browser))
        run("case on A, edit on B", lambda: step_case_across_servers(stack, browser, ids))
        run("public complaint", lambda: step_public_complaint(stack, ids))
        run("reminders on both servers", lambda: step_reminders_on_both(stack))
        run("rate limit across servers", lambda: step_rate_limit_across_servers(stack))
        run("schedulers on both servers", lambda: step_schedulers_run_each_job_once(stack))
        run("OIDC sign-in", lambda: oidc_sign_in_step(stack, "sign_in"))
        stack.alive()
    except (
        CheckFailed,
        subprocess.CalledProcessError,
        OSError,
        http.client.HTTPException,
    ) as error:
        failed = True
        print(f"FAIL {type(error).__name__}: {error}", flush=True)
        print(stack.logs())
    except KeyboardInterrupt:
        failed = True
        print("FAIL interrupted")
    finally:
        stack.stop()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"{'FAILED' if failed else 'PASSED'} in {time.monotonic() - began:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
