"""Journey 4's first screen in a real browser, at 1280 and 375 px: the headline figures are
in the first viewport without scrolling, each jumps to its section, the page does not
scroll sideways, chart text is at least ~12 px on a phone, and axe finds nothing serious."""

import re

from django.urls import reverse

import pytest

from tests.browser.a11y import assert_accessible
from tests.browser.conftest import login, screenshot, watch_csp
from tests.browser.test_reflow import OVERFLOW_SCRIPT

WIDTHS = {"1280": {"width": 1280, "height": 900}, "375": {"width": 375, "height": 740}}

# The smallest text of the charts on screen, in CSS px: each SVG's font size scaled by how
# wide the SVG is drawn against its viewBox (charts hidden at this width do not count).
CHART_TEXT_SCRIPT = """() => {
  let min = Infinity, texts = 0, charts = 0;
  for (const svg of document.querySelectorAll('svg.chart')) {
    const box = svg.getBoundingClientRect();
    if (!box.width || !svg.viewBox.baseVal.width) continue;
    charts++;
    const scale = box.width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('text')) {
      min = Math.min(min, parseFloat(getComputedStyle(text).fontSize) * scale);
      texts++;
    }
  }
  return {min, texts, charts};
}"""


def _dashboard_url():
    from programmes.models import Programme

    programme = Programme.objects.get(region__slug="zaanstreek-waterland")
    return reverse("monitoring:dashboard", args=[programme.pk])


def _in_first_viewport(page, locator, height):
    box = locator.bounding_box()
    assert box is not None, "not rendered"
    return box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize("width", WIDTHS)
def test_dashboard_first_screen(chromium, live_demo, width):
    viewport = WIDTHS[width]
    context = chromium.new_context(locale="nl-NL", viewport=WIDTHS["1280"])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_demo.url
    violations = watch_csp(page)
    try:
        login(page, "raadslid-zaanstad")
        page.set_viewport_size(viewport)
        page.goto(live_demo.url + _dashboard_url())
        assert page.evaluate("window.scrollY") == 0

        # The headline, before the filters, in the first viewport.
        heading = page.get_by_role("heading", name=re.compile("^In het kort"))
        assert heading.is_visible() and _in_first_viewport(page, heading, viewport["height"])
        assert "actuele stand op" in heading.inner_text()
        first = page.locator('[data-headline="acties"]')
        assert first.get_by_text(re.compile(r"^\d+ acties$")).is_visible()
        assert _in_first_viewport(page, first.locator(".headline-figure"), viewport["height"])
        assert first.get_by_text("in uitvoering").is_visible()  # a status in words
        filters = page.get_by_role("heading", name="Weergave en filters")
        assert heading.bounding_box()["y"] < filters.bounding_box()["y"]
        if width == "1280":
            for card in ("acties", "mijlpalen", "begroting", "politie"):
                figure = page.locator(f'[data-headline="{card}"] .headline-figure').first
                assert _in_first_viewport(page, figure, viewport["height"]), card
        police = page.locator('[data-headline="politie"]')
        assert police.get_by_text("Zaanstad, t/m mei 2020 (deel van een jaar)").is_visible()
        # The reader's own municipality is chosen in the filter.
        assert page.get_by_label("Gemeente", exact=True).input_value() != ""
        assert (
            page.get_by_label("Gemeente", exact=True).locator("option:checked").inner_text()
            == "Zaanstad"
        )

        result = page.evaluate(OVERFLOW_SCRIPT)
        assert result["scrollWidth"] <= result["width"], result
        text = page.evaluate(CHART_TEXT_SCRIPT)
        assert text["charts"] >= 6 and text["texts"] > 50, text
        if width == "375":
            assert text["min"] >= 11.5, text
        else:
            assert text["min"] >= 12, text
        screenshot(page, f"dashboard-first-screen-{width}")
        assert_accessible(page)

        # A headline jumps to its section further down.
        page.locator('[data-headline="mijlpalen"]').get_by_role("link").click()
        section = page.get_by_role("heading", level=2, name="Mijlpalen", exact=True)
        page.wait_for_function("window.location.hash === '#mijlpalen'")
        # (scrolling may be smooth: wait until the section's heading is on screen)
        page.wait_for_function(
            "() => { const top = document.getElementById('mijlpalen').getBoundingClientRect().top;"
            " return top >= 0 && top < window.innerHeight - 40; }"
        )
        assert page.evaluate("window.scrollY") > 0
        assert section.is_visible()
    finally:
        context.close()
    assert not violations, violations
