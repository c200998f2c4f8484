from django.apps import AppConfig


class CorrespondenceConfig(AppConfig):
    name = "complaintsdesk.correspondence"
    verbose_name = "Letters, emails and the shared mailbox"
    default_auto_field = "django.db.models.BigAutoField"
