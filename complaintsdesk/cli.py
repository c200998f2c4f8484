"""The `complaintsdesk` console script: Django's management commands with our settings.

The settings module must be named (DJANGO_SETTINGS_MODULE): a server never falls back to the
demo's settings by accident.
"""

import sys

from config.settings.require import require_settings_module


def main() -> None:
    require_settings_module("complaintsdesk")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["complaintsdesk", *sys.argv[1:]])


if __name__ == "__main__":
    main()
