"""The team caseload for managers: who holds which open cases, and what is due or late."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from complaintsdesk.cases import access
from complaintsdesk.cases.caseload import caseload
from complaintsdesk.cases.views.base import require, today


@login_required
def caseload_page(request: HttpRequest) -> HttpResponse:
    require(access.can_view_caseload(request.user))
    load = caseload(user=request.user, today=today())
    return render(
        request,
        "cases/caseload.html",
        {"load": load, "today": today(), "nav": "caseload"},
    )
