"""Health endpoints without real services (the red/green cases on real PostgreSQL, Redis, a
worker and beat are in test_faults.py)."""

import datetime
import json

from django.core.management import call_command
from django.db import OperationalError
from django.db.backends import utils
from django.test import Client
from django.utils import timezone

import pytest
from django_celery_beat.models import PeriodicTask
from health_check.exceptions import ServiceUnavailable

from ghnt_portal import health
from tests.two_factor import log_in


@pytest.fixture
def database_away(db):
    patch = pytest.MonkeyPatch()

    def fail(*args, **kwargs):
        raise OperationalError('connection to server at "10.1.2.3", port 5432 failed')

    def away():
        patch.setattr(utils.CursorWrapper, "_execute", fail)

    yield away
    patch.undo()


def test_liveness_answers_without_touching_the_database(
    client, projectleider, django_assert_num_queries
):
    log_in(client, projectleider)  # a session cookie that would need the database
    with django_assert_num_queries(0):
        response = client.get("/health/live", headers={"host": "10.0.0.7"})
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_liveness_stays_green_while_the_database_is_away(client, projectleider, database_away):
    log_in(client, projectleider)
    database_away()
    assert client.get("/health/live").status_code == 200


def test_readiness_without_a_broker_checks_database_and_storage(client, db):
    response = client.get("/health/ready", headers={"host": "10.0.0.7"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "storage": "ok"}


def test_readiness_names_the_database_when_it_is_away(db, database_away):
    """A probe of an anonymous load balancer and one with a user's stale session cookie."""
    database_away()
    client = Client(raise_request_exception=False)
    response = client.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["database"]
    assert body["checks"]["storage"] == "ok"
    assert "10.1.2.3" not in response.content.decode()  # no hosts in a public answer
    client.cookies["sessionid"] = "stale-session-key"
    assert client.get("/health/web").status_code == 503


def test_readiness_with_a_broker_also_checks_broker_worker_and_beat(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    names = [check.name for check in health.HealthView(check_set="ready").get_checks()]
    assert names == ["database", "storage", "broker", "worker", "beat"]
    assert [c.name for c in health.HealthView(check_set="web").get_checks()] == [
        "database",
        "storage",
    ]


def test_beat_is_healthy_only_with_a_recent_heartbeat(db, settings):
    settings.HEALTH_BEAT_MAX_AGE = 120
    heartbeat = PeriodicTask.objects.get(name=health.HEARTBEAT_TASK_NAME)
    assert heartbeat.task == "ghnt_portal.tasks.heartbeat"
    assert heartbeat.interval.every == 30 and heartbeat.enabled

    with pytest.raises(ServiceUnavailable, match="not sent a heartbeat yet"):
        health.Beat().run()

    PeriodicTask.objects.filter(pk=heartbeat.pk).update(
        last_run_at=timezone.now() - datetime.timedelta(seconds=30)
    )
    health.Beat().run()

    PeriodicTask.objects.filter(pk=heartbeat.pk).update(
        last_run_at=timezone.now() - datetime.timedelta(seconds=300)
    )
    with pytest.raises(ServiceUnavailable, match=r"last heartbeat 300s ago \(allowed: 120s\)"):
        health.Beat().run()


def test_the_health_command_exits_1_when_the_web_node_does_not_answer(capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("health", "web", "--url", "http://127.0.0.1:9", "--timeout", "1")
    assert exit_.value.code == 1
    assert json.loads(capsys.readouterr().out)["status"] == "fail"


def test_the_health_command_runs_the_readiness_checks(capsys, transactional_db):
    call_command("health", "ready")
    assert json.loads(capsys.readouterr().out)["checks"] == {"database": "ok", "storage": "ok"}
