"""Staff casework pages. Case references contain slashes (COM/4822), so they are `path`
segments; case actions come after a `/-/` separator and are listed before the case page."""

from django.urls import path

from complaintsdesk.cases.views import (
    administration,
    case_actions,
    case_create,
    case_list,
    case_page,
    caseload,
    documents,
    home,
    learning,
    lgsco,
    stage_actions,
)

app_name = "cases"

CASE = "cases/<path:reference>/-/"
STAGE = CASE + "stages/<str:kind>/"

urlpatterns = [
    path("", home.home, name="home"),
    path("cases/", case_list.cases, name="list"),
    path("cases/export.csv", case_list.cases_export, name="export"),
    path("cases/new/", case_create.case_new, name="new"),
    path("cases/reassign/", case_list.cases_reassign, name="reassign_bulk"),
    path("caseload/", caseload.caseload_page, name="caseload"),
    path(CASE + "triage/", case_actions.triage, name="triage"),
    path(CASE + "reassign/", case_actions.reassign, name="reassign"),
    path(CASE + "edit/", case_actions.edit, name="edit"),
    path(CASE + "access/", case_actions.restrict, name="restrict"),
    path(CASE + "close/", case_actions.close, name="close"),
    path(CASE + "reopen/", case_actions.reopen, name="reopen"),
    path(CASE + "escalate/", case_actions.escalate, name="escalate"),
    path(CASE + "link/", case_actions.link, name="link"),
    path(CASE + "notes/new/", case_actions.note, name="note"),
    path(CASE + "children/new/", case_actions.child, name="child"),
    path(CASE + "documents/new/", documents.upload, name="document_upload"),
    path(CASE + "documents/<int:pk>/", documents.download, name="document"),
    path(CASE + "documents/<int:pk>/remove/", documents.remove, name="document_remove"),
    path(CASE + "learning/new/", learning.learning_new, name="learning_new"),
    path(CASE + "audit/", case_page.case_audit, name="audit"),
    path(STAGE + "acknowledge/", stage_actions.acknowledge, name="acknowledge"),
    path(STAGE + "respond/", stage_actions.respond, name="respond"),
    path(STAGE + "withdraw/", stage_actions.withdraw, name="withdraw"),
    path(STAGE + "extend/", stage_actions.extend, name="extend"),
    path(STAGE + "pause/", stage_actions.pause, name="pause"),
    path(STAGE + "panel/", stage_actions.panel, name="panel"),
    path(STAGE + "appoint/", stage_actions.appoint, name="appoint"),
    path(STAGE + "costs/", stage_actions.costs, name="costs"),
    path(STAGE + "reopen/", stage_actions.stage_reopen, name="stage_reopen"),
    path("cases/<path:reference>/", case_page.case_page, name="case"),
    path("ombudsman/", lgsco.lgsco_list, name="lgsco_list"),
    path("ombudsman/new/", lgsco.lgsco_new, name="lgsco_new"),
    path("ombudsman/<int:pk>/", lgsco.lgsco_page, name="lgsco"),
    path("ombudsman/<int:pk>/decision/", lgsco.lgsco_decision, name="lgsco_decision"),
    path("ombudsman/<int:pk>/compliance/", lgsco.lgsco_compliance, name="lgsco_compliance"),
    path(
        "ombudsman/<int:pk>/recommendations/new/",
        lgsco.recommendation_new,
        name="lgsco_recommendation_new",
    ),
    path(
        "ombudsman/<int:pk>/recommendations/<int:rec>/complied/",
        lgsco.recommendation_comply,
        name="lgsco_recommendation_comply",
    ),
    path("learning/", learning.learning_list, name="learning_list"),
    path("learning/new/", learning.learning_new, name="learning_new_general"),
    path("learning/<int:pk>/", learning.learning_edit, name="learning_edit"),
    path("compliments/", learning.compliment_list, name="compliment_list"),
    path("compliments/new/", learning.compliment_new, name="compliment_new"),
    path("compliments/<int:pk>/", learning.compliment_edit, name="compliment_edit"),
    path("administration/", administration.index, name="admin"),
    path("administration/organisation/", administration.organisation, name="admin_organisation"),
    path(
        "administration/directorates/new/",
        administration.directorate_new,
        name="admin_directorate_new",
    ),
    path(
        "administration/service-areas/new/",
        administration.service_area_new,
        name="admin_service_area_new",
    ),
    path(
        "administration/service-areas/<int:pk>/",
        administration.service_area_edit,
        name="admin_service_area",
    ),
    path("administration/teams/new/", administration.team_new, name="admin_team_new"),
    path("administration/users/", administration.users, name="admin_users"),
    path("administration/users/new/", administration.user_new, name="admin_user_new"),
    path("administration/users/<int:pk>/", administration.user_edit, name="admin_user"),
    path("administration/closure-days/", administration.closure_days, name="admin_closure_days"),
    path(
        "administration/closure-days/<str:day>/remove/",
        administration.closure_day_remove,
        name="admin_closure_day_remove",
    ),
    path("administration/timescales/", administration.timescales, name="admin_timescales"),
    path(
        "administration/timescales/new/", administration.timescale_new, name="admin_timescale_new"
    ),
    path("administration/audit.csv", case_page.audit_export, name="audit_export"),
]
