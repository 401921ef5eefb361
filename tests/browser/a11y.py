"""Automated WCAG 2.1 A/AA checks with axe-core (shipped inside axe-playwright-python)."""

from dataclasses import dataclass, field

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


@dataclass
class A11yLog:
    pages: list = field(default_factory=list)
    rules: set = field(default_factory=set)


LOG = A11yLog()


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
    for group in ("violations", "passes", "incomplete", "inapplicable"):
        LOG.rules.update(rule["id"] for rule in response.get(group, []))
    return response["violations"]


def assert_accessible(page):
    """0 serious or critical WCAG 2.1 A/AA violations on the page as the user sees it."""
    blocking = [v for v in axe_violations(page) if v.get("impact") in BLOCKING]
    details = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in blocking
    )
    assert not blocking, f"axe found serious/critical violations on {page.url}:\n{details}"
