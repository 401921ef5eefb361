"""Background work is started only through the outbox: a `task.delay(...)` in a request is
lost when Redis is down (ghnt_portal/outbox/). This test names the file and line of any
direct enqueue in the application code."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
APPS = ("ghnt_portal", "programmes", "governance", "actions", "monitoring")
DIRECT = re.compile(r"\.(delay|apply_async|send_task)\(")


def test_no_application_code_enqueues_a_task_directly():
    found = []
    for app in APPS:
        for path in (REPO / app).rglob("*.py"):
            relative = path.relative_to(REPO)
            if relative.parts[:2] == ("ghnt_portal", "outbox") or "migrations" in relative.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if DIRECT.search(line) and not line.lstrip().startswith("#"):
                    found.append(f"{relative}:{number}: {line.strip()}")
    assert found == [], "use ghnt_portal.outbox.enqueue(task, *args) instead:\n" + "\n".join(found)
