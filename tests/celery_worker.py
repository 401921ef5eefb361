"""A REAL Celery worker subprocess on a REAL Redis broker and the test database, shared by the
tests that need one (reports, invitations, notifications). Runs when TEST_REDIS_URL is set and
the tests use PostgreSQL (CI does both); skipped with a reason otherwise, unless
REQUIRE_REAL_SERVICES is set, when a missing service fails. The worker is a subprocess, so the
data it needs must be committed: use it from a fixture that asks for transactional_db."""

import contextlib
import os
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

import pytest

from tests import processes

REPO = Path(__file__).resolve().parents[1]


def need(condition: bool, reason: str):
    if condition:
        return
    if os.environ.get("REQUIRE_REAL_SERVICES"):
        pytest.fail(reason)
    pytest.skip(reason)


def database_url() -> str:
    """The test database (test_<name>), not the real one."""
    s = connection.settings_dict
    auth = quote(s["USER"] or "")
    if s["PASSWORD"]:
        auth += ":" + quote(s["PASSWORD"])
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


@contextlib.contextmanager
def running_worker(
    tmp_path: Path, queue_prefix: str, extra_env: dict | None = None, pool: str = "solo"
):
    """Yields (sender, queue, log): a Celery app that sends to the worker's own queue, the
    queue's name and the worker's log file. `pool="prefork"`: two pool processes, as in
    production, each running its tasks in a child of the worker."""
    redis_url = os.environ.get("TEST_REDIS_URL")
    need(bool(redis_url), "TEST_REDIS_URL is not set (CI sets it to a throwaway Redis)")
    need(
        connection.vendor == "postgresql",
        "needs DATABASE_URL on PostgreSQL: the SQLite test database is in memory, "
        "a worker process cannot see it",
    )
    queue = f"{queue_prefix}-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": redis_url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SECRET_KEY": "test-only",
        "DEBUG": "0",
        "STATIC_MANIFEST": "0",
        **(extra_env or {}),
    }
    log = tmp_path / "worker.log"
    process = processes.start(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "ghnt_portal",
            "worker",
            f"--pool={pool}",
            *(["--concurrency=2"] if pool == "prefork" else []),
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
        log=log,
    )
    from celery import Celery

    sender = Celery("test-sender", set_as_current=False, broker=redis_url)
    try:
        yield sender, queue, log
    finally:
        processes.stop(process)
        sender.close()
