from django.apps import AppConfig


class Config(AppConfig):
    """No models: an app only so Django finds the `demo` management command."""

    name = "complaintsdesk.demo"
    label = "demo"
