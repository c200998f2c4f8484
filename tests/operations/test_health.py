"""/healthz and /readyz: alive, and ready only with the database, migrations and a worker."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from complaintsdesk.operations.heartbeat import heartbeat_record
from complaintsdesk.operations.tasks import WORKER


def test_healthz_answers_without_the_database_and_for_any_host(client):
    # No `db` fixture: any query would fail the test.
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200 and response.json() == {"status": "alive"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_is_ready_with_a_recent_worker_heartbeat(client):
    heartbeat_record(name=WORKER)
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok", "worker": "ok"},
    }


@pytest.mark.django_db
def test_readyz_is_not_ready_before_the_worker_has_been_seen(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "never seen"


@pytest.mark.django_db
def test_readyz_is_not_ready_when_the_worker_went_quiet(client, settings):
    settings.OPERATIONS = {"WORKER_SEEN_WITHIN_SECONDS": 300}
    heartbeat_record(name=WORKER)
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"].startswith("last seen 3")


@pytest.mark.django_db
def test_readyz_names_unapplied_migrations(client, monkeypatch):
    from complaintsdesk.operations import health

    heartbeat_record(name=WORKER)
    monkeypatch.setattr(health, "_migrated", False)
    monkeypatch.setattr(
        health.MigrationExecutor, "migration_plan", lambda self, targets: [("x", False)]
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "unapplied migrations"


def test_readyz_reports_an_unreachable_database(client, monkeypatch):
    from django.db import OperationalError

    from complaintsdesk.operations import health

    class Down:
        def cursor(self):
            raise OperationalError("connection refused to db.internal")

    monkeypatch.setattr(health, "connection", Down())
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "unreachable (OperationalError)"}
