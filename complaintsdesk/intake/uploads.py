"""Attachments: checked by their content (never the name), kept aside until the form is sent.

A file that passes is written under MEDIA_ROOT/pending/ with a random name; only when the
complaint is submitted does it become a `Document` of the case, through the staff upload
service (`cases.services_documents.document_upload`). A file that fails is never written.

A form that is never sent leaves its files behind: `pending_uploads_purge`, run each morning
by `complaintsdesk purge_pending_uploads`, deletes those older than a limit.
"""

import logging
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from complaintsdesk.cases.models import Document
from complaintsdesk.cases.services_documents import document_sniff
from complaintsdesk.reminders.locks import JobLocked, job_lock

logger = logging.getLogger(__name__)

# The content types people send with complaints, and the words the error message uses.
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPG",
    "image/png": "PNG",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (DOCX)",
}
ALLOWED_WORDS = ", ".join(ALLOWED_TYPES.values())


@dataclass(frozen=True)
class PendingUpload:
    token: str
    title: str
    content_type: str
    size: int

    def as_session(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_session(cls, data: dict[str, object]) -> "PendingUpload":
        return cls(
            token=str(data["token"]),
            title=str(data["title"]),
            content_type=str(data["content_type"]),
            size=int(str(data["size"])),
        )


def _pending_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "pending"


def _pending_path(token: str) -> Path:
    # Tokens are ours (hex), but never let a session value name a path outside the folder.
    if not token.isalnum():
        raise ValueError("Bad upload token")
    return _pending_dir() / token


def sniff_content_type(upload: "UploadedFile[bytes]") -> str | None:
    """The real type from the content, by the staff upload rules; None if not allowed here.

    Raises `DocumentRefused` for an Office file that would inflate past the limits."""
    upload.seek(0)
    content = upload.read(int(settings.DOCUMENT_MAX_BYTES) + 1)
    upload.seek(0)
    sniffed = document_sniff(content)
    # The public may send fewer kinds than staff: no plain text or legacy Office files.
    return sniffed[0] if sniffed and sniffed[0] in ALLOWED_TYPES else None


def safe_title(name: str) -> str:
    # Only the last part of the name, as shown to staff; never used as a path.
    title = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "document"
    return title[:200]


def pending_save(upload: "UploadedFile[bytes]", *, content_type: str) -> PendingUpload:
    folder = _pending_dir()
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    with _pending_path(token).open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return PendingUpload(
        token=token,
        title=safe_title(upload.name or ""),
        content_type=content_type,
        size=upload.size or 0,
    )


def pending_discard(pending: PendingUpload) -> None:
    _pending_path(pending.token).unlink(missing_ok=True)


def pending_open(pending: PendingUpload) -> BinaryIO:
    return _pending_path(pending.token).open("rb")


def pending_exists(pending: PendingUpload) -> bool:
    return _pending_path(pending.token).is_file()


# --- the morning clean-up of forms never sent ------------------------------------------------

PURGE_LOCK_NAME = "purge_pending_uploads"
PURGE_LOCK_STALE = timedelta(hours=1)


@dataclass
class PurgeReport:
    """Counts only: the files' names are random, but their contents are people's own."""

    now: datetime
    older_than: timedelta
    dry_run: bool
    pending: int = 0  # our files in the pending folder
    expired: int = 0  # of those, older than the limit
    removed: int = 0  # deleted by this run (0 on a dry run)
    kept_as_documents: int = 0  # expired, but named by a case's Document: never touched
    locked_out: bool = False


def _pending_files() -> list[tuple[Path, datetime]]:
    """Our pending files (plain files with a token name, no links) and when each was written."""
    folder = _pending_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if not path.name.isalnum() or path.is_symlink() or not path.is_file():
            continue  # not written by `pending_save`: not ours to delete
        try:
            written = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        except FileNotFoundError:
            continue  # sent or removed while we looked
        found.append((path, written))
    return found


def pending_uploads_purge(
    *, now: datetime, older_than: timedelta, dry_run: bool = False
) -> PurgeReport:
    """Delete pending uploads written before `now - older_than`; safe to run again at once.

    Only the pending folder is read, never the case documents beside it, and a pending file
    whose name a `Document` row uses is kept whatever its age. A dry run counts and deletes
    nothing, and takes no lock.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    report = PurgeReport(now=now, older_than=older_than, dry_run=dry_run)
    cutoff = now - older_than
    files = _pending_files()
    report.pending = len(files)
    expired = [path for path, written in files if written < cutoff]
    report.expired = len(expired)
    in_use = set(
        Document.objects.filter(storage_name__in=[p.name for p in expired]).values_list(
            "storage_name", flat=True
        )
    )
    doomed = [path for path in expired if path.name not in in_use]
    report.kept_as_documents = len(expired) - len(doomed)
    if not dry_run:
        try:
            with job_lock(name=PURGE_LOCK_NAME, stale_after=PURGE_LOCK_STALE):
                for path in doomed:
                    try:
                        path.unlink()
                    except FileNotFoundError:
                        continue  # sent, removed or purged meanwhile: nothing left to do
                    report.removed += 1
        except JobLocked:
            report.locked_out = True
    logger.info(
        "pending uploads purge%s: %d pending, %d expired, %d removed, %d kept as documents%s",
        " (dry run)" if dry_run else "",
        report.pending,
        report.expired,
        report.removed,
        report.kept_as_documents,
        ", locked out" if report.locked_out else "",
    )
    return report
