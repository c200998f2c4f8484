from django.urls import path

from complaintsdesk.privacy.views import breach, index, retention, sar

app_name = "privacy"

CASE = "cases/<path:reference>/-/"

urlpatterns = [
    path("", index.index, name="index"),
    path("retention/", retention.retention_page, name="retention"),
    path("retention/new/", retention.schedule_new, name="schedule_new"),
    path("holds/<int:pk>/lift/", retention.hold_lift, name="hold_lift"),
    path("people/<int:pk>/hold/", retention.hold_person, name="hold_person"),
    path("people/<int:pk>/erase/", retention.erase, name="erase"),
    path("people/<int:person>/subject-access/new/", sar.sar_new, name="sar_new"),
    path("subject-access/", sar.sar_list, name="sars"),
    path("subject-access/<int:pk>/", sar.sar_page, name="sar"),
    path("subject-access/<int:pk>/identity/", sar.sar_identity, name="sar_identity"),
    path("subject-access/<int:pk>/extend/", sar.sar_extend, name="sar_extend"),
    path("subject-access/<int:pk>/close/", sar.sar_close, name="sar_close"),
    path("subject-access/<int:pk>/bundle.zip", sar.sar_bundle, name="sar_bundle"),
    path("breaches/", breach.breach_list, name="breaches"),
    path("breaches/new/", breach.breach_new, name="breach_new"),
    path("breaches/<int:pk>/", breach.breach_page, name="breach"),
    path("breaches/<int:pk>/decision/", breach.breach_decision, name="breach_decision"),
    path("breaches/<int:pk>/close/", breach.breach_close, name="breach_close"),
    path(CASE + "hold/", retention.hold_case, name="hold_case"),
    path(CASE + "breach/", breach.breach_new_for_case, name="breach_new_for_case"),
]
