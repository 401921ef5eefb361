"""The outbox (ghnt_portal/outbox/): background work is recorded with the change that asks for
it, handed out after the commit, handed out again by the sweep when it was lost, and run once.

Tasks run eagerly here (no broker): publishing runs the task in-process, as a worker would.
A broker that is away is a publish that raises, as kombu does.
"""

import datetime
import os

from django.db import transaction
from django.utils import timezone

import pytest
from kombu.exceptions import OperationalError

from ghnt_portal import outbox
from ghnt_portal.celery import app
from ghnt_portal.outbox import services, worker
from ghnt_portal.outbox.constants import OutboxState
from ghnt_portal.outbox.models import OutboxTask

pytestmark = pytest.mark.django_db

RUNS: list[tuple] = []
FAILURES: dict[str, int] = {}


@app.task(name="tests.outbox.record")
def record(value):
    RUNS.append(("record", value))
    return value


@app.task(name="tests.outbox.broken")
def broken(value):
    RUNS.append(("broken", value))
    raise ValueError(f"kapot: {value}")


@app.task(
    name="tests.outbox.flaky",
    bind=True,
    autoretry_for=(ValueError,),
    max_retries=2,
    default_retry_delay=0,
)
def flaky(self, value):
    RUNS.append(("flaky", value))
    if FAILURES.get(value, 0) > 0:
        FAILURES[value] -= 1
        raise ValueError("nog niet")
    return value


