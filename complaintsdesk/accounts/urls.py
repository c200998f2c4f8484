from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from complaintsdesk.accounts import oidc, views, views_link, views_two_step

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("signed-out/", views.signed_out, name="signed_out"),
    # Single sign-on: mozilla-django-oidc reverses these two names.
    path("council/start/", oidc.CouncilSignInStartView.as_view(), name="oidc_authentication_init"),
    path(
        "council/callback/",
        oidc.CouncilSignInCallbackView.as_view(),
        name="oidc_authentication_callback",
    ),
    path("council/link/", views_link.council_link, name="council_link"),
    path(
        "administration/users/<int:pk>/council-account/",
        views_link.council_account_admin,
        name="council_account_admin",
    ),
    path("sign-in/code/", views_two_step.two_step_code, name="two_step_code"),
    path("two-step/", views_two_step.two_step_settings, name="two_step_settings"),
    path("administration/two-step/", views_two_step.two_step_roles, name="two_step_roles"),
    path("no-access/", views_two_step.no_access, name="no_access"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        views.ResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
