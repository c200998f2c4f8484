"""My work: what needs doing next, with working days left on the council's calendar."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from complaintsdesk.accounts.roles import RESPONDER, has_role, roles_of
from complaintsdesk.cases import access
from complaintsdesk.cases.selectors import my_work
from complaintsdesk.cases.views.base import require, today
from complaintsdesk.privacy.selectors import privacy_work


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if access.can_view_reports(request.user) and not access.can_list_cases(request.user):
        return redirect("/reports/")  # leadership see reports only, never cases
    if not roles_of(request.user):
        return redirect("no_access")  # a council account's first sign-in, before a role
    require(access.can_list_cases(request.user))
    work = my_work(
        user=request.user,
        today=today(),
        include_lgsco=access.can_view_lgsco(request.user),
        include_triage=access.can_see_triage_queue(request.user),
    )
    mine = None  # the list filter that finds this person's own cases, and its link's words
    if access.can_see_triage_queue(request.user):
        mine = ("owner", "The cases you own")
    elif has_role(request.user, RESPONDER):
        mine = ("responding_manager", "The cases you are responding manager for")
    return render(
        request,
        "cases/home.html",
        {
            "work": work,
            "nav": "home",
            "today": today(),
            "now": timezone.now(),
            "privacy_work": privacy_work(user=request.user),
            "mine": mine,
        },
    )
