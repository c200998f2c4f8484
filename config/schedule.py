"""The one list of scheduled jobs, run by `complaintsdesk scheduler` (complaintsdesk/operations).

Each entry is (command, when), `when` being a cron schedule in the server's local time
(Europe/London). Every job here is thin and idempotent (docs/operations.md): a missed run is
caught up by the next one, and a repeated run does nothing more. Add a job here, and nowhere
else, when it needs to run on a timetable.
"""

SCHEDULE: list[tuple[str, str]] = [
    # Queues the worker's heartbeat; /readyz fails when the worker has not run it lately.
    ("complaintsdesk heartbeat", "* * * * *"),
    # Emails due acknowledgements, responses, Ombudsman compliance; feedback invitations.
    ("complaintsdesk reminders", "0 7 * * 1-5"),
    # Deletes files uploaded to public forms that were never sent (older than 24 hours).
    ("complaintsdesk purge_pending_uploads", "30 6 * * *"),
    # Queues the counting of report figures' months that writes marked changed (a restore,
    # a bulk load by SQL), so no reader counts them; does nothing when none are marked.
    ("complaintsdesk report refresh", "*/5 * * * *"),
    # Anonymises cases past the retention schedule that no legal hold keeps, deletes
    # documents past theirs; a second run the same day finds nothing (docs/data-protection.md).
    ("complaintsdesk retention", "15 2 * * *"),
    # Reads new mail in the team's shared mailbox onto cases (or new cases awaiting triage);
    # messages already handled are skipped by their Message-ID.
    ("complaintsdesk mailbox", "*/5 * * * *"),
]
