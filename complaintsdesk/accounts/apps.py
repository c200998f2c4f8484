from django.apps import AppConfig


class Config(AppConfig):
    name = "complaintsdesk.accounts"
    label = "accounts"
