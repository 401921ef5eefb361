"""generate_report on a REAL Celery worker with a REAL Redis broker and the test database.

Runs when TEST_REDIS_URL is set and the tests use PostgreSQL (CI does both); skipped with a
reason otherwise, unless REQUIRE_REAL_SERVICES is set, when a missing service fails.
The worker is a subprocess, so the data it needs must be committed: transactional_db.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management import call_command
from django.db import connection

import pytest

from monitoring.constants import GenerationState, ReportStatus
from monitoring.models import ProgressReport
from programmes.models import Programme

pytestmark = pytest.mark.services

REPO = Path(__file__).resolve().parents[2]


def _need(condition: bool, reason: str):
    if condition:
        return
    if os.environ.get("REQUIRE_REAL_SERVICES"):
        pytest.fail(reason)
    pytest.skip(reason)


def _database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "")
    if s["PASSWORD"]:
        auth += ":" + quote(s["PASSWORD"])
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def worker(transactional_db, tmp_path):
    redis_url = os.environ.get("TEST_REDIS_URL")
    _need(bool(redis_url), "TEST_REDIS_URL is not set (CI sets it to a throwaway Redis)")
    _need(
        connection.vendor == "postgresql",
        "needs DATABASE_URL on PostgreSQL: the SQLite test database is in memory, "
        "a worker process cannot see it",
    )
    queue = f"test-reports-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),  # the test database (test_<name>), not the real one
        "CELERY_BROKER_URL": redis_url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SECRET_KEY": "test-only",
        "DEBUG": "0",
        "STATIC_MANIFEST": "0",
    }
    log = tmp_path / "worker.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "ghnt_portal",
                "worker",
                "--pool=solo",
                "-Q",
                queue,
                "-n",
                f"{queue}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    from celery import Celery

    sender = Celery("test-sender", broker=redis_url)
    try:
        yield sender, queue, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        sender.close()


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
