"""A REAL Celery worker on a REAL Redis broker and the test database, which mails to files
(the filebased backend), for the notification tests in test_worker.py.

Runs when TEST_REDIS_URL is set and the tests use PostgreSQL (CI does both); skipped with a
reason otherwise, unless REQUIRE_REAL_SERVICES is set, when a missing service fails. The worker
is a subprocess, so the data it needs must be committed: transactional_db.
"""

import email
import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from email import policy
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

import pytest

REPO = Path(__file__).resolve().parents[2]
BASE_URL = "https://ghnt.worker.test"


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


@dataclass
class Worker:
    sender: object
    queue: str
    log: Path
    mail_dir: Path

    def send(self, task_name: str, *args):
        self.sender.send_task(task_name, args=list(args), queue=self.queue)

    def sent_mail(self) -> list:
        messages = []
        for path in sorted(self.mail_dir.glob("*.log")):
            # One file per connection; messages are separated by a line of 79 dashes.
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(email.message_from_bytes(chunk, policy=policy.default))
        return messages

    def wait_for_tasks(self, count: int, timeout: float = 120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.log.read_text(errors="replace")
            if text.count("succeeded in") >= count:
                return
            if "raised unexpected" in text:
                pytest.fail(f"a task failed on the worker; log:\n{text[-4000:]}")
            time.sleep(0.5)
        pytest.fail(f"worker did not finish in {timeout}s; log:\n{self.log.read_text()[-4000:]}")


@pytest.fixture
def worker(transactional_db, tmp_path):
    redis_url = os.environ.get("TEST_REDIS_URL")
    _need(bool(redis_url), "TEST_REDIS_URL is not set (CI sets it to a throwaway Redis)")
    _need(
        connection.vendor == "postgresql",
        "needs DATABASE_URL on PostgreSQL: the SQLite test database is in memory, "
        "a worker process cannot see it",
    )
    queue = f"test-notify-{uuid.uuid4().hex[:10]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),  # the test database (test_<name>), not the real one
        "CELERY_BROKER_URL": redis_url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SECRET_KEY": "test-only",
        "DEBUG": "0",
        "STATIC_MANIFEST": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "PORTAL_BASE_URL": BASE_URL,
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
        yield Worker(sender, queue, log, mail_dir)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        sender.close()
