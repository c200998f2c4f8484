from django.apps import AppConfig


class Config(AppConfig):
    name = "complaintsdesk.deadlines"
    label = "deadlines"
    default_auto_field = "django.db.models.BigAutoField"
