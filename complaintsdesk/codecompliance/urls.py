from django.urls import path

from complaintsdesk.codecompliance import views, views_ombudsman

app_name = "codecompliance"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:year>/", views.year_page, name="year"),
    path("<str:year>/ombudsman-figures/", views_ombudsman.figures_page, name="ombudsman"),
    path("<str:year>/<str:ref>/", views.answer_page, name="answer"),
]
