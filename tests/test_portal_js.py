"""static/js/portal.min.js, the script every page loads, is committed; it must be what
tools/build_js.mjs (`make js`) makes from static/js/portal.js of this commit, so a change to the
source never ships without its minified file."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_portal_min_js_is_up_to_date_with_its_source():
    if not (ROOT / "node_modules" / "terser").exists():
        pytest.fail(
            "The build tools are not installed: run `make node_modules/.installed` (npm ci)."
        )
    result = subprocess.run(
        ["node", "tools/build_js.mjs", "--check"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr + result.stdout
