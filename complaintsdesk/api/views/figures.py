"""The report figures as JSON (figures.md's schema): the same definition as every report."""

from typing import Any

from django.http import HttpRequest, JsonResponse

from complaintsdesk.accounts.roles import CASEWORK_ROLES, LEADERSHIP, roles_of
from complaintsdesk.api.auth import api_error
from complaintsdesk.api.operation import operation
from complaintsdesk.reporting.figures import GROUP_BYS
from complaintsdesk.reporting.report_figures import figures_report

FIGURES_QUERY: dict[str, dict[str, Any]] = {
    "year": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "description": "e.g. 2023-24"},
    "by": {"type": "string", "enum": list(GROUP_BYS), "default": "council"},
    "edition": {"type": "string", "enum": ["published", "internal"], "default": "published"},
}


@operation(
    "GET",
    summary="The report figures (docs/figures-json.md); internal edition for the team only",
    query=FIGURES_QUERY,
    required_query=("year",),
    answer={"$ref": "#/components/schemas/Figures"},
    errors=(400, 401, 403),
)
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
