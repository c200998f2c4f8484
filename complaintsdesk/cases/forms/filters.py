"""The case list's search and filters, read from the query string."""

from typing import Any

from django import forms

from complaintsdesk.cases.forms.base import LINE_MAX, blank_first
from complaintsdesk.cases.forms.case import all_responding_managers, complaints_team
from complaintsdesk.cases.models import Case, Directorate, ServiceArea, Team
from complaintsdesk.cases.selectors import ACTIVE, LIST_SORTS, NOBODY, CaseFilters
from complaintsdesk.core import vocabulary as v

DUE = {"overdue": "Overdue", "soon": "Due in 5 working days", "none": "No due date"}


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        help_text="Reference, complainant, child or text",
        max_length=LINE_MAX,
    )
    directorate = forms.ModelChoiceField(
        Directorate.objects.all(), required=False, empty_label="All"
    )
    service_area = forms.ModelChoiceField(
        ServiceArea.objects.all(), required=False, empty_label="All"
    )
    team = forms.ModelChoiceField(Team.objects.all(), required=False, empty_label="All")
    procedure = forms.ChoiceField(required=False, choices=blank_first(v.PROCEDURE, "All"))
    stage = forms.ChoiceField(required=False, choices=blank_first(v.STAGE, "All"))
    status = forms.ChoiceField(
        required=False,
        choices=[*blank_first(Case.STATUS, "All"), (ACTIVE, "Open or awaiting triage")],
    )
    due = forms.ChoiceField(label="Due", required=False, choices=blank_first(DUE, "Any"))
    theme = forms.ChoiceField(required=False, choices=blank_first(v.THEME, "All"))
    owner = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, choices=[])
    responding_manager = forms.TypedChoiceField(
        label="Responding manager", required=False, coerce=int, empty_value=None, choices=[]
    )
    sort = forms.ChoiceField(
        required=False, choices=[(k, k) for k in LIST_SORTS], widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Kept: the bulk reassign control offers the same people, without a second query.
        self.owner_people = list(complaints_team())
        for name, people, nobody in (
            ("owner", self.owner_people, "No owner yet"),
            ("responding_manager", all_responding_managers(), "None yet"),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [
                ("", "All"),
                (str(NOBODY), nobody),
                *((str(u.pk), u.get_full_name() or u.get_username()) for u in people),
            ]

    def filters(self) -> CaseFilters:
        # A value the list does not offer is dropped on its own (cleaned_data keeps only the
        # fields that are valid); the others still filter.
        self.is_valid()
        data = self.cleaned_data if self.is_bound else {}

        def pk(name: str) -> int | None:
            value = data.get(name)
            return value.pk if value is not None else None

        return CaseFilters(
            q=data.get("q", ""),
            directorate=pk("directorate"),
            service_area=pk("service_area"),
            team=pk("team"),
            procedure=data.get("procedure", ""),
            stage=data.get("stage", ""),
            status=data.get("status", ""),
            due=data.get("due", ""),
            theme=data.get("theme", ""),
            owner=data.get("owner"),
            responding_manager=data.get("responding_manager"),
        )

    def ignored(self) -> list[str]:
        """The labels of the filters whose values were dropped."""
        return [str(self[name].label) for name in self.errors if name in self.fields]
