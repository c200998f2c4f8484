"""A real IMAP server for the mailbox tests: Debian's Dovecot, run as a child process with
its own configuration in a temporary folder, plain authentication on 127.0.0.1 from a
passwd-file. Installed by `scripts/system-packages.sh --test` (dovecot-imapd)."""

import grp
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "complaints", "not-a-real-password"


@dataclass(frozen=True)
class ImapServer:
    host: str
    port: int
    user: str
    password: str

    def config(self) -> dict[str, object]:
        return {
            "HOST": self.host,
            "PORT": self.port,
            "SSL": False,
            "USER": self.user,
            "PASSWORD": self.password,
            "FOLDER": "INBOX",
        }

    def deliver(self, raw: bytes) -> None:
        """Put a message in the inbox, as the council's mail server would."""
        client = imaplib.IMAP4(self.host, self.port)
        try:
            client.login(self.user, self.password)
            status, _ = client.append("INBOX", "", None, raw)  # type: ignore[arg-type]
            assert status == "OK"
        finally:
            client.logout()

    def unseen(self) -> int:
        client = imaplib.IMAP4(self.host, self.port)
        try:
            client.login(self.user, self.password)
            client.select("INBOX", readonly=True)
            _, data = client.search(None, "UNSEEN")
            return len(data[0].split())
        finally:
            client.logout()


def dovecot_missing_reason() -> str | None:
    if not os.path.exists(DOVECOT):
        return "dovecot is not installed: run scripts/system-packages.sh --test (dovecot-imapd)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _mail_owner() -> tuple[str, int, int]:
    """Dovecot will not keep mail as root: as root, mail belongs to Debian's `dovecot` user."""
    if os.geteuid() != 0:
        me = pwd.getpwuid(os.geteuid())
        return me.pw_name, me.pw_uid, me.pw_gid
    user = pwd.getpwnam("dovecot")
    return "dovecot", user.pw_uid, user.pw_gid


@contextmanager
def dovecot_running() -> Iterator[ImapServer]:
    # A folder of its own, not pytest's (private to the user running the tests, so Dovecot's
    # unprivileged processes could not read their passwd-file there when run as root).
    folder = Path(tempfile.mkdtemp(prefix="cd-dovecot-"))
    try:
        with _dovecot_in(folder) as server:
            yield server
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _dovecot_in(folder: Path) -> Iterator[ImapServer]:
    port = _free_port()
    owner, uid, gid = _mail_owner()
    group = grp.getgrgid(gid).gr_name
    for name in ("run", "state", "mail"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    (folder / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    login_user = owner if os.geteuid() != 0 else "dovenull"
    (folder / "dovecot.conf").write_text(
        f"""
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {owner}
default_internal_group = {group}
default_login_user = {login_user}
first_valid_uid = {uid}
last_valid_uid = {uid}
first_valid_gid = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {folder}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={folder}/mail/%u
}}
mail_location = maildir:{folder}/mail/%u/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""
    )
    if os.geteuid() == 0:
        shutil.chown(folder / "mail", uid, gid)
        os.chmod(folder, 0o755)
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(folder / "dovecot.conf")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (
                        (folder / "dovecot.log").read_text()
                        if (folder / "dovecot.log").exists()
                        else ""
                    )
                    output = process.stdout.read().decode() if process.stdout else ""
                    raise RuntimeError(f"dovecot did not start: {output}\n{log}") from None
                time.sleep(0.1)
        yield ImapServer("127.0.0.1", port, USER, PASSWORD)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
