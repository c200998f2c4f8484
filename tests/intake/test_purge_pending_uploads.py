"""The morning purge of files uploaded to public forms that were never sent."""

import logging
import os
from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from complaintsdesk.cases.models import Document
from complaintsdesk.intake.uploads import PURGE_LOCK_NAME, pending_save, pending_uploads_purge
from complaintsdesk.reminders.models import JobLock
from tests.intake.support import LONDON, PDF, answer

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 3, 3, 6, 30, tzinfo=LONDON)
DAY = timedelta(hours=24)


def _pending(settings, *, written: datetime, name: str = "letter.pdf") -> Path:
    """A file as the Documents page saves it, written at `written`."""
    pending = pending_save(SimpleUploadedFile(name, PDF), content_type="application/pdf")
    path = Path(settings.MEDIA_ROOT) / "pending" / pending.token
    os.utime(path, (written.timestamp(), written.timestamp()))
    return path


def test_old_pending_file_is_removed_and_a_fresh_one_kept(settings):
    old = _pending(settings, written=NOW - timedelta(hours=25))
    fresh = _pending(settings, written=NOW - timedelta(hours=23))

    report = pending_uploads_purge(now=NOW, older_than=DAY)

    assert not old.exists() and fresh.exists()
    assert (report.pending, report.expired, report.removed) == (2, 1, 1)
    assert not JobLock.objects.exists()  # the lock is released


def test_a_second_run_does_nothing(settings):
    _pending(settings, written=NOW - timedelta(days=3))
    assert pending_uploads_purge(now=NOW, older_than=DAY).removed == 1
    again = pending_uploads_purge(now=NOW, older_than=DAY)
    assert (again.pending, again.expired, again.removed) == (0, 0, 0)


def test_dry_run_removes_nothing(settings):
    old = _pending(settings, written=NOW - timedelta(days=3))
    report = pending_uploads_purge(now=NOW, older_than=DAY, dry_run=True)
    assert old.exists()
    assert (report.expired, report.removed, report.dry_run) == (1, 0, True)


def test_no_pending_folder_is_nothing_to_do(settings):
    assert not (Path(settings.MEDIA_ROOT) / "pending").exists()
    report = pending_uploads_purge(now=NOW, older_than=DAY)
    assert (report.pending, report.removed) == (0, 0)


def test_submitted_case_documents_are_never_touched(client, org, settings):
    for step, data in [
        ("service", {"service_area": org["highways"].pk}),
        ("about", {"about": "me"}),
        ("details", {"summary": "x"}),
        ("when", {}),
        ("outcome", {"desired_outcome": "y"}),
    ]:
        answer(client, "complaint", step, data)
    upload = SimpleUploadedFile("letter.pdf", PDF)
    answer(client, "complaint", "documents", {"action": "upload", "document": upload})
    answer(client, "complaint", "documents", {"action": "continue"})
    answer(client, "complaint", "contact", {"name": "Jo", "email": "jo@example.org"})
    assert client.post("/public/complaint/check/", {}).status_code == 302
    document = Document.objects.get()
    stored = Path(settings.MEDIA_ROOT) / document.storage_name
    abandoned = _pending(settings, written=NOW - timedelta(days=3))
    # Everything under MEDIA_ROOT looks old: only the abandoned pending file may go.
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            os.utime(path, (0, 0))

    report = pending_uploads_purge(now=NOW + timedelta(days=365), older_than=DAY)

    assert stored.read_bytes() == PDF
    assert not abandoned.exists()
    assert report.removed == 1


def test_a_pending_file_named_by_a_document_is_kept(settings, org):
    from complaintsdesk.cases.services import case_create

    path = _pending(settings, written=NOW - timedelta(days=3))
    case = case_create(
        actor=None, procedure="corporate", service_area=org["highways"], received=NOW.date()
    )
    Document.objects.create(
        case=case,
        title="letter.pdf",
        content_type="application/pdf",
        size=1,
        storage_name=path.name,
    )
    report = pending_uploads_purge(now=NOW, older_than=DAY)
    assert path.exists()
    assert (report.expired, report.kept_as_documents, report.removed) == (1, 1, 0)


def test_files_not_written_by_the_form_are_left_alone(settings, tmp_path):
    folder = Path(settings.MEDIA_ROOT) / "pending"
    folder.mkdir(parents=True)
    stray = folder / "README.txt"
    stray.write_text("not ours")
    outside = tmp_path / "outside"
    outside.write_bytes(PDF)
    link = folder / "abcdef0123456789"
    link.symlink_to(outside)
    for path in (stray, outside):
        os.utime(path, (0, 0))
    os.utime(link, (0, 0), follow_symlinks=False)

    report = pending_uploads_purge(now=NOW, older_than=DAY)

    assert stray.exists() and link.is_symlink() and outside.exists()
    assert report.pending == 0


def test_another_run_holding_the_lock_stops_this_one(settings):
    old = _pending(settings, written=NOW - timedelta(days=3))
    JobLock.objects.create(name=PURGE_LOCK_NAME, acquired_at=timezone.now())
    report = pending_uploads_purge(now=NOW, older_than=DAY)
    assert report.locked_out and report.removed == 0 and old.exists()
    with pytest.raises(CommandError, match="Another purge is in progress"):
        call_command("purge_pending_uploads", "--now", NOW.isoformat(), stdout=StringIO())


def test_command_prints_and_logs_counts_only(settings, caplog):
    caplog.set_level(logging.DEBUG)
    old = _pending(settings, written=NOW - timedelta(hours=49), name="Sam Example letter.pdf")
    fresh = _pending(settings, written=NOW - timedelta(hours=47))
    out = StringIO()

    call_command(
        "purge_pending_uploads",
        "--older-than-hours",
        "48",
        "--now",
        "2025-03-03T06:30",
        stdout=out,
    )

    assert not old.exists() and fresh.exists()
    text = out.getvalue()
    assert "deleted 1 of 2 pending upload(s) older than 48 hour(s)" in text
    assert text.startswith("2025-03-03T06:30+00:00")  # a time without a zone is London's
    for leaked in (old.name, fresh.name, "Sam Example", "letter.pdf"):
        assert leaked not in text and leaked not in caplog.text
    assert "1 removed" in caplog.text


def test_command_dry_run(settings):
    old = _pending(settings, written=NOW - timedelta(days=2))
    out = StringIO()
    call_command("purge_pending_uploads", "--dry-run", "--now", NOW.isoformat(), stdout=out)
    assert old.exists()
    assert "would delete 1 of 1 pending upload(s)" in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--now", "yesterday"], "--now must be a date and time"),
        (["--older-than-hours", "0"], "--older-than-hours must be a whole number of 1 or more"),
        (["--older-than-hours", "-5"], "--older-than-hours must be a whole number of 1 or more"),
    ],
)
def test_command_rejects_bad_arguments(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("purge_pending_uploads", *args, stdout=StringIO())
