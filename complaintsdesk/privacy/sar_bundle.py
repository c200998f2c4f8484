"""The disclosure bundle for a subject access request: a zip of an index (PDF, and the same
as HTML for the reviewer, with every letter and email's text), every document (a letter's
file and an email's attachments among them), and the list of marks for redaction.

Other people's personal data is marked, not removed: a person reviews each mark (and each
document, which cannot be marked automatically) before anything is released.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from complaintsdesk.cases.services_documents import document_download_name, document_path
from complaintsdesk.core.spreadsheets import csv_lines_for_people
from complaintsdesk.privacy.models import SubjectAccessRequest
from complaintsdesk.privacy.sar import Holdings, Marker


@dataclass(frozen=True)
class Bundle:
    content: bytes  # the zip
    html: str  # the index as HTML (also in the zip)
    marks: int
    documents: int
    correspondence: int  # letters and emails in the index


def _folder(reference: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", reference).strip("-") or "case"


def index_html(*, sar: SubjectAccessRequest, holdings: Holdings, marker: Marker) -> str:
    return render_to_string(
        "privacy/sar_index.html",
        {"sar": sar, "holdings": holdings, "m": marker, "made_at": timezone.now()},
    )


def _pdf(html: str) -> bytes:
    from weasyprint import HTML  # heavy: loaded only when a bundle is made

    return bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))


def bundle_make(*, sar: SubjectAccessRequest, holdings: Holdings, pdf: bool = True) -> Bundle:
    marker = Marker.for_holdings(holdings)
    html = index_html(sar=sar, holdings=holdings, marker=marker)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", html)
        if pdf:
            archive.writestr("index.pdf", _pdf(html))
        # Opened in a spreadsheet by the reviewer: text as text (core/spreadsheets.py).
        marks = csv_lines_for_people(
            ["mark", "where", "kind", "text", "decision"],
            ([r.number, r.where, r.kind, r.text, ""] for r in marker.redactions),
        )
        archive.writestr("redactions.csv", "".join(marks))
        count = 0
        for holding in holdings.cases:
            for document in holding.documents:
                path = document_path(document)
                folder = f"documents/{_folder(holding.case.reference)}"
                name = f"{folder}/{document.pk}-{document_download_name(document)}"
                if path.exists():
                    archive.write(path, name)
                    count += 1
                else:
                    archive.writestr(name + ".missing.txt", "The stored file is missing.")
    return Bundle(
        content=buffer.getvalue(),
        html=html,
        marks=len(marker.redactions),
        documents=count,
        correspondence=len(holdings.correspondence),
    )


def bundle_filename(sar: SubjectAccessRequest) -> str:
    return f"{sar.reference}-disclosure.zip"


__all__: list[Any] = ["Bundle", "bundle_make", "bundle_filename"]
