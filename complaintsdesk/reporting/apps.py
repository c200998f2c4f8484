from django.apps import AppConfig


class Config(AppConfig):
    name = "complaintsdesk.reporting"
    label = "reporting"
    default_auto_field = "django.db.models.BigAutoField"