@pytest.fixture(autouse=True)
def _clean():
    RUNS.clear()
    FAILURES.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` the block's transaction commits at its end (its on_commit
    callbacks run), as a request's transaction does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def broker_down(monkeypatch):
    """Every publish fails as kombu does when Redis is stopped; `.up()` brings it back."""

    class Broker:
        down = True

        def up(self):
            self.down = False

    broker = Broker()
    for task in (record, broken, flaky):
        original = task.apply_async

        def apply_async(*args, _original=original, **kwargs):
            if broker.down:
                raise OperationalError(
                    "Error 111 connecting to 127.0.0.1:6379. Connection refused."
                )
            return _original(*args, **kwargs)

        monkeypatch.setattr(task, "apply_async", apply_async)
    return broker


def _row(**filters) -> OutboxTask:
    return OutboxTask.objects.get(**filters)


def _age(row: OutboxTask, seconds: int, *fields: str) -> None:
    then = timezone.now() - datetime.timedelta(seconds=seconds)
    OutboxTask.objects.filter(pk=row.pk).update(**{f: then for f in fields})


def test_work_is_recorded_in_the_transaction_and_runs_after_the_commit(committed):
    with committed():
        row = outbox.enqueue(record, 7, key="test:7")
        assert RUNS == []  # not before the commit
        assert OutboxTask.objects.filter(pk=row.pk, state=OutboxState.QUEUED).exists()
    assert RUNS == [("record", 7)]
    row.refresh_from_db()
    assert (row.state, row.attempts, row.publish_count) == (OutboxState.DONE, 1, 1)
    assert row.started_at and row.finished_at and row.task_name == "tests.outbox.record"
    assert outbox.latest("test:7") == row


def test_work_of_a_rolled_back_change_is_neither_recorded_nor_run(committed):
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(record, 1)
        raise RuntimeError("the request failed")
    assert not OutboxTask.objects.exists()
    assert RUNS == []


def test_a_broker_that_is_down_leaves_the_work_queued_without_an_error_for_the_caller(
    broker_down, committed
):
    with committed():
        row = outbox.enqueue(record, 3)
    # No exception reached the caller; the work waits, with the broker's error for the admin.
    row.refresh_from_db()
    assert row.state == OutboxState.QUEUED
    assert "Connection refused" in row.last_error
    assert RUNS == []
    assert services.sweep()["failed"] == 1  # still down: the next sweep tries again
    broker_down.up()
    assert services.sweep()["published"] == 1
    assert RUNS == [("record", 3)]
    row.refresh_from_db()
    assert (row.state, row.attempts, row.publish_count) == (OutboxState.DONE, 1, 3)


def test_the_sweep_leaves_work_alone_that_its_request_is_still_publishing():
    row = OutboxTask.objects.create(task_name=record.name, args=[5])  # no on_commit here
    assert services.sweep()["published"] == 0
    _age(row, 10, "created_at")
    assert services.sweep()["published"] == 1
    assert RUNS == [("record", 5)]


def test_work_sent_but_never_started_is_sent_again(settings):
    """The broker accepted it and then lost it (Redis restarted without its queue)."""
    row = OutboxTask.objects.create(task_name=record.name, args=[8], state=OutboxState.SENT)
    _age(row, settings.OUTBOX_RESEND_AFTER - 5, "created_at", "enqueued_at")
    assert services.sweep()["published"] == 0  # may just be waiting behind other work
    _age(row, settings.OUTBOX_RESEND_AFTER + 5, "created_at", "enqueued_at")
    assert services.sweep()["published"] == 1
    assert RUNS == [("record", 8)]


def test_work_started_by_a_worker_that_died_is_made_again_after_its_deadline():
    row = OutboxTask.objects.create(task_name=record.name, args=[9], state=OutboxState.SENT)
    assert services.claim(row.pk, limit_seconds=300, worker="w1@host")  # then SIGKILL
    assert services.sweep() == {"dead": 0, "published": 0, "failed": 0}  # within its deadline
    _age(row, 301, "started_at")
    OutboxTask.objects.filter(pk=row.pk).update(deadline_at=timezone.now())
    counts = services.sweep()
    assert (counts["dead"], counts["published"]) == (1, 1)
    assert RUNS == [("record", 9)]
    row.refresh_from_db()
    assert (row.state, row.attempts) == (OutboxState.DONE, 2)


def test_work_that_never_finishes_is_given_up_after_five_starts(broker_down):
    """A task that runs past the hard limit (or kills its worker) every time. (The broker is
    down so that the sweep's resend does not run it here, eagerly.)"""
    row = OutboxTask.objects.create(task_name=record.name, args=[13], state=OutboxState.SENT)
    for attempt in range(1, 6):
        assert services.claim(row.pk, limit_seconds=0, worker="w@host")
        OutboxTask.objects.filter(pk=row.pk).update(
            deadline_at=timezone.now() - datetime.timedelta(seconds=1)
        )
        counts = services.sweep()
        row.refresh_from_db()
        if attempt < 5:
            assert (counts["dead"], row.state) == (1, OutboxState.QUEUED)
    assert counts == {"dead": 0, "published": 0, "failed": 0, "gave_up": 1}
    assert row.state == OutboxState.FAILED and "5 keer gestart" in row.last_error
    assert RUNS == []  # claimed but never finished: the runs did not complete


def test_a_second_delivery_of_running_or_finished_work_does_not_run_it_again(committed):
    with committed():
        row = outbox.enqueue(record, 4)
    assert RUNS == [("record", 4)]
    # Redis redelivers the first message, or a resend arrives late: the work is done.
    record.apply(args=[4], task_id=f"outbox-{row.pk}-1")
    assert RUNS == [("record", 4)]
    # Running elsewhere within its deadline: skipped too.
    OutboxTask.objects.filter(pk=row.pk).update(state=OutboxState.QUEUED)
    assert services.claim(row.pk, 300, "other@host")
    record.apply(args=[4], task_id=f"outbox-{row.pk}-2")
    assert RUNS == [("record", 4)]


def test_a_failing_task_is_marked_failed_with_its_error(committed):
    with committed():
        row = outbox.enqueue(broken, 2)
    row.refresh_from_db()
    assert row.state == OutboxState.FAILED
    assert row.last_error == "ValueError: kapot: 2"
    assert services.sweep()["published"] == 0  # failed is final: not handed out again


@pytest.fixture
def eager_retries(monkeypatch):
    """Eager Celery with EAGER_PROPAGATES raises a retry instead of running it; without, it
    runs the retry at once, as a worker would after the countdown."""
    monkeypatch.setitem(app.conf, "task_eager_propagates", False)


def test_a_retried_task_waits_again_and_is_done_after_the_retry(committed, eager_retries):
    FAILURES["x"] = 1
    with committed():
        row = outbox.enqueue(flaky, "x")
    assert RUNS == [("flaky", "x"), ("flaky", "x")]
    row.refresh_from_db()
    assert (row.state, row.attempts) == (OutboxState.DONE, 2)


def test_a_task_out_of_retries_is_failed(committed, eager_retries):
    FAILURES["y"] = 5
    with committed():
        row = outbox.enqueue(flaky, "y")
    assert len(RUNS) == 3  # the first try and two retries
    row.refresh_from_db()
    assert row.state == OutboxState.FAILED and "nog niet" in row.last_error


def test_a_retry_that_cannot_be_run_now_leaves_the_work_waiting_for_the_sweep(committed):
    FAILURES["z"] = 1
    with committed():
        row = outbox.enqueue(flaky, "z")
    row.refresh_from_db()
    assert row.state == OutboxState.SENT  # the retry's message is (to be) with the broker
    assert row.last_error == "ValueError: nog niet"


def test_tasks_called_directly_or_sent_by_beat_run_untracked():
    assert record(11) == 11
    record.apply(args=[12], task_id="d6c5a0c2-beat-sent")
    assert RUNS == [("record", 11), ("record", 12)]
    assert not OutboxTask.objects.exists()


def test_a_restarted_worker_hands_out_what_it_had_started_before_it_died(settings):
    row = OutboxTask.objects.create(task_name=record.name, args=[6], state=OutboxState.SENT)
    assert services.claim(row.pk, 300, "ops@host")
    other = OutboxTask.objects.create(task_name=record.name, args=[60], state=OutboxState.SENT)
    assert services.claim(other.pk, 300, "other@host")  # alive elsewhere: left alone
    worker._on_worker_init()

    class Consumer:
        hostname = "ops@host"

    worker._on_worker_ready(sender=Consumer())
    assert RUNS == [("record", 6)]
    assert _row(pk=row.pk).state == OutboxState.DONE
    assert _row(pk=other.pk).state == OutboxState.STARTED


def test_the_sweep_is_scheduled_for_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["Wachtrij nalopen"]
    assert entry["task"] == "ghnt_portal.outbox.tasks.sweep"
    assert entry["schedule"] == settings.OUTBOX_SWEEP_SECONDS
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks


def test_a_superuser_hands_failed_work_out_again_in_the_admin(client_for, committed, beheerder):
    from django.urls import reverse

    with committed():
        failed = outbox.enqueue(broken, 1)
    waiting = OutboxTask.objects.create(task_name=record.name, args=[2])
    beheerder.is_superuser = beheerder.is_staff = True
    beheerder.save()
    client = client_for(beheerder)
    url = reverse("admin:outbox_outboxtask_changelist")
    page = client.get(url).content.decode()
    assert "ValueError" not in page and "tests.outbox.broken" in page
    with committed():
        client.post(url, {"action": "requeue", "_selected_action": [failed.pk, waiting.pk]})
    assert RUNS == [("broken", 1), ("broken", 1)]  # failed again; the waiting one untouched
    assert OutboxTask.objects.get(pk=waiting.pk).state == OutboxState.QUEUED


def test_a_fresh_web_process_knows_every_task_it_may_publish():
    """Celery's autodiscovery is lazy (only a worker triggers it): in a web process, and in
    `make run` where tasks run in-process, a task whose module nothing had imported yet was
    unknown to the outbox, and an invitation went to a broker that was not there."""
    import subprocess
    import sys

    script = (
        "import django; django.setup()\n"
        "from ghnt_portal.outbox.services import _celery_app\n"
        "print(' '.join(sorted(_celery_app().tasks)))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ghnt_portal.settings"}
    env.pop("CELERY_BROKER_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    known = set(result.stdout.split())
    for name in (
        "programmes.tasks.send_invitation",
        "monitoring.tasks.generate_report",
        "actions.tasks.notify_update_submitted",
        "governance.tasks.notify_due_commitments",
        "ghnt_portal.notifications.tasks.send_daily_digests",
    ):
        assert name in known


def _dead_pid():
    """The pid of a process of this machine that has ended."""
    import subprocess

    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_redelivery_takes_over_at_once_work_whose_process_on_this_machine_is_gone():
    """A pool process killed mid-task (out of memory): Celery redelivers its message at once,
    and the claim sees that the process that started the work is gone."""
    row = OutboxTask.objects.create(task_name=record.name, args=[21], state=OutboxState.SENT)
    assert services.claim(row.pk, 300, "w@host")
    row.refresh_from_db()
    assert (row.host, row.pid) == services.this_process()
    OutboxTask.objects.filter(pk=row.pk).update(pid=_dead_pid())
    record.apply(args=[21], task_id=f"outbox-{row.pk}-1")
    assert RUNS == [("record", 21)]
    row.refresh_from_db()
    assert (row.state, row.attempts, row.pid) == (OutboxState.DONE, 2, os.getpid())


def test_a_redelivery_leaves_work_alone_whose_process_is_alive_or_on_another_machine():
    row = OutboxTask.objects.create(task_name=record.name, args=[22], state=OutboxState.SENT)
    assert services.claim(row.pk, 300, "w@host")
    OutboxTask.objects.filter(pk=row.pk).update(pid=os.getppid())  # alive, not this process
    assert not services.claim(row.pk, 300, "w@host")
    OutboxTask.objects.filter(pk=row.pk).update(pid=_dead_pid(), host="andere-pod")
    assert not services.claim(row.pk, 300, "w@host")  # its pid means nothing here
    row.refresh_from_db()
    assert (row.state, row.attempts) == (OutboxState.STARTED, 1)
    assert RUNS == []


def test_the_worker_releases_the_work_of_a_pool_process_it_saw_die():
    row = OutboxTask.objects.create(task_name=record.name, args=[23], state=OutboxState.SENT)
    assert services.claim(row.pk, 300, "w@host")
    assert services.release_lost(row.pk, pid=os.getpid() + 1) == 0  # another process's run
    assert services.release_lost(row.pk, pid=os.getpid()) == 1
    row.refresh_from_db()
    assert row.state == OutboxState.SENT and "gestopt" in row.last_error
    assert services.claim(row.pk, 300, "w2@host")  # the redelivery takes it up
    # Killing its process every time, it is given up after five starts.
    OutboxTask.objects.filter(pk=row.pk).update(attempts=5)
    services.release_lost(row.pk, pid=os.getpid())
    row.refresh_from_db()
    assert row.state == OutboxState.FAILED and "5 keer gestart" in row.last_error
