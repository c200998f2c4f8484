from django.urls import path

from complaintsdesk.privacy.views import retention

app_name = "privacy"

CASE = "cases/<path:reference>/-/"

urlpatterns = [
    path("retention/", retention.retention_page, name="retention"),
    path("retention/new/", retention.schedule_new, name="schedule_new"),
    path("holds/<int:pk>/lift/", retention.hold_lift, name="hold_lift"),
    path("people/<int:pk>/hold/", retention.hold_person, name="hold_person"),
    path("people/<int:pk>/erase/", retention.erase, name="erase"),
    path(CASE + "hold/", retention.hold_case, name="hold_case"),
]
