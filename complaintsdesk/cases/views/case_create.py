"""Log a case that arrived by phone, email, letter or in person."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from complaintsdesk.cases import access
from complaintsdesk.cases.forms.case import CaseCreateForm
from complaintsdesk.cases.services import case_create
from complaintsdesk.cases.views.base import case_url, require, run_form, signed_in_user, today
from complaintsdesk.people.forms import known_people_field


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    require(access.can_log_case(request.user))
    form = CaseCreateForm(
        request.POST or None, initial={"received": today(), "procedure": "children_statutory"}
    )
    known = known_people_field(request, form)

    def action(data: dict[str, Any]) -> tuple[str, str]:
        children = []
        if data["child_name"]:
            children.append(
                {
                    "name": data["child_name"],
                    "date_of_birth": data["child_date_of_birth"],
                    "in_care": data["child_in_care"],
                }
            )
        case = case_create(
            actor=request.user,
            procedure=data["procedure"],
            service_area=data["service_area"],
            team=data["team"],
            received=data["received"],
            first_stage=data["first_stage"] or None,
            children=children,
            channel=data["channel"],
            complainant_name=data["complainant_name"],
            complainant_type=data["complainant_type"],
            complainant_email=data["complainant_email"],
            complainant_phone=data["complainant_phone"],
            relationship_to_child=data["relationship_to_child"],
            theme=data["theme"],
            summary=data["summary"],
            desired_outcome=data["desired_outcome"],
            restricted=data["restricted"],
            child_in_care=True if data["child_in_care"] else None,
            complainant_person=known.get(data.get("complainant_record", "")),
        )
        if case.restricted:
            # The person who logs a restricted case stays able to see it.
            case.restricted_to.add(signed_in_user(request))
        return case_url(case), f"Case {case.reference} logged"

    return run_form(
        request, form, action, context={"title": "Log a case", "nav": "log", "button": "Log case"}
    )
