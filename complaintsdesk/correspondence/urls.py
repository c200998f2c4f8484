"""Letters, emails and templates. Case pages come before the cases app's catch-all case page
(config/urls.py includes this first); references contain slashes, hence `path`."""

from django.urls import path

from complaintsdesk.correspondence import views

app_name = "correspondence"

CASE = "cases/<path:reference>/-/"

urlpatterns = [
    path(CASE + "correspondence/", views.case_correspondence, name="list"),
    path(CASE + "correspondence/<int:pk>/", views.correspondence_detail, name="detail"),
    path(CASE + "correspondence/email-file/", views.email_file, name="email_file"),
    path(CASE + "letters/new/", views.letter_new, name="letter_new"),
    path("administration/letters/", views.templates_list, name="templates"),
    path("administration/letters/<str:kind>/", views.template_edit, name="template"),
]
