"""Background work of the reports: the worker (`complaintsdesk db_worker`) runs these."""

from django_tasks import task

from complaintsdesk.reporting.figures import COUNTING
from complaintsdesk.reporting.tally_refresh import tally_refresh


@task()
def tally_refresh_task() -> dict[str, int | bool]:
    """Count the months writes have marked (tally_refresh.py); safe to enqueue often."""
    report = tally_refresh(COUNTING)
    return {"marked": report.marked, "left": report.left, "locked_out": report.locked_out}
