"""generate_report on a REAL Celery worker with a REAL Redis broker and the test database.

Runs when TEST_REDIS_URL is set and the tests use PostgreSQL (CI does both); skipped with a
reason otherwise, unless REQUIRE_REAL_SERVICES is set, when a missing service fails.
The worker is a subprocess, so the data it needs must be committed: transactional_db.
"""

import time

from django.core.management import call_command

import pytest

from monitoring.constants import GenerationState, ReportStatus
from monitoring.models import ProgressReport
from programmes.models import Programme
from tests.celery_worker import running_worker

pytestmark = pytest.mark.services


@pytest.fixture
def worker(transactional_db, tmp_path):
    with running_worker(tmp_path, "test-reports") as started:
        yield started


def _wait_for(predicate, log, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    pytest.fail(f"worker did not finish in {timeout}s; log:\n{log.read_text()[-4000:]}")


def test_generate_report_runs_on_a_real_worker_and_twice_gives_one_report(worker):
    sender, queue, log = worker
    call_command("load_demo", verbosity=0)  # committed, so the worker sees it
    programme = Programme.objects.get(region__slug="zaanstreek-waterland")

    for _ in range(2):
        sender.send_task(
            "monitoring.tasks.generate_report", args=[programme.pk, "2021-H1"], queue=queue
        )

    reports = ProgressReport.objects.filter(programme=programme, period="2021-H1")
    _wait_for(lambda: log.read_text().count("succeeded in") >= 2, log)
    assert reports.count() == 1
    report = reports.get()
    assert report.status == ReportStatus.CONCEPT
    assert report.generation_state == GenerationState.DONE, report.failure
    with report.pdf.open("rb") as f:
        assert f.read(5) == b"%PDF-"
    assert len(report.pdf_sha256) == 64
