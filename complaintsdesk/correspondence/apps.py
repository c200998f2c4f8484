from django.apps import AppConfig


class CorrespondenceConfig(AppConfig):
    name = "complaintsdesk.correspondence"
    verbose_name = "Letters, emails and the shared mailbox"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from complaintsdesk.correspondence import timeline  # noqa: F401 (registers the source)
