"""Upload a document to a case; download it only through the access check, as an attachment;
remove one, saying why."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from complaintsdesk.cases import access
from complaintsdesk.cases.forms.records import DocumentForm, DocumentRemoveForm
from complaintsdesk.cases.models import Case, Document
from complaintsdesk.cases.services_documents import (
    document_download_name,
    document_downloaded,
    document_path,
    document_remove,
    document_upload,
)
from complaintsdesk.cases.views.base import case_url, run_form


@login_required
def upload(request: HttpRequest, reference: str) -> HttpResponse:
    case = access.case_get_for_user(request.user, reference)
    if not access.can_upload_document(request.user, case):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None)

    def action(data: dict[str, Any]) -> tuple[str, str]:
        upload = data["file"]
        document_upload(
            actor=request.user, case=case, title=data["title"], file=upload, size=upload.size
        )
        return case_url(case), "Document uploaded"

    return run_form(
        request,
        form,
        action,
        context={
            "title": "Upload a document",
            "caption": case.reference,
            "back_url": case_url(case),
            "cancel_url": case_url(case),
            "nav": "cases",
            "multipart": True,
            "button": "Upload",
        },
    )


def _document(
    request: HttpRequest, reference: str, pk: int, allowed: Callable[[Any, Case], bool]
) -> Document:
    """The case's document, if the case is visible (404) and `allowed` for the user (403)."""
    case = access.case_get_for_user(request.user, reference)
    if not allowed(request.user, case):
        raise PermissionDenied
    document = Document.objects.filter(case=case, pk=pk).first()
    if document is None:
        raise Http404("No such document")
    document.case = case
    return document


@login_required
def download(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    document = _document(request, reference, pk, access.can_download_document)
    path = document_path(document)
    if not path.is_file():
        raise Http404("The file is missing")
    document_downloaded(actor=request.user, document=document)
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=document_download_name(document),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def remove(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    document = _document(request, reference, pk, access.can_remove_document)
    case = document.case
    form = DocumentRemoveForm(request.POST or None)

    def action(data: dict[str, Any]) -> tuple[str, str]:
        document_remove(actor=request.user, document=document, reason=data["reason"])
        return case_url(case), f"Document removed: {document.title}"

    return run_form(
        request,
        form,
        action,
        context={
            "title": f"Remove {document.title}",
            "caption": case.reference,
            "intro": "The file is deleted and cannot be downloaded again. The audit records "
            "who removed it, when and why.",
            "back_url": case_url(case),
            "cancel_url": case_url(case),
            "nav": "cases",
            "button": "Remove document",
            "warning": True,
        },
    )
