from django.urls import path

from complaintsdesk.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.start, name="start"),
    path("equality/", views.equality, name="equality"),
    path("equality/sent/", views.thanks, {"what": "equality"}, name="equality_done"),
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/sent/", views.thanks, {"what": "feedback"}, name="feedback_done"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("cookies/", views.cookies, name="cookies"),
    path("<slug:journey>/", views.journey_start, name="journey"),
    path("<slug:journey>/check/", views.check, name="check"),
    path("<slug:journey>/sent/", views.done, name="done"),
    path("<slug:journey>/<slug:step>/", views.step, name="step"),
]
