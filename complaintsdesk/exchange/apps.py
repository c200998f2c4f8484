from django.apps import AppConfig


class Config(AppConfig):
    name = "complaintsdesk.exchange"
    label = "exchange"
    default_auto_field = "django.db.models.BigAutoField"
