"""My work: what needs doing next, with working days left on the council's calendar."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from complaintsdesk.accounts.roles import roles_of
from complaintsdesk.cases import access
from complaintsdesk.cases.selectors import my_work
from complaintsdesk.cases.views.base import require, today


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if access.can_view_reports(request.user) and not access.can_list_cases(request.user):
        return redirect("/reports/")  # leadership see reports only, never cases
    if not roles_of(request.user):
        return redirect("no_access")  # a council account's first sign-in, before a role
    require(access.can_list_cases(request.user))
    work = my_work(
        user=request.user, today=today(), include_lgsco=access.can_view_lgsco(request.user)
    )
    return render(request, "cases/home.html", {"work": work, "nav": "home", "today": today()})
