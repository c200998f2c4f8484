from django.urls import path

from complaintsdesk.people import views

app_name = "people"

urlpatterns = [
    path("", views.search, name="search"),
    path("<int:pk>/", views.person, name="person"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/merge/", views.merge, name="merge"),
]
