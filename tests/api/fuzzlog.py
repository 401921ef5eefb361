"""How many schemathesis cases ran: each xdist worker appends, the controller sums up
(printed by tests/conftest.py at the end of the run)."""

import json
import os
from pathlib import Path

LOG_FILE = Path(os.environ.get("SCREENSHOT_DIR", "artifacts/screenshots")).parent / (
    "schemathesis-log.jsonl"
)


def record(role: str, operation: str, status: int) -> None:
    LOG_FILE.parent.mkdir(parents=True, exist_ok=True)
    with LOG_FILE.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"role": role, "operation": operation, "status": status}) + "\n")


def summary() -> str | None:
    if not LOG_FILE.exists():
        return None
    entries = [json.loads(line) for line in LOG_FILE.read_text(encoding="utf-8").splitlines()]
    errors = sum(1 for e in entries if e["status"] >= 500)
    roles = len({e["role"] for e in entries})
    operations = len({e["operation"] for e in entries})
    return (
        f"schemathesis: {len(entries)} API cases ({operations} operations x {roles} callers), "
        f"{errors} server errors"
    )
