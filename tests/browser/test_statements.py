"""A visitor without an account finds the accessibility statement, the privacy statement and
the disclosure policy in the footer of the login page and of the public pages, and reads them;
every page passes axe (WCAG 2.1 A/AA), and all content sits inside a landmark (axe's `region`
rule, what the IBM checker reported for the skip link)."""

from tests.browser.a11y import assert_accessible
from tests.browser.conftest import login, screenshot

STATEMENTS = [
    ("Toegankelijkheid", "Toegankelijkheidsverklaring"),
    ("Privacy", "Privacyverklaring"),
    ("Kwetsbaarheid melden", "Kwetsbaarheid melden"),
]


# Text and focusable elements outside every landmark. axe's `region` rule lets a skip link
# stand outside; the IBM checker does not, so this looks at every element itself.
OUTSIDE_SCRIPT = """() => {
  const landmark = 'header, nav, main, footer, aside, [role=banner], [role=navigation],'
    + ' [role=main], [role=contentinfo], [role=complementary], [role=region], [role=search]';
  const skip = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (skip.has(el.tagName) || el.closest(landmark)) continue;
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (ownText || el.matches('a[href], button, input, select, textarea, [tabindex]')) {
      found.push(el.outerHTML.slice(0, 80));
    }
  }
  return found;
}"""


def outside_landmarks(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["region"]}})
    found = [str(n["target"]) for v in results.response["violations"] for n in v["nodes"]]
    return found + page.evaluate(OUTSIDE_SCRIPT)


def test_visitor_reads_the_statements_from_the_footer(page):
    page.goto(page.base_url + "/inloggen/")
    assert_accessible(page)
    for start in ("/inloggen/", "/openbaar/"):
        for link, heading in STATEMENTS:
            page.goto(page.base_url + start)
            footer = page.get_by_role("contentinfo")
            footer.get_by_role("link", name=link, exact=True).click()
            page.get_by_role("heading", level=1, name=heading).wait_for()
            assert_accessible(page)
            assert outside_landmarks(page) == [], page.url
    screenshot(page, "statement-disclosure")


def test_every_element_sits_in_a_landmark_signed_in_or_not(page):
    for path in ("/inloggen/", "/openbaar/", "/privacyverklaring/"):
        page.goto(page.base_url + path)
        assert outside_landmarks(page) == [], path
    login(page, "projectleider-zawa")
    page.goto(page.base_url + "/acties/")
    assert outside_landmarks(page) == []
    # The skip link is the header's first element and still the first Tab stop.
    page.keyboard.press("Tab")
    first = "header > a.utrecht-skip-link:first-child"
    assert page.evaluate(f"document.activeElement.matches('{first}')"), page.evaluate(
        "document.activeElement.outerHTML"
    )
