"""Journey 1 in Chromium: the projectleider edits action 2B, adds a milestone for the January AO,
changes a budget line, and sees the recomputed totals and the history."""

from tests.browser.conftest import login, screenshot


def _planned(page, source):
    return page.locator(f'.budget-per-source tr[data-source="{source}"] .source-planned')


def test_projectleider_edits_action_2b(page):
    login(page, "projectleider-zawa")
    page.get_by_role(
        "link", name="Regionaal Actieplan Geweld hoort nergens thuis 2020-2021"
    ).click()
    assert _planned(page, "Subsidie aan te vragen").inner_text() == "€ 187.000"
    screenshot(page, "journey1-01-programme")

    page.get_by_role("link", name="Versterken casusoverleg MDA++", exact=False).first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Actie 2B.")
    page.get_by_role("link", name="Actie bewerken").click()

    page.locator("#id_status").select_option(label="Vertraagd")
    # The empty milestone form after 2B's three milestones (j, k, l).
    page.locator("#id_milestones-3-letter").fill("ff")
    page.locator("#id_milestones-3-title").fill("Evaluatie MDA++")
    page.locator("#id_milestones-3-planned_year").fill("2022")
    page.locator("#id_milestones-3-planned_quarter").fill("1")
    page.locator("#id_milestones-3-meeting_label").fill("AO-jan")
    page.locator("#id_milestones-3-meeting").select_option(label="AO-jan")
    amount = page.locator("#id_budget-3-amount")
    assert amount.input_value() == "50000.00"
    amount.fill("60000")
    screenshot(page, "journey1-02-edit-form")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    page.wait_for_url("**/acties/*/")
    assert page.get_by_text("Actie 2B is opgeslagen.").is_visible()
    history = page.locator("#historie").locator("xpath=..")
    assert history.get_by_text(
        "projectleider-zawa wijzigde Status van 'In uitvoering' naar 'Vertraagd'"
    ).is_visible()
    assert history.get_by_text("projectleider-zawa voegde mijlpaal 'ff. Evaluatie MDA++' toe")
    assert history.get_by_text("van '€ 50.000' naar '€ 60.000'", exact=False).is_visible()
    screenshot(page, "journey1-03-action-history")

    page.get_by_role("link", name="Actieplan GHNT ZaWa 2020-2021").click()
    assert _planned(page, "Subsidie aan te vragen").inner_text() == "€ 197.000"
    grid = page.locator("table.milestone-grid")
    assert grid.get_by_role("columnheader", name="Q1 2022").is_visible()
    assert "ff AO-jan" in grid.locator("tr", has_text="Versterken casusoverleg").inner_text()
    screenshot(page, "journey1-04-programme-after")


def test_quick_update_with_htmx_on_the_programme_page(page):
    login(page, "projectleider-zawa")
    page.get_by_role(
        "link", name="Regionaal Actieplan Geweld hoort nergens thuis 2020-2021"
    ).click()
    url = page.url
    form = page.locator("form.quick-update", has=page.get_by_label("Status van actie 2B"))
    form.get_by_label("Status van actie 2B").select_option(label="Afgerond")
    form.get_by_label("Voortgang van actie 2B in procent").fill("100")
    form.get_by_role("button", name="Opslaan voor actie 2B").click()
    page.get_by_text("Actie 2B: Afgerond, 100% opgeslagen.").wait_for()
    assert page.url == url  # no page reload
    screenshot(page, "journey1-05-quick-update")
