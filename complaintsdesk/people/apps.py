from django.apps import AppConfig


class Config(AppConfig):
    name = "complaintsdesk.people"
    label = "people"
    default_auto_field = "django.db.models.BigAutoField"
