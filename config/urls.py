from django.urls import include, path

urlpatterns = [
    # Before the cases app: its case page matches any path under cases/<reference>/.
    path("", include("complaintsdesk.correspondence.urls")),
    path("", include("complaintsdesk.cases.urls")),
    path("people/", include("complaintsdesk.people.urls")),
    path("data-protection/", include("complaintsdesk.privacy.urls")),
    path("accounts/", include("complaintsdesk.accounts.urls")),
    path("reports/", include("complaintsdesk.reporting.urls")),
    path("self-assessment/", include("complaintsdesk.codecompliance.urls")),
    path("public/", include("complaintsdesk.intake.urls")),
    path("api/", include("complaintsdesk.api.urls")),
]

# Error pages: HTML for the pages, JSON under /api/.
handler400 = "complaintsdesk.api.errors.bad_request"
handler404 = "complaintsdesk.api.errors.page_not_found"
handler500 = "complaintsdesk.api.errors.server_error"
