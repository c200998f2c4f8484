"""People pages: search, a person's record and cases, correcting details, merging."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from complaintsdesk.cases.views.base import require, run_form
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.people import access, selectors, services
from complaintsdesk.people.forms import PersonForm, PersonMergeForm, PersonSearchForm
from complaintsdesk.people.models import Person
from complaintsdesk.privacy import access as privacy_access


def _url(person: Person) -> str:
    return reverse("people:person", args=[person.pk])


@login_required
def search(request: HttpRequest) -> HttpResponse:
    require(access.can_search_people(request.user))
    form = PersonSearchForm(request.GET or None)
    results: list[Person] | None = None
    if form.is_bound and form.is_valid():
        results = selectors.person_search(user=request.user, **form.cleaned_data)
    return render(
        request,
        "people/search.html",
        {
            "form": form,
            "results": results,
            "limit": selectors.SEARCH_LIMIT,
            "nav": "people",
        },
        status=400 if form.errors else 200,
    )


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_search_people(request.user))
    record = access.person_get_for_user(request.user, pk)
    return render(
        request,
        "people/person.html",
        {
            "person": record,
            "links": selectors.person_case_links(user=request.user, person=record),
            "duplicates": selectors.person_duplicates(user=request.user, person=record),
            "can_edit": access.can_edit_person(request.user) and record.anonymised_at is None,
            "can_merge": access.can_merge_people(request.user) and record.anonymised_at is None,
            # The data protection actions live in `privacy`; the person page links to them.
            "can_sar": privacy_access.can_handle_sar(request.user),
            "can_manage_privacy": privacy_access.can_manage_privacy(request.user),
            "nav": "people",
        },
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_edit_person(request.user))
    record = access.person_get_for_user(request.user, pk)
    initial = {name: getattr(record, name) for name in services.EDITABLE}
    form = PersonForm(request.POST or None, initial=initial)

    def action(data: dict[str, Any]) -> tuple[str, str]:
        services.person_update(actor=request.user, person=record, **data)
        return _url(record), "Details saved"

    return run_form(
        request,
        form,
        action,
        context={
            "title": "Correct a person's details",
            "caption": f"Person {record.pk}",
            "nav": "people",
            "back_url": _url(record),
        },
    )


@login_required
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_merge_people(request.user))
    record = access.person_get_for_user(request.user, pk)
    form = PersonMergeForm(request.POST or None, initial={"other": request.GET.get("other")})

    def action(data: dict[str, Any]) -> tuple[str, str]:
        other = access.people_visible_to(request.user).filter(pk=data["other"]).first()
        if other is None:
            raise ServiceError("No person record with that number was found.", field="other")
        services.person_merge(actor=request.user, keep=record, merge=other)
        return _url(record), f"Record {other.pk} merged into this one"

    return run_form(
        request,
        form,
        action,
        context={
            "title": "Merge another record into this one",
            "caption": f"Person {record.pk}: {record.display_name}",
            "nav": "people",
            "back_url": _url(record),
            "button": "Merge records",
            "warning": True,
        },
    )
