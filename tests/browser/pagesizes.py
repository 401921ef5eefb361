"""Where the browser tests keep the CSS and JS sizes they measure per page
(tests/browser/test_main_pages.py), and reading them back for the end-of-run summary."""

import json
import os
from pathlib import Path

SIZES_FILE = Path(
    os.environ.get(
        "TRANSFER_SIZES_FILE",
        Path(os.environ.get("SCREENSHOT_DIR", "artifacts/screenshots")).parent
        / "transfer-sizes.json",
    )
)

# The Lighthouse scores of the same pages (tests/browser/test_lighthouse.py), beside them.
LIGHTHOUSE_FILE = SIZES_FILE.with_name("lighthouse.json")
# ... and as deployed: gunicorn, production settings (tests/e2e/test_lighthouse_deployed.py).
LIGHTHOUSE_DEPLOYED_FILE = SIZES_FILE.with_name("lighthouse-deployed.json")


def read_sizes() -> dict | None:
    """The figures of this run, or None when no test measured them."""
    if not SIZES_FILE.exists():
        return None
    return json.loads(SIZES_FILE.read_text(encoding="utf-8"))
