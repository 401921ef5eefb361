"""Publishing outbox work never keeps a request waiting on a broker that is away for more than
a second (the request that records a report publishes it after its commit)."""

import signal
import time

import pytest

from ghnt_portal.outbox import services
from ghnt_portal.outbox.constants import OutboxState
from ghnt_portal.outbox.models import OutboxTask
from tests.ops.test_celery_settings import _closed_port, _HungRedis, _sender

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fault", ["stopped", "hung"])
def test_publishing_to_a_broker_that_is_down_gives_up_within_a_second(monkeypatch, fault):
    hung = _HungRedis() if fault == "hung" else None
    sender = _sender(f"redis://127.0.0.1:{hung.port if hung else _closed_port()}/0")
    monkeypatch.setattr(services, "_celery_app", lambda: sender)
    row = OutboxTask.objects.create(task_name="ghnt_portal.tasks.heartbeat")

    def hanging(*args):
        raise TimeoutError("publish hangs on the broker")

    previous = signal.signal(signal.SIGALRM, hanging)
    signal.alarm(5)  # kombu's defaults would wait forever on a hung broker
    started = time.monotonic()
    try:
        outcome = {"published": services.publish(row.pk)}
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    waited = time.monotonic() - started
    sender.close()
    if hung:
        hung.close()
    row.refresh_from_db()
    print(f"broker {fault}: publish gave up after {waited:.2f}s: {row.last_error[:60]}")
    assert outcome == {"published": False}
    assert row.state == OutboxState.QUEUED and row.last_error
    assert waited < 1.0
