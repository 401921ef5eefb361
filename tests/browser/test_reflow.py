"""Reflow (WCAG 1.4.10) and resize text (1.4.4): the main pages work at 320 CSS px wide and at
200% zoom without scrolling the page sideways. Wide tables may scroll inside their own
`.table-responsive` container; the page itself must not."""

from django.urls import reverse

import pytest

from tests.browser.conftest import login, screenshot

# Lists the elements that stick out of the window (content scrolling inside a .table-responsive
# container is fine, unless it is absolutely positioned and escapes the container).
OVERFLOW_SCRIPT = """() => {
  const width = document.documentElement.clientWidth;
  const culprits = [];
  for (const el of document.querySelectorAll('body *')) {
    const inScroller = el.parentElement &&
      el.parentElement.closest('.table-responsive, .utrecht-table-container');
    if (inScroller && getComputedStyle(el).position !== 'absolute') continue;
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1) {
      culprits.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, culprits: culprits.slice(0, 5)};
}"""

VIEWPORTS = {
    # A 320 px wide phone (the WCAG reflow width).
    "320px": {"viewport": {"width": 320, "height": 640}},
    # 200% zoom of a 1280x900 window: 640x450 CSS px, every CSS px drawn as 2 device px.
    "zoom200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
}


def _main_pages():
    from actions.models import Action
    from programmes.models import Programme

    programme = Programme.objects.get(region__slug="zaanstreek-waterland")
    action = Action.objects.get(programme=programme, code="2B")
    return {
        "home": reverse("home"),
        "programme": programme.get_absolute_url(),
        "action-list": reverse("actions:list"),
        "action-detail": action.get_absolute_url(),
        "action-edit": reverse("actions:edit", args=[action.pk]),
        "dashboard": reverse("monitoring:dashboard", args=[programme.pk]),
        "governance": reverse("governance:index"),
        "report-list": reverse("monitoring:report_list", kwargs={"programme_pk": programme.pk}),
    }


def _check(page, name, problems):
    result = page.evaluate(OVERFLOW_SCRIPT)
    if result["scrollWidth"] > result["width"]:
        problems.append(
            f"{name} ({page.url}): page is {result['scrollWidth']} px wide in a "
            f"{result['width']} px window; too wide: {result['culprits']}"
        )
    heading = page.get_by_role("heading", level=1).first
    if not heading.is_visible():
        problems.append(f"{name}: the main heading is not visible")
    else:
        box = heading.bounding_box()
        if box["x"] < 0 or box["x"] + box["width"] > result["width"] + 1:
            problems.append(f"{name}: the main heading does not fit the window ({box})")


@pytest.mark.parametrize("mode", VIEWPORTS)
def test_main_pages_reflow_without_horizontal_scrolling(chromium, live_demo, mode):
    context = chromium.new_context(locale="nl-NL", **VIEWPORTS[mode])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_demo.url
    problems = []
    try:
        page.goto(page.base_url + reverse("login"))
        _check(page, "login", problems)
        screenshot(page, f"reflow-{mode}-login")
        login(page, "projectleider-zawa")
        for name, path in _main_pages().items():
            page.goto(page.base_url + path)
            _check(page, name, problems)
            screenshot(page, f"reflow-{mode}-{name}")
        # The navigation folds behind a menu (<details>, no JS) that opens with the keyboard.
        toggler = page.locator("#hoofdmenu > summary")
        assert toggler.is_visible() and toggler.inner_text() == "Menu"
        assert not page.get_by_role("button", name="Uitloggen").is_visible()
        toggler.focus()
        page.keyboard.press("Enter")
        logout = page.get_by_role("button", name="Uitloggen")
        logout.wait_for(state="visible")
        page.locator("#hoofdmenu[open]").wait_for()
        assert page.get_by_role("link", name="Acties", exact=True).is_visible()
        _check(page, "open menu", problems)
        screenshot(page, f"reflow-{mode}-menu-open")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_zoomed_text_stays_readable_on_a_wide_window(chromium, live_demo):
    """Text-only zoom to 200% (body zoom) on a desktop window: the programme page still fits."""
    context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.base_url = live_demo.url
    problems = []
    try:
        login(page, "projectleider-zawa")
        page.goto(page.base_url + _main_pages()["programme"])
        page.evaluate("document.body.style.zoom = '200%'")
        _check(page, "programme at body zoom 200%", problems)
        screenshot(page, "reflow-bodyzoom-programme")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
