"""Pages: a case's letters and emails, writing a letter, dropping an email file onto a case,
and the complaints manager's letter templates. Each parses, calls one service or selector,
and shows the result."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from complaintsdesk.cases import access as case_access
from complaintsdesk.cases.views.base import case_url, require, run_form, today
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.correspondence import access
from complaintsdesk.correspondence.forms import (
    LetterChooseForm,
    LetterForm,
    LetterTemplateForm,
    MailFileForm,
)
from complaintsdesk.correspondence.mail import MAIL_MAX_BYTES, MailUnreadable, mail_parse_file
from complaintsdesk.correspondence.merge import MERGE_FIELDS
from complaintsdesk.correspondence.models import LETTER_KINDS
from complaintsdesk.correspondence.selectors import (
    correspondence_for_case,
    correspondence_get,
    letter_template,
    letter_templates,
)
from complaintsdesk.correspondence.services import (
    letter_compose,
    letter_send,
    letter_template_save,
    via_choices,
)
from complaintsdesk.correspondence.services_mail import mail_receive


def _case_for(request: HttpRequest, reference: str, check: Any) -> Any:
    case = case_access.case_get_for_user(request.user, reference)
    if not check(request.user, case):
        raise PermissionDenied
    return case


def _detail_url(case: Any, pk: int) -> str:
    return reverse("correspondence:detail", args=[case.reference, pk])


@login_required
def case_correspondence(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for(request, reference, access.can_view_correspondence)
    return render(
        request,
        "correspondence/case_correspondence.html",
        {
            "case": case,
            "items": correspondence_for_case(case=case),
            # An anonymised case takes no more letters (the services refuse them too).
            "can_write": case.anonymised_at is None and access.can_write_letter(request.user, case),
            "can_import": case.anonymised_at is None
            and access.can_import_email(request.user, case),
            "nav": "cases",
        },
    )


@login_required
def correspondence_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = _case_for(request, reference, access.can_view_correspondence)
    item = correspondence_get(case=case, pk=pk)
    if item is None:
        raise Http404
    return render(
        request,
        "correspondence/correspondence_detail.html",
        {"case": case, "item": item, "nav": "cases"},
    )


@login_required
def letter_new(request: HttpRequest, reference: str) -> HttpResponse:
    """Choose a letter, then check its merged wording and choose how it goes."""
    case = _case_for(request, reference, access.can_write_letter)
    context: dict[str, Any] = {
        "case": case,
        "nav": "cases",
        "title": "Write a letter",
        "caption": case.reference,
        "back_url": reverse("correspondence:list", args=[case.reference]),
        "cancel_url": reverse("correspondence:list", args=[case.reference]),
    }
    choices = via_choices(case=case)
    if request.method != "POST":
        choose = LetterChooseForm(request.GET if "kind" in request.GET else None)
        if not choose.is_bound or not choose.is_valid():
            status = 400 if choose.is_bound else 200
            return render(
                request,
                "correspondence/letter_choose.html",
                {**context, "form": choose, "error_summary": choose.is_bound},
                status=status,
            )
        kind = choose.cleaned_data["kind"]
        composed = letter_compose(case=case, kind=kind, actor=request.user, today=today())
        form = LetterForm(
            initial={"kind": kind, "subject": composed.subject, "body": composed.body},
            via_choices=choices,
        )
    else:
        form = LetterForm(request.POST, via_choices=choices)
        kind = request.POST.get("kind", "")

    def action(data: dict[str, Any]) -> tuple[str, str]:
        item = letter_send(
            actor=request.user,
            case=case,
            kind=data["kind"],
            subject=data["subject"],
            body=data["body"],
            via=data["via"],
            today=today(),
        )
        done = {
            "docx": "Word document made: it is kept on the case",
            "pdf": "PDF made: it is kept on the case",
            "email": "Email sent and kept on the case",
            "notify_letter": "Letter sent to GOV.UK Notify to post; a copy is kept on the case",
        }
        return _detail_url(case, item.pk), done[data["via"]]

    context["title"] = LETTER_KINDS.get(kind, "Write a letter")
    context["button"] = "Make the letter"
    return run_form(request, form, action, context=context)


@login_required
def email_file(request: HttpRequest, reference: str) -> HttpResponse:
    """Drop an email saved as .eml or .msg onto the case: kept with its attachments."""
    case = _case_for(request, reference, access.can_import_email)
    form = MailFileForm(request.POST or None, request.FILES or None)

    def action(data: dict[str, Any]) -> tuple[str, str]:
        upload = data["file"]
        if upload.size > MAIL_MAX_BYTES:
            raise ServiceError("The email file is too large.", field="file")
        raw = upload.read(MAIL_MAX_BYTES + 1)
        try:
            via, mail = mail_parse_file(upload.name or "", raw)
        except MailUnreadable as refused:
            raise ServiceError(str(refused), field="file") from None
        received = mail_receive(mail=mail, via=via, today=today(), case=case, actor=request.user)
        if received.already_kept:
            return _detail_url(case, received.correspondence.pk), "That email is already kept"
        return _detail_url(case, received.correspondence.pk), "Email kept on the case"

    return run_form(
        request,
        form,
        action,
        context={
            "title": "Add an email to the case",
            "caption": case.reference,
            "back_url": case_url(case),
            "cancel_url": case_url(case),
            "nav": "cases",
            "multipart": True,
            "button": "Add the email",
        },
    )


@login_required
def templates_list(request: HttpRequest) -> HttpResponse:
    require(access.can_edit_letter_templates(request.user))
    return render(
        request,
        "correspondence/templates.html",
        {"templates": letter_templates(), "nav": "admin"},
    )


@login_required
def template_edit(request: HttpRequest, kind: str) -> HttpResponse:
    require(access.can_edit_letter_templates(request.user))
    template = letter_template(kind)
    if template is None:
        raise Http404
    form = LetterTemplateForm(
        request.POST or None,
        initial={"version": template.version, "subject": template.subject, "body": template.body},
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        letter_template_save(
            actor=request.user,
            kind=kind,
            subject=data["subject"],
            body=data["body"],
            expected_version=data["version"],
        )
        return reverse("correspondence:templates"), f"{template.name} letter saved"

    return run_form(
        request,
        form,
        action,
        template="correspondence/template_edit.html",
        context={
            "title": f"{template.name} letter",
            "back_url": reverse("correspondence:templates"),
            "cancel_url": reverse("correspondence:templates"),
            "nav": "admin",
            "merge_fields": MERGE_FIELDS,
            "shipped": template.stored is None,
        },
    )
