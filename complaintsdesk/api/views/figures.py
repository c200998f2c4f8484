"""The report figures as JSON (figures.md's schema): the same definition as every report."""

from django.http import HttpRequest, JsonResponse

from complaintsdesk.accounts.roles import CASEWORK_ROLES, LEADERSHIP, roles_of
from complaintsdesk.api.auth import api_error
from complaintsdesk.api.endpoint import api_view
from complaintsdesk.reporting.figures import GROUP_BYS
from complaintsdesk.reporting.report_figures import figures_report


@api_view("GET")
def figures(request: HttpRequest) -> JsonResponse:
    roles = roles_of(request.user)
    edition = request.GET.get("edition", "published")
    if not roles & (CASEWORK_ROLES | {LEADERSHIP}):
        return api_error(403, "This account cannot read report figures.")
    if edition == "internal" and not roles & CASEWORK_ROLES:
        return api_error(403, "Only the complaints team may read the internal edition.")
    by = request.GET.get("by", "council")
    if by not in GROUP_BYS or edition not in ("internal", "published"):
        return api_error(
            400, f"by is one of {', '.join(GROUP_BYS)}; edition internal or published."
        )
    try:
        report = figures_report(year=request.GET.get("year", ""), by=by, edition=edition)
    except ValueError:
        return api_error(400, "year is a financial year such as 2023-24.", field="year")
    return JsonResponse(report)
