"""Automated WCAG 2.1 A/AA checks with axe-core (shipped inside axe-playwright-python)."""

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


@dataclass
class A11yLog:
    pages: list = field(default_factory=list)
    rules: set = field(default_factory=set)


LOG = A11yLog()
# Under pytest-xdist each worker appends here; the controller sums it up at the end.
LOG_FILE = Path(os.environ.get("SCREENSHOT_DIR", "artifacts/screenshots")).parent / "axe-log.jsonl"


def axe_violations(page) -> list[dict]:
    """All WCAG 2.1 A/AA violations axe reports on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations", "passes"],
        },
    )
    response = results.response
    LOG.pages.append(page.url)
    rules = {
        rule["id"]
        for group in ("violations", "passes", "incomplete", "inapplicable")
        for rule in response.get(group, [])
    }
    LOG.rules.update(rules)
    LOG_FILE.parent.mkdir(parents=True, exist_ok=True)
    minor = sorted({v["id"] for v in response["violations"] if v.get("impact") not in BLOCKING})
    with LOG_FILE.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"url": page.url, "rules": sorted(rules), "minor": minor}) + "\n")
    return response["violations"]


def read_log() -> tuple[int, int]:
    """(pages checked, distinct rules checked) over all workers of this run."""
    if not LOG_FILE.exists():
        return 0, 0
    entries = [json.loads(line) for line in LOG_FILE.read_text(encoding="utf-8").splitlines()]
    return len(entries), len({rule for entry in entries for rule in entry["rules"]})


def minor_findings() -> dict[str, int]:
    """Moderate and minor violations (not blocking): rule id -> pages it was found on."""
    if not LOG_FILE.exists():
        return {}
    counts: dict[str, int] = {}
    for line in LOG_FILE.read_text(encoding="utf-8").splitlines():
        for rule in json.loads(line).get("minor", []):
            counts[rule] = counts.get(rule, 0) + 1
    return counts


def assert_accessible(page):
    """0 serious or critical WCAG 2.1 A/AA violations on the page as the user sees it."""
    blocking = [v for v in axe_violations(page) if v.get("impact") in BLOCKING]
    details = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in blocking
    )
    assert not blocking, f"axe found serious/critical violations on {page.url}:\n{details}"
