"""The worker's heartbeat: queued every minute by the scheduler, recorded when the worker runs it.

A recent heartbeat shows the whole path works: the scheduler queues, the database holds the
queue, and a worker takes tasks from it (so acknowledgements and reminders go out).
"""

from django_tasks import task

from complaintsdesk.operations.heartbeat import heartbeat_record

WORKER = "worker"


@task()
def worker_heartbeat() -> None:
    heartbeat_record(name=WORKER)
