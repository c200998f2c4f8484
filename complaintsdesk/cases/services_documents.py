"""Documents: the type is decided by the content (magic bytes), never by the name given.

Files are stored under MEDIA_ROOT with a generated name and served only by the view after
the access check, always as an attachment.
"""

import io
import re
import uuid
import zipfile
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction

from complaintsdesk.cases.models import Case, Document
from complaintsdesk.cases.writable import case_write
from complaintsdesk.core.audit import audit_record
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.zipguard import ZipLimits, ZipRefused, zip_check, zip_inflate_all

# (content type, extension) by leading bytes. DOCX is a zip holding word/document.xml.
MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword", "doc"),
)
DOCX = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
TEXT = ("text/plain", "txt")
ALLOWED_DESCRIPTION = "a PDF, an image (PNG, JPEG, GIF), a Word document or a plain text file"


class DocumentRefused(ValueError):
    """Content of an allowed kind that is unsafe to keep; the message says why."""


def document_sniff(content: bytes) -> tuple[str, str] | None:
    """(content type, extension) for allowed content, or None; `DocumentRefused` for a zip
    that breaks the limits (an Office file is a zip, and whoever opens it inflates it)."""
    for magic, content_type, extension in MAGIC:
        if content.startswith(magic):
            return content_type, extension
    if content.startswith(b"PK\x03\x04"):
        return _office_sniff(content)
    if b"\x00" not in content:
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return TEXT
    return None


def _zip_limits() -> ZipLimits:
    bounds = settings.INPUT_LIMITS
    return ZipLimits(
        max_entries=bounds["ZIP_MAX_ENTRIES"],
        max_bytes=bounds["DOCUMENT_MAX_INFLATED_BYTES"],
        max_ratio=bounds["ZIP_MAX_RATIO"],
    )


def _office_sniff(content: bytes) -> tuple[str, str] | None:
    limits = _zip_limits()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            zip_check(archive, limits)
            if "word/document.xml" not in archive.namelist():
                return None
            zip_inflate_all(archive, limits)  # the sizes it declares are the sizes it holds
    except ZipRefused as refused:
        raise DocumentRefused(f"The file cannot be accepted: it {refused}.") from None
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError):
        return None  # damaged, encrypted or compressed in a way Word does not use
    return DOCX


def document_path(document: Document) -> Path:
    return Path(settings.MEDIA_ROOT) / document.storage_name


def document_download_name(document: Document) -> str:
    """A safe file name from the title: letters, digits, spaces, dots, dashes only."""
    stem = re.sub(r"[^A-Za-z0-9 ._-]+", "", document.title).strip(" .")[:80] or "document"
    extension = document.storage_name.rsplit(".", 1)[-1]
    return f"{stem}.{extension}"


@transaction.atomic
@case_write
def document_upload(*, actor: Any, case: Case, title: str, file: IO[bytes], size: int) -> Document:
    if size > settings.DOCUMENT_MAX_BYTES:
        limit = settings.DOCUMENT_MAX_BYTES // (1024 * 1024) or 1
        raise ServiceError(f"The file must be smaller than {limit} MB.", field="file")
    if size == 0:
        raise ServiceError("The selected file is empty.", field="file")
    content = file.read(settings.DOCUMENT_MAX_BYTES + 1)
    if len(content) > settings.DOCUMENT_MAX_BYTES:
        raise ServiceError("The file is too large.", field="file")
    try:
        sniffed = document_sniff(content)
    except DocumentRefused as refused:
        raise ServiceError(str(refused), field="file") from None
    if sniffed is None:
        raise ServiceError(f"The file must be {ALLOWED_DESCRIPTION}.", field="file")
    content_type, extension = sniffed
    title = title.strip()[:200]
    if not title:
        raise ServiceError("Enter a title for the document.", field="title")
    storage_name = f"{uuid.uuid4().hex}.{extension}"
    path = Path(settings.MEDIA_ROOT) / storage_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    # If the transaction rolls back, the orphan file is harmless: nothing points at it.
    document = Document.objects.create(
        case=case,
        uploaded_by=actor,
        title=title,
        content_type=content_type,
        size=len(content),
        storage_name=storage_name,
    )
    audit_record(
        actor=actor,
        kind="document.uploaded",
        case_reference=case.reference,
        obj=document,
        payload={"content_type": content_type, "size": len(content)},
    )
    return document


@transaction.atomic
@case_write
def document_remove(*, actor: Any, document: Document, reason: str) -> None:
    """Remove a document (say, uploaded to the wrong case). The audit keeps who, when, why
    and what kind of file, not its title or content; the file goes once the removal commits,
    so a rolled-back removal still has it."""
    reason = reason.strip()
    if not reason:
        raise ServiceError("Enter why the document is being removed.", field="reason")
    path = document_path(document)
    audit_record(
        actor=actor,
        kind="document.removed",
        case_reference=document.case.reference,
        obj=document,
        payload={"content_type": document.content_type, "size": document.size, "reason": reason},
    )
    document.delete()
    transaction.on_commit(lambda: path.unlink(missing_ok=True))


def document_downloaded(*, actor: Any, document: Document) -> None:
    audit_record(
        actor=actor,
        kind="document.downloaded",
        case_reference=document.case.reference,
        obj=document,
    )
