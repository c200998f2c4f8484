"""config/schedule.py, the one list of scheduled jobs: every entry is a real command."""

import re

from django.core.management import get_commands

from config.schedule import SCHEDULE

CRON_FIELD = r"[0-9*/,\-]+"


def test_every_scheduled_job_is_a_complaintsdesk_command_with_a_cron_time():
    commands = get_commands()
    for command, when in SCHEDULE:
        program, name, *_ = command.split()
        assert program == "complaintsdesk" and name in commands, command
        assert re.fullmatch(rf"{CRON_FIELD}( {CRON_FIELD}){{4}}", when), (command, when)


def test_the_morning_jobs_are_listed():
    names = [command.split()[1] for command, _ in SCHEDULE]
    assert names.count("reminders") == 1 and names.count("purge_pending_uploads") == 1
