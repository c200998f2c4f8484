from django.urls import path

from complaintsdesk.api.views import cases, figures

app_name = "api"
urlpatterns = [
    path("v1/cases", cases.cases, name="cases"),
    path("v1/cases/<path:reference>", cases.case, name="case"),
    path("v1/figures", figures.figures, name="figures"),
]
