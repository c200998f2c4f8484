"""Attachments: checked by their content (never the name), kept aside until the form is sent.

A file that passes is written under MEDIA_ROOT/pending/ with a random name; only when the
complaint is submitted does it become a `Document` of the case, through the staff upload
service (`cases.services_documents.document_upload`). A file that fails is never written.
"""

import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from complaintsdesk.cases.services_documents import document_sniff

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
    """The real type from the content, by the staff upload rules; None if not allowed here."""
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
