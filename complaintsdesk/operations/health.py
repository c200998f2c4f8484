"""/healthz and /readyz, for the proxy, the load balancer and monitoring.

Answered by middleware placed first, before the host check and the HTTPS redirect, so a
load balancer can ask each server directly over the private network by its address.
    /healthz  200 while the process answers at all (liveness).
    /readyz   200 when the database answers, every migration is applied and the task worker
              ran a heartbeat recently; otherwise 503 naming what is wrong (readiness).
Neither says anything about cases or people.
"""

import json
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from complaintsdesk.operations.heartbeat import heartbeat_age
from complaintsdesk.operations.tasks import WORKER

Handler = Callable[[HttpRequest], HttpResponseBase]
_migrated = False  # once true it stays true for the process: a deploy restarts every process


def _migrations_applied() -> bool:
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connection)
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated


def readiness() -> dict[str, str]:
    """Each check's answer, "ok" or what is wrong."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except DatabaseError as error:
        checks["database"] = f"unreachable ({type(error).__name__})"
        return checks
    checks["migrations"] = "ok" if _migrations_applied() else "unapplied migrations"
    if checks["migrations"] != "ok":
        return checks  # the heartbeat's table may not exist yet
    limit = timedelta(seconds=int(settings.OPERATIONS["WORKER_SEEN_WITHIN_SECONDS"]))
    age = heartbeat_age(name=WORKER)
    if age is None:
        checks["worker"] = "never seen"
    elif age > limit:
        checks["worker"] = f"last seen {int(age.total_seconds())} s ago"
    else:
        checks["worker"] = "ok"
    return checks


def _json(body: dict[str, object], status: int) -> HttpResponse:
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


class HealthMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path == "/healthz":
            return _json({"status": "alive"}, 200)
        if request.path == "/readyz":
            checks = readiness()
            ready = all(value == "ok" for value in checks.values())
            return _json(
                {"status": "ready" if ready else "not ready", "checks": checks},
                200 if ready else 503,
            )
        return self.get_response(request)
