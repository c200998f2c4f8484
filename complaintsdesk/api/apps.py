from django.apps import AppConfig


class Config(AppConfig):
    name = "complaintsdesk.api"
    label = "api"
    default_auto_field = "django.db.models.BigAutoField"
