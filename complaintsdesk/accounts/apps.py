from django.apps import AppConfig


class Config(AppConfig):
    name = "complaintsdesk.accounts"
    label = "accounts"

    def ready(self) -> None:
        from complaintsdesk.accounts import checks  # noqa: F401  (registers the check)
