"""The complaints manager's administration: organisation, users and roles, calendar, timescales."""

import json
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from complaintsdesk.accounts.roles import ALL_ROLES
from complaintsdesk.cases import access, services_admin
from complaintsdesk.cases.forms import admin as admin_forms
from complaintsdesk.cases.models import Directorate, ServiceArea, Team
from complaintsdesk.cases.views.base import require, run_form, today
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.deadlines import services as deadline_services
from complaintsdesk.deadlines.models import ClosureDay, TimescaleRuleVersion
from complaintsdesk.deadlines.selectors import rulesets_current
from complaintsdesk.workflow import rules

ADMIN = {"nav": "admin"}


def _manager(request: HttpRequest) -> None:
    require(access.can_administer(request.user))


def _service_error(error: ValidationError, fields: dict[str, str]) -> ServiceError:
    """Deadline services raise ValidationError({field: message}): show it on our field."""
    for name, messages in getattr(error, "message_dict", {"": error.messages}).items():
        return ServiceError(" ".join(messages), field=fields.get(name, name))
    return ServiceError("That could not be saved.")


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _manager(request)
    return render(request, "cases/admin/index.html", ADMIN)


@login_required
def organisation(request: HttpRequest) -> HttpResponse:
    _manager(request)
    return render(
        request,
        "cases/admin/organisation.html",
        {
            **ADMIN,
            "directorates": Directorate.objects.all(),
            "service_areas": ServiceArea.objects.select_related("directorate"),
            "teams": Team.objects.select_related("service_area").prefetch_related("members"),
        },
    )


def _org_form(request: HttpRequest, form_class: Any, create: Any, title: str) -> HttpResponse:
    _manager(request)
    form = form_class(request.POST or None)

    def action(data: dict[str, Any]) -> tuple[str, str]:
        row = create(actor=request.user, **data)
        return reverse("cases:admin_organisation"), f"{row.name} added"

    return run_form(
        request,
        form,
        action,
        context={**ADMIN, "title": title, "back_url": reverse("cases:admin_organisation")},
    )


@login_required
def directorate_new(request: HttpRequest) -> HttpResponse:
    return _org_form(
        request, admin_forms.DirectorateForm, services_admin.directorate_create, "Add a directorate"
    )


@login_required
def service_area_new(request: HttpRequest) -> HttpResponse:
    return _org_form(
        request,
        admin_forms.ServiceAreaForm,
        services_admin.service_area_create,
        "Add a service area",
    )


@login_required
def team_new(request: HttpRequest) -> HttpResponse:
    return _org_form(request, admin_forms.TeamForm, services_admin.team_create, "Add a team")


@login_required
def users(request: HttpRequest) -> HttpResponse:
    _manager(request)
    rows = (
        get_user_model()
        .objects.select_related("council_identity")
        .prefetch_related("groups", "teams")
        .order_by("username")
    )
    return render(request, "cases/admin/users.html", {**ADMIN, "users": rows})


@login_required
def user_new(request: HttpRequest) -> HttpResponse:
    _manager(request)
    form = admin_forms.UserCreateForm(request.POST or None)

    def action(data: dict[str, Any]) -> tuple[str, str]:
        user = services_admin.user_create(actor=request.user, **data)
        # They choose their own password from the reset email.
        reset = PasswordResetForm({"email": user.email})
        if reset.is_valid():
            reset.save(
                request=request,
                email_template_name="accounts/password_reset_email.txt",
                subject_template_name="accounts/password_reset_subject.txt",
            )
        return reverse(
            "cases:admin_users"
        ), f"User {user.username} added; they have been emailed a link"

    return run_form(
        request,
        form,
        action,
        context={**ADMIN, "title": "Add a user", "back_url": reverse("cases:admin_users")},
    )


@login_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    user = get_object_or_404(get_user_model(), pk=pk)
    form = admin_forms.UserEditForm(
        request.POST or None,
        initial={
            "roles": [g.name for g in user.groups.filter(name__in=ALL_ROLES)],
            "teams": list(user.teams.all()),
            "is_active": user.is_active,
        },
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services_admin.user_update(
            actor=request.user,
            user=user,
            roles=data["roles"],
            teams=list(data["teams"]),
            is_active=data["is_active"],
        )
        return reverse("cases:admin_users"), f"User {user.username} saved"

    return run_form(
        request,
        form,
        action,
        context={
            **ADMIN,
            "title": f"Roles and teams: {user.username}",
            "back_url": reverse("cases:admin_users"),
        },
    )


@login_required
def closure_days(request: HttpRequest) -> HttpResponse:
    _manager(request)
    form = admin_forms.ClosureDayForm(request.POST or None)

    def action(data: dict[str, Any]) -> tuple[str, str]:
        try:
            deadline_services.closure_day_add(
                actor=request.user, day=data["day"], description=data["description"]
            )
        except ValidationError as error:
            raise _service_error(error, {"date": "day"}) from error
        return reverse(
            "cases:admin_closure_days"
        ), "Closure day added: due dates after it have moved"

    days = ClosureDay.objects.filter(date__gte=date(today().year - 1, 1, 1))
    return run_form(
        request,
        form,
        action,
        template="cases/admin/closure_days.html",
        context={**ADMIN, "days": days, "button": "Add closure day"},
    )


@login_required
@require_POST
def closure_day_remove(request: HttpRequest, day: str) -> HttpResponse:
    _manager(request)
    try:
        deadline_services.closure_day_remove(actor=request.user, day=date.fromisoformat(day))
    except (ValidationError, ValueError):
        pass  # already gone: the list shows the truth
    return redirect("cases:admin_closure_days")


@login_required
def timescales(request: HttpRequest) -> HttpResponse:
    _manager(request)
    current = rules.ruleset_for(today(), rulesets_current())
    return render(
        request,
        "cases/admin/timescales.html",
        {
            **ADMIN,
            "versions": TimescaleRuleVersion.objects.all(),
            "current": current,
        },
    )


@login_required
def timescale_new(request: HttpRequest) -> HttpResponse:
    _manager(request)
    current = rules.ruleset_for(today(), rulesets_current()).to_dict()
    current.pop("effective_from", None)
    current.pop("note", None)
    form = admin_forms.TimescaleForm(
        request.POST or None, initial={"rules": json.dumps(current, indent=2)}
    )

    def action(data: dict[str, Any]) -> tuple[str, str]:
        try:
            deadline_services.timescale_rule_version_add(
                actor=request.user,
                effective_from=data["effective_from"],
                rules=data["rules"],
                note=data["note"],
            )
        except ValidationError as error:
            raise _service_error(error, {}) from error
        return reverse("cases:admin_timescales"), "New timescales saved"

    return run_form(
        request,
        form,
        action,
        context={
            **ADMIN,
            "title": "New version of the timescales",
            "back_url": reverse("cases:admin_timescales"),
            "intro": "Stages that start on or after the date use it.",
        },
    )
