from django.apps import AppConfig


class Config(AppConfig):
    name = "complaintsdesk.cases"
    label = "cases"
    default_auto_field = "django.db.models.BigAutoField"
