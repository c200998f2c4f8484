from django.urls import path

from complaintsdesk.reporting.views import annual, finishing, narrative, privacy, records

app_name = "reporting"
urlpatterns = [
    path("", annual.index, name="index"),
    path("annual/", annual.annual_page, name="annual"),
    path("annual/download/<str:fmt>/", annual.annual_download, name="annual_download"),
    path("quarterly/", annual.quarterly_page, name="quarterly"),
    path("quarterly/download/<str:fmt>/", annual.quarterly_download, name="quarterly_download"),
    path("records/", records.figure_records, name="records"),
    path("narrative/<str:year>/<str:section>/", narrative.narrative_edit, name="narrative"),
    path("signoff/<str:year>/", finishing.signoff, name="signoff"),
    path("compliments/<str:year>/", finishing.compliments, name="compliments"),
    path("privacy/<str:year>/", privacy.findings_page, name="privacy"),
    path("privacy/<str:year>/redact/", privacy.redact_page, name="privacy_redact"),
]
