"""The Ombudsman's published figures for a year: the CSV upload and the reconciliation."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from complaintsdesk.cases.views.base import require
from complaintsdesk.codecompliance import access
from complaintsdesk.codecompliance.ombudsman_csv import COLUMNS, MAX_BYTES
from complaintsdesk.codecompliance.selectors import ombudsman_reconciliation
from complaintsdesk.codecompliance.services import ombudsman_figures_import
from complaintsdesk.core.errors import ServiceError


class FiguresUploadForm(forms.Form):
    file = forms.FileField(label="The Ombudsman's figures (CSV)")


@login_required
def figures_page(request: HttpRequest, year: str) -> HttpResponse:
    require(access.can_view_self_assessment(request.user))
    try:
        reconciliation = ombudsman_reconciliation(year=year)
    except ValueError:
        raise Http404("No such year") from None
    form = FiguresUploadForm()
    status = 200
    if request.method == "POST":
        require(access.can_edit_self_assessment(request.user))
        form = FiguresUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_BYTES:
                    raise ServiceError(f"The file is larger than {MAX_BYTES // 1024} KB.")
                stored = ombudsman_figures_import(actor=request.user, data=upload.read())
            except ServiceError as error:
                form.add_error("file", error.message)
            else:
                years = ", ".join(f.year for f in stored)
                messages.success(request, f"The Ombudsman's figures imported for {years}")
                return redirect("codecompliance:ombudsman", year=year)
        status = 400
    return render(
        request,
        "codecompliance/ombudsman.html",
        {
            "r": reconciliation,
            "form": form,
            "columns": COLUMNS,
            "nav": "reports",
            "can_edit": access.can_edit_self_assessment(request.user),
        },
        status=status,
    )
