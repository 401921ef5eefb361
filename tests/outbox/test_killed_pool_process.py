"""A pool process killed while it renders a report (what the out-of-memory killer does to a
large WeasyPrint layout), on a REAL prefork Celery worker with a REAL Redis broker: the
worker's main process releases the outbox row and Celery redelivers the message, so the
report is made again at once (not after the 300 s hard limit), and once.

Runs when TEST_REDIS_URL is set and the tests use PostgreSQL (CI does both).
"""

import os
import signal
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

import pytest

from ghnt_portal.outbox.constants import OutboxState
from ghnt_portal.outbox.models import OutboxTask
from monitoring.constants import GenerationState
from monitoring.models import ProgressReport
from monitoring.reports.tasks import generate_report, outbox_key
from programmes.models import Programme
from tests.celery_worker import running_worker

pytestmark = pytest.mark.services

PERIOD = "2021-H1"


@pytest.fixture
def worker(transactional_db, tmp_path):
    with running_worker(tmp_path, "test-oom", pool="prefork") as started:
        yield started


def _pdfs():
    return set(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def _wait_for(predicate, log, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    pytest.fail(f"{what} did not happen within {timeout}s; log:\n{log.read_text()[-4000:]}")


def test_a_pool_process_killed_mid_render_gives_the_report_within_a_minute_once(worker):
    sender, queue, log = worker
    call_command("load_demo", verbosity=0)  # committed, so the worker sees it
    programme = Programme.objects.get(region__slug="zaanstreek-waterland")
    row = OutboxTask.objects.create(
        task_name=generate_report.name,
        args=[programme.pk, PERIOD],
        key=outbox_key(programme.pk, PERIOD),
        state=OutboxState.SENT,
    )
    pdfs_before = _pdfs()
    # As outbox.publish hands it out (the test process has no broker of its own).
    sender.send_task(generate_report.name, args=row.args, task_id=f"outbox-{row.pk}-1", queue=queue)
    reports = ProgressReport.objects.filter(programme=programme, period=PERIOD)
    _wait_for(
        lambda: reports.filter(generation_state=GenerationState.RUNNING).exists(),
        log,
        120,
        "the report being rendered",
    )
    row.refresh_from_db()
    assert row.state == OutboxState.STARTED and row.pid, row.__dict__
    assert row.pid != os.getpid()
    os.kill(row.pid, signal.SIGKILL)
    killed = time.monotonic()
    _wait_for(
        lambda: reports.filter(generation_state=GenerationState.DONE).exists(),
        log,
        120,
        "the report being made again",
    )
    took = time.monotonic() - killed
    row.refresh_from_db()
    assert (row.state, row.attempts) == (OutboxState.DONE, 2), row.last_error
    assert row.publish_count == 0  # redelivered by Celery, not resent by the sweep
    report = reports.get()  # one report
    with report.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert _pdfs() - pdfs_before == {Path(report.pdf.path)}  # no second PDF
    assert "WorkerLostError" in log.read_text() or "exited with" in log.read_text()
    print(
        f"pool process {row.pid} SIGKILLed mid-render: the report was made again "
        f"{took:.1f}s later, once (hard limit 300s)"
    )
    assert took < 60
