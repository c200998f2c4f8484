from django.apps import AppConfig


class Config(AppConfig):
    name = "complaintsdesk.operations"
    label = "operations"
    default_auto_field = "django.db.models.BigAutoField"
