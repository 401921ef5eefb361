"""The action form in a browser (issue 26): the first screen holds the action itself, the
milestones, results and budget lines fold away and open in place, and one more row comes
from the server (htmx) and is saved with the rest."""

from django.urls import reverse

from playwright.sync_api import expect

from tests.browser.a11y import assert_accessible
from tests.browser.conftest import login, screenshot
from tests.world import World


def test_the_first_screen_holds_the_action_and_a_new_row_comes_from_the_server(page):
    login(page, "projectleider-zawa")
    action = World().action_2b
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + reverse("actions:edit", args=[action.pk]))

    # The seven texts of the plan's table are on the first screen; the rows are folded.
    for name in ("wat", "doel", "hoe", "door", "wanneer", "resultaten", "kosten"):
        expect(page.locator(f"#id_{name}")).to_be_visible()
    expect(page.locator("#id_milestones-0-title")).to_be_hidden()  # folded
    expect(page.locator("#id_budget-0-description")).to_be_hidden()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 3000, height  # the whole form unfolded was over 9,000 px
    assert_accessible(page)

    page.locator("#milestones > summary").click()
    expect(page.locator("#id_milestones-0-title")).to_be_visible()
    page.get_by_role("button", name="Nieuwe mijlpaal toevoegen").click()
    row = page.locator("#id_milestones-4-title")
    expect(row).to_be_visible()
    assert page.locator("#id_milestones-TOTAL_FORMS").input_value() == "5"
    page.locator("#id_milestones-4-letter").fill("gg")
    row.fill("Tweede evaluatie met de gemeenten")
    page.locator("#id_milestones-4-planned_year").fill("2022")
    page.locator("#id_milestones-4-planned_quarter").fill("3")
    screenshot(page, "action-form-added-row")
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan", exact=True).click()

    page.wait_for_url(page.base_url + action.get_absolute_url())
    expect(page.get_by_role("cell", name="Tweede evaluatie met de gemeenten")).to_be_visible()


def test_an_error_in_a_folded_section_opens_it(page):
    login(page, "projectleider-zawa")
    action = World().action_2b
    page.goto(page.base_url + reverse("actions:edit", args=[action.pk]))
    page.locator("#budget > summary").click()
    page.locator("#id_budget-0-amount").fill("-5")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    page.locator("[data-error-summary]").wait_for()
    assert page.locator("#budget").evaluate("el => el.open")
    assert not page.locator("#milestones").evaluate("el => el.open")
    page.locator("[data-error-summary] a[data-error-link='id_budget-0-amount']").click()
    assert page.evaluate("document.activeElement.id") == "id_budget-0-amount"
