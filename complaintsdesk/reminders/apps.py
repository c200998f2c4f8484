from django.apps import AppConfig


class Config(AppConfig):
    name = "complaintsdesk.reminders"
    label = "reminders"
    default_auto_field = "django.db.models.BigAutoField"
