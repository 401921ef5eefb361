"""A REAL Celery worker on a REAL Redis broker and the test database, which mails to files
(the filebased backend), for the notification tests in test_worker.py.

Runs when TEST_REDIS_URL is set and the tests use PostgreSQL (CI does both); skipped with a
reason otherwise, unless REQUIRE_REAL_SERVICES is set, when a missing service fails. The worker
is a subprocess, so the data it needs must be committed: transactional_db.
"""

import email
import time
from dataclasses import dataclass
from email import policy
from pathlib import Path

import pytest

from tests.celery_worker import running_worker

BASE_URL = "https://ghnt.worker.test"


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
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    mail = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "PORTAL_BASE_URL": BASE_URL,
    }
    with running_worker(tmp_path, "test-notify", mail) as (sender, queue, log):
        yield Worker(sender, queue, log, mail_dir)
