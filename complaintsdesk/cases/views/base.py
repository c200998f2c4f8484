"""What every staff view shares: today's date, refusing, and running a form through a service."""

from collections.abc import Callable
from datetime import date
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from complaintsdesk.cases.models import Case
from complaintsdesk.core.errors import CaseAnonymisedError, ServiceError, StaleEditError

FORM_PAGE = "cases/includes/form_page.html"


def today() -> date:
    return timezone.localdate()


def signed_in_user(request: HttpRequest) -> User:
    """The person signed in, in a view behind @login_required (never AnonymousUser there)."""
    return cast(User, request.user)


def require(allowed: bool) -> None:
    """Refuse a page outside a case (403). Cases themselves say 404 via case_get_for_user."""
    if not allowed:
        raise PermissionDenied


def case_url(case: Case) -> str:
    return reverse("cases:case", args=[case.reference])


def versioned_initial(case: Case, **initial: Any) -> dict[str, Any]:
    return {"version": case.version, **initial}


def run_form(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[dict[str, Any]], tuple[str, str]],
    *,
    template: str = FORM_PAGE,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """Validate, call the service (via `action`, returning (next URL, success message)), and
    on a refusal show the form again with the person's input and the service's message.

    A stale edit (someone saved the case first) is answered 409 with what changed; the
    bound form keeps everything the person typed. A write to an anonymised case is a 409 too,
    with the one message saying the case can no longer be changed.
    """
    context = {"form": form, **(context or {})}
    if request.method == "POST" and form.is_valid():
        try:
            url, message = action(form.cleaned_data)
        except StaleEditError as stale:
            return render(
                request, template, {**context, "stale": stale, "error_summary": True}, status=409
            )
        except CaseAnonymisedError as anonymised:
            form.add_error(None, anonymised.message)
            return render(request, template, {**context, "error_summary": True}, status=409)
        except ServiceError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
        else:
            if message:
                messages.success(request, message)
            return redirect(url)
    return render(request, template, context, status=400 if form.errors else 200)
