"""The API's addresses. Each is an `endpoint` of declared operations; openapi.py describes
every pattern here, so an address cannot be served without appearing in the schema.

A case reference holds a slash (COM/123), hence `<path:reference>`: the longer patterns come
first, or the case's own address would swallow them.
"""

from django.urls import path

from complaintsdesk.api.endpoint import endpoint
from complaintsdesk.api.views import case_actions, cases, figures, schema, stage_clock

app_name = "api"
urlpatterns = [
    path("v1/openapi.json", endpoint(schema.openapi_schema), name="openapi"),
    path("v1/cases", endpoint(cases.case_list, cases.case_log), name="cases"),
    path(
        "v1/cases/<path:reference>/notes",
        endpoint(case_actions.note_create),
        name="case-notes",
    ),
    path(
        "v1/cases/<path:reference>/escalate",
        endpoint(case_actions.case_escalate),
        name="case-escalate",
    ),
    path(
        "v1/cases/<path:reference>/assign",
        endpoint(case_actions.case_assign),
        name="case-assign",
    ),
    path(
        "v1/cases/<path:reference>/stages/<str:stage>/pause",
        endpoint(stage_clock.stage_pause),
        name="stage-pause",
    ),
    path(
        "v1/cases/<path:reference>/stages/<str:stage>/resume",
        endpoint(stage_clock.stage_resume),
        name="stage-resume",
    ),
    path(
        "v1/cases/<path:reference>/stages/<str:stage>/acknowledge",
        endpoint(case_actions.stage_acknowledge),
        name="stage-acknowledge",
    ),
    path(
        "v1/cases/<path:reference>/stages/<str:stage>/respond",
        endpoint(case_actions.stage_respond),
        name="stage-respond",
    ),
    path(
        "v1/cases/<path:reference>/stages/<str:stage>/extend",
        endpoint(case_actions.stage_extend),
        name="stage-extend",
    ),
    path("v1/cases/<path:reference>", endpoint(cases.case_read, cases.case_change), name="case"),
    path("v1/figures", endpoint(figures.figures), name="figures"),
]
