"""Automated WCAG 2.1 A/AA checks in the browser with two engines: axe-core (shipped inside
axe-playwright-python) and IBM's Equal Access engine (npm `accessibility-checker-engine`, from
the project's node_modules: `make node_modules/.installed`; never downloaded)."""

import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


@dataclass
class A11yLog:
    pages: list = field(default_factory=list)
    rules: set = field(default_factory=set)


LOG = A11yLog()
# Under pytest-xdist each worker appends here; the controller sums it up at the end.
LOG_FILE = Path(os.environ.get("SCREENSHOT_DIR", "artifacts/screenshots")).parent / "axe-log.jsonl"
IBM_LOG_FILE = LOG_FILE.with_name("ibm-log.jsonl")

ROOT = Path(__file__).resolve().parents[2]
IBM_ENGINE = ROOT / "node_modules" / "accessibility-checker-engine" / "ace.js"
# The engine's own policy for WCAG 2.1 A and AA (its rule sets: IBM_Accessibility, WCAG_2_2,
# WCAG_2_1, WCAG_2_0); the same success criteria as axe's tags above.
IBM_POLICY = "WCAG_2_1"
# The engine's (value[0], value[1]) pairs as its report levels: a "violation" is a failure it is
# sure of (blocking); a "potentialviolation" needs a person to judge it (listed, not blocking).
IBM_LEVELS = {
    ("VIOLATION", "FAIL"): "violation",
    ("VIOLATION", "POTENTIAL"): "potentialviolation",
}
# In the page: run the checker on the document, keep what failed or needs judging. Folded
# sections (closed <details>) are opened for the check and closed again: the engine (4.0.34)
# takes their content for visible but its labels and legends for hidden, and reports every
# field in them; opened, it checks what a user sees on unfolding them.
_IBM_RUN = """async (policy) => {
    const folded = [...document.querySelectorAll("details:not([open])")];
    folded.forEach((details) => { details.open = true; });
    let report;
    try {
        report = await new ace.Checker().check(document, [policy]);
    } finally {
        folded.forEach((details) => { details.open = false; });
    }
    return report.results
        .filter((r) => r.value[0] === "VIOLATION" && r.value[1] !== "PASS")
        .map((r) => ({rule: r.ruleId, reason: r.reasonId, value: r.value,
                      path: r.path.dom, message: r.message, snippet: r.snippet}));
}"""


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
    assert_ibm_clean(page)


@cache
def _ibm_engine_source() -> str:
    if not IBM_ENGINE.exists():
        pytest.fail(
            f"IBM Equal Access engine not found at {IBM_ENGINE}: run `make node_modules/.installed`"
            " (npm ci; package.json pins accessibility-checker-engine)"
        )
    return IBM_ENGINE.read_text(encoding="utf-8")


def ibm_findings(page) -> dict[str, list[dict]]:
    """The IBM Equal Access engine's WCAG 2.1 A/AA findings on the current page, by report
    level ("violation", "potentialviolation"). Evaluated through the DevTools protocol, so
    the portal's Content-Security-Policy (no inline scripts) does not stop it."""
    if not page.evaluate("() => typeof window.ace === 'object'"):
        page.evaluate(_ibm_engine_source())
    found: dict[str, list[dict]] = {level: [] for level in IBM_LEVELS.values()}
    for result in page.evaluate(_IBM_RUN, IBM_POLICY):
        level = IBM_LEVELS.get(tuple(result["value"]))
        if level:
            found[level].append(result)
    IBM_LOG_FILE.parent.mkdir(parents=True, exist_ok=True)
    with IBM_LOG_FILE.open("a", encoding="utf-8") as handle:
        entry = {level: sorted({r["rule"] for r in items}) for level, items in found.items()}
        details = [
            {key: r[key] for key in ("rule", "reason", "path", "message", "snippet")}
            for r in found["violation"][:10]
        ]
        handle.write(json.dumps({"url": page.url, **entry, "details": details}) + "\n")
    return found


def ibm_summary() -> tuple[int, dict[str, int]]:
    """(pages checked, potential violations: rule id -> pages it was found on) over all workers."""
    if not IBM_LOG_FILE.exists():
        return 0, {}
    lines = IBM_LOG_FILE.read_text(encoding="utf-8").splitlines()
    counts: dict[str, int] = {}
    for line in lines:
        for rule in json.loads(line).get("potentialviolation", []):
            counts[rule] = counts.get(rule, 0) + 1
    return len(lines), counts


def assert_ibm_clean(page):
    """0 violations of the IBM engine's WCAG 2.1 A/AA policy on the page as the user sees it."""
    violations = ibm_findings(page)["violation"]
    details = "\n".join(
        f"{v['rule']} ({v['reason']}): {v['message']} – {v['path']}" for v in violations[:10]
    )
    assert not violations, f"IBM Equal Access found violations on {page.url}:\n{details}"
