from django.urls import include, path

urlpatterns = [
    path("", include("complaintsdesk.cases.urls")),
    path("accounts/", include("complaintsdesk.accounts.urls")),
    path("reports/", include("complaintsdesk.reporting.urls")),
    path("public/", include("complaintsdesk.intake.urls")),
    path("api/", include("complaintsdesk.api.urls")),
]
