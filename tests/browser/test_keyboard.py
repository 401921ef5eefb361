"""Keyboard-only use (WCAG 2.1.1, 2.4.1, 2.4.7): the skip link, and the two main forms filled
and submitted with Tab, typing, Space and Enter alone. Every element that receives focus on the
way shows a visible focus indicator."""

from django.urls import reverse

from tests.browser.conftest import login, screenshot

FOCUS_SCRIPT = r"""(selector) => {
  const el = document.activeElement;
  if (!el || el === document.body) return {body: true};
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  // A focus ring drawn as a shadow: opaque, and at least 2px wide.
  const shadow = style.boxShadow !== 'none' && !/rgba\([^)]*,\s*0\)/.test(style.boxShadow)
    && (style.boxShadow.match(/[\d.]+px/g) || []).some((px) => parseFloat(px) >= 2);
  const box = el.getBoundingClientRect();
  return {
    body: false,
    visibleFocus: Boolean(outline || shadow),
    onScreen: box.width > 0 && box.height > 0,
    matches: el.matches(selector),
    describe: `${el.tagName.toLowerCase()}#${el.id || ''}`
      + ` "${(el.innerText || el.name || '').trim().slice(0, 40)}"`
      + ` outline=${style.outlineStyle} ${style.outlineWidth} shadow=${style.boxShadow}`,
  };
}"""


def tab_to(page, selector, limit=400):
    """Press Tab until the element matching `selector` has focus; on every stop the focused
    element must show a visible focus indicator. Returns the number of Tab presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_SCRIPT, selector)
        assert not focus["body"], f"focus fell back to the page after {presses} Tabs"
        assert focus["visibleFocus"], f"no visible focus indicator on {focus['describe']}"
        assert focus["onScreen"], f"focused element is not on screen: {focus['describe']}"
        if focus["matches"]:
            return presses
    raise AssertionError(f"{selector} not reached with {limit} Tabs")


def replace_text(page, text):
    """Select the focused field's content and type over it."""
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page):
    login(page, "projectleider-zawa")
    for path in (reverse("home"), reverse("actions:list"), reverse("governance:index")):
        page.goto(page.base_url + path)
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Direct naar de inhoud")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Direct naar de inhoud"
        assert skip.is_visible()
        box = skip.bounding_box()
        assert box["x"] >= 0 and box["y"] >= 0  # shown on screen once focused, not off-canvas
        focus = page.evaluate(FOCUS_SCRIPT, "a.utrecht-skip-link")
        assert focus["visibleFocus"], focus["describe"]
        screenshot(page, "keyboard-skip-link")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "inhoud"
        # The next Tab continues inside the content, not in the navigation.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('main') !== null")


def test_projectleider_edits_action_2b_with_the_keyboard_only(page):
    from actions.models import Action

    login(page, "projectleider-zawa")
    action = Action.objects.get(programme__region__slug="zaanstreek-waterland", code="2B")
    page.goto(page.base_url + reverse("actions:edit", args=[action.pk]))

    tab_to(page, "#id_status")
    page.keyboard.type("Vertraagd")  # type-ahead in the closed select
    assert page.locator("#id_status").input_value() == "vertraagd"
    tab_to(page, "#id_progress")
    replace_text(page, "35")
    # Owners are checkboxes: Space ticks one.
    politie = page.locator("label", has_text="Politie Zaanstreek-Waterland").first
    politie_id = politie.get_attribute("for")
    assert not page.locator(f"#{politie_id}").is_checked()
    tab_to(page, f"#{politie_id}")
    page.keyboard.press("Space")
    assert page.locator(f"#{politie_id}").is_checked()
    # The milestones are folded away: Enter on their summary opens them in place.
    tab_to(page, "#milestones > summary")
    page.keyboard.press("Enter")
    # A new milestone in the empty extra form after 2B's three milestones.
    tab_to(page, "#id_milestones-3-letter")
    page.keyboard.type("ff")
    tab_to(page, "#id_milestones-3-title")
    page.keyboard.type("Evaluatie MDA++ met de ketenpartners")
    tab_to(page, "#id_milestones-3-planned_year")
    page.keyboard.type("2022")
    tab_to(page, "#id_milestones-3-planned_quarter")
    page.keyboard.type("1")
    screenshot(page, "keyboard-action-edit")
    tab_to(page, "main form button[type=submit]")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Opslaan"
    page.keyboard.press("Enter")

    page.wait_for_url(page.base_url + action.get_absolute_url())
    assert page.get_by_text("Actie 2B is opgeslagen.").is_visible()
    summary = page.locator("p", has_text="Actielijn:")
    assert "Vertraagd" in summary.inner_text()
    assert "Voortgang 35%" in summary.inner_text()
    assert page.get_by_role("cell", name="Evaluatie MDA++ met de ketenpartners").is_visible()
    assert "Politie Zaanstreek-Waterland" in page.locator("dl.fields").inner_text()
    screenshot(page, "keyboard-action-saved")


def test_ketenpartner_posts_an_update_with_the_keyboard_only(page):
    from actions.models import Action

    login(page, "veiligthuis-zawa")
    action = Action.objects.get(programme__region__slug="zaanstreek-waterland", code="2B")
    page.goto(page.base_url + reverse("actions:mine"))
    tab_to(page, f"a[href='{reverse('actions:update_create', args=[action.pk])}']")
    assert page.evaluate("document.activeElement.textContent") == "Update geven op actie 2B"
    page.keyboard.press("Enter")
    page.wait_for_url("**/voortgang/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Voortgangsupdate")

    tab_to(page, "#id_status")
    page.keyboard.type("In uitvoering")
    assert page.locator("#id_status").input_value() == "in_uitvoering"
    tab_to(page, "#id_progress")
    replace_text(page, "40")
    tab_to(page, "#id_judgement_0")  # the judgement: a radio group, "Op schema" first
    page.keyboard.press("Space")
    assert page.locator("#id_judgement_0").is_checked()
    tab_to(page, "#id_remark")
    page.keyboard.type("Twee MDA++-trainingen gegeven, gemeld met alleen het toetsenbord.")
    screenshot(page, "keyboard-update-form")
    tab_to(page, "main form button[type=submit]")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Update indienen"
    page.keyboard.press("Enter")

    page.wait_for_url("**/acties/mijn/")
    assert page.get_by_text("Uw voortgangsupdate op actie 2B is ingediend").is_visible()
    from actions.models import StatusUpdate

    update = StatusUpdate.objects.latest("pk")
    assert update.action.code == "2B"
    assert (update.status, update.progress, update.judgement) == ("in_uitvoering", 40, "op_schema")
    assert update.remark == "Twee MDA++-trainingen gegeven, gemeld met alleen het toetsenbord."
