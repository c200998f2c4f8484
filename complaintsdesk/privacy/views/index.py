"""Data protection: what is due (subject access requests, breach decisions) and the links."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from complaintsdesk.cases.views.base import require, today
from complaintsdesk.privacy import access, selectors


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require(access.can_view_privacy(request.user))
    return render(
        request,
        "privacy/index.html",
        {
            "work": selectors.privacy_work(user=request.user, limit=100),
            "holds": selectors.holds_active_visible_to(request.user).count(),
            "nav": "privacy",
            "today": today(),
            "now": timezone.now(),
        },
    )
