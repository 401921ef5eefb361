"""Celery is configured for real faults: a dead worker's task comes back after the hard time
limit (not after kombu's hour), and a stopped or hung broker costs a request at most ~1 s."""

import socket
import threading
import time

from django.conf import settings

import pytest
from celery import Celery

from ghnt_portal.celery import app


def _portal_tasks():
    app.loader.import_default_modules()
    return [task for name, task in app.tasks.items() if not name.startswith("celery.")]


def test_every_portal_task_is_registered():
    names = {task.name for task in _portal_tasks()}
    assert {"monitoring.tasks.generate_report", "ghnt_portal.tasks.heartbeat"} <= names


def test_visibility_timeout_is_just_above_the_longest_hard_time_limit():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    longest = max(task.time_limit or settings.CELERY_TASK_TIME_LIMIT for task in _portal_tasks())
    assert longest < visibility <= longest + 120


def test_no_retry_countdown_outlives_the_visibility_timeout():
    """Redis keeps a task waiting for its countdown unacknowledged; one that waits longer than
    the visibility timeout would be handed out twice."""
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    for task in _portal_tasks():
        if getattr(task, "retry_backoff", False):
            factor = int(task.retry_backoff)
            longest = min(task.retry_backoff_max, factor * 2 ** (task.max_retries or 0))
        else:
            longest = task.default_retry_delay if task.max_retries else 0
        assert longest < visibility, task.name


def test_results_are_not_kept_and_tasks_are_acknowledged_late():
    assert settings.CELERY_RESULT_BACKEND is None
    assert settings.CELERY_TASK_IGNORE_RESULT is True
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST


class _HungRedis:
    """A TCP server on loopback that accepts connections and never answers: a broker that hangs
    (stopped with SIGSTOP, a half-open connection after a failover)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.clients = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            self.clients.append(client)

    def close(self):
        for client in self.clients:
            client.close()
        self.sock.close()


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sender(broker_url):
    """A Celery app with the portal's settings, sending to the given broker."""
    sender = Celery("fault-test", set_as_current=False)
    sender.config_from_object("django.conf:settings", namespace="CELERY")
    sender.conf.broker_url = broker_url
    sender.conf.task_always_eager = False
    return sender


@pytest.mark.parametrize("fault", ["stopped", "hung"])
def test_a_request_waits_at_most_a_second_on_a_broker_that_is_down(fault):
    hung = _HungRedis() if fault == "hung" else None
    port = hung.port if hung else _closed_port()
    sender = _sender(f"redis://127.0.0.1:{port}/0")
    outcome = {}

    def send():
        try:
            sender.send_task("ghnt_portal.tasks.heartbeat")
        except Exception as exc:  # the broker error the caller sees
            outcome["error"] = exc

    started = time.monotonic()
    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    thread.join(timeout=5)  # with kombu's defaults it would wait forever on a hung broker
    waited = time.monotonic() - started
    sender.close()
    if hung:
        hung.close()
    error = type(outcome.get("error")).__name__
    print(f"broker {fault}: send_task gave up after {waited:.2f}s ({error})")
    assert "error" in outcome
    assert waited < 1.2
