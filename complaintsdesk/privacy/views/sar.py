"""Subject access request pages: log, the request with what is held, identity, extension,
closing, and the disclosure bundle."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from complaintsdesk.cases.views.base import require, run_form, today
from complaintsdesk.people.access import person_get_for_user
from complaintsdesk.privacy import access, selectors, services_sar
from complaintsdesk.privacy.forms import SarCloseForm, SarExtendForm, SarForm, SarIdentityForm
from complaintsdesk.privacy.models import SubjectAccessRequest
from complaintsdesk.privacy.sar import person_holdings
from complaintsdesk.privacy.sar_bundle import bundle_filename, bundle_make


def _url(sar: SubjectAccessRequest) -> str:
    return reverse("privacy:sar", args=[sar.pk])


def _get(request: HttpRequest, pk: int) -> SubjectAccessRequest:
    require(access.can_handle_sar(request.user))
    return get_object_or_404(
        selectors.sars_visible_to(request.user).select_related("person"), pk=pk
    )


@login_required
def sar_list(request: HttpRequest) -> HttpResponse:
    require(access.can_handle_sar(request.user))
    rows = (
        selectors.sars_visible_to(request.user)
        .select_related("person")
        .order_by("-received", "-id")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request, "privacy/sar_list.html", {"page": page, "nav": "privacy", "today": today()}
    )


@login_required
def sar_new(request: HttpRequest, person: int) -> HttpResponse:
    require(access.can_handle_sar(request.user))
    subject = person_get_for_user(request.user, person)
    form = SarForm(request.POST or None, initial={"received": today()})

    def action(data: dict[str, Any]) -> tuple[str, str]:
        sar = services_sar.sar_create(actor=request.user, person=subject, today=today(), **data)
        return _url(sar), f"Request logged: respond by {sar.due:%d %B %Y}"

    return run_form(
        request,
        form,
        action,
        context={
            "title": "Log a subject access request",
            "caption": f"Person {subject.pk}: {subject.display_name}",
            "nav": "privacy",
            "back_url": reverse("people:person", args=[subject.pk]),
        },
    )


@login_required
def sar_page(request: HttpRequest, pk: int) -> HttpResponse:
    sar = _get(request, pk)
    holdings = person_holdings(user=request.user, person=sar.person)
    return render(
        request,
        "privacy/sar_page.html",
        {"sar": sar, "holdings": holdings, "nav": "privacy", "today": today()},
    )


def _sar_form(
    request: HttpRequest, pk: int, form_class: Any, title: str, call: Any
) -> HttpResponse:
    sar = _get(request, pk)
    form = form_class(request.POST or None, initial={"on": today()})

    def action(data: dict[str, Any]) -> tuple[str, str]:
        call(sar, data)
        return _url(sar), "Saved"

    return run_form(
        request,
        form,
        action,
        context={"title": title, "caption": sar.reference, "nav": "privacy", "back_url": _url(sar)},
    )


@login_required
def sar_identity(request: HttpRequest, pk: int) -> HttpResponse:
    return _sar_form(
        request,
        pk,
        SarIdentityForm,
        "Record that identity was confirmed",
        lambda sar, d: services_sar.sar_identity_confirm(
            actor=request.user, sar=sar, on=d["on"], evidence=d["evidence"], today=today()
        ),
    )


@login_required
def sar_extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _sar_form(
        request,
        pk,
        SarExtendForm,
        "Extend by two months",
        lambda sar, d: services_sar.sar_extend(actor=request.user, sar=sar, reason=d["reason"]),
    )


@login_required
def sar_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _sar_form(
        request,
        pk,
        SarCloseForm,
        "Close the request",
        lambda sar, d: services_sar.sar_close(
            actor=request.user, sar=sar, status=d["status"], on=d["on"], today=today()
        ),
    )


@login_required
def sar_bundle(request: HttpRequest, pk: int) -> HttpResponse:
    sar = _get(request, pk)
    holdings = person_holdings(user=request.user, person=sar.person)
    bundle = bundle_make(sar=sar, holdings=holdings)
    services_sar.sar_bundle_made(
        actor=request.user,
        sar=sar,
        cases=holdings.references,
        documents=bundle.documents,
        correspondence=bundle.correspondence,
    )
    response = HttpResponse(bundle.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{bundle_filename(sar)}"'
    return response
