"""Journey 5: the projectleider records a route step and tracks a toezegging to the council."""

from tests.browser.conftest import login, screenshot


def test_projectleider_records_a_college_step_and_settles_a_toezegging(page):
    login(page, "projectleider-zawa")
    page.get_by_role("link", name="Besluitvorming").click()
    page.get_by_role("heading", level=1, name="Besluitvorming Zaanstreek-Waterland").wait_for()
    page.get_by_role(
        "link", name="Regionaal Actieplan Geweld hoort nergens thuis 2020-2021"
    ).click()
    assert page.get_by_text("Geen volgende stap gepland.").is_visible()

    # Record a college step for the plan: the college is informed on 2 November 2021.
    page.get_by_role("link", name="Route en behandelingen wijzigen").click()
    new_row = page.get_by_role("group", name="Nieuwe behandeling")
    new_row.locator('input[name="steps-6-date"]').fill("2021-11-02")
    new_row.locator('select[name="steps-6-body"]').select_option(label="College van B&W Zaanstad")
    new_row.locator('select[name="steps-6-purpose"]').select_option(label="Informeren")
    new_row.locator('textarea[name="steps-6-remarks"]').fill("Collegebrief over de voortgang")
    new_row.locator('input[name="steps-6-ORDER"]').fill("7")
    screenshot(page, "journey5-route-step-form")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De besluitvormingsroute is opgeslagen").wait_for()
    assert page.get_by_text("College van B&W Zaanstad: informeren op 2 november 2021").is_visible()
    assert page.get_by_text("Vastgesteld").first.is_visible()  # the BO's akkoord still adopts
    screenshot(page, "journey5-route")

    # A toezegging to the council, with a deadline.
    page.get_by_role("link", name="Besluitvorming Zaanstreek-Waterland").click()
    page.get_by_role("link", name="Toezeggingen", exact=True).first.click()
    page.get_by_role("link", name="Nieuwe toezegging").click()
    page.get_by_label("Nummer").fill("TZ-2021-07")
    page.get_by_label("Toezegging", exact=False).first.fill(
        "De raad ontvangt vóór 1 december de resultaten van de pilot Veilig Thuis."
    )
    page.get_by_label("Gedaan aan").select_option(label="College van B&W Zaanstad")
    page.get_by_label("Uiterlijk af").fill("2021-12-01")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Toezegging TZ-2021-07").wait_for()
    assert page.get_by_text("De toezegging is opgeslagen.").is_visible()

    # Settle it with the answer, the document and the date.
    page.get_by_role("link", name="Toezegging afdoen").click()
    page.get_by_label("Antwoord").fill("De resultaten staan in de raadsinformatiebrief.")
    page.get_by_label("Afgedaan met (document)").fill("Raadsinformatiebrief 2021-58")
    page.get_by_label("Afgedaan op").fill("2021-11-25")
    page.get_by_role("button", name="Afdoen").click()
    page.get_by_text("Toezegging TZ-2021-07 is afgedaan.").wait_for()
    assert page.get_by_text("Raadsinformatiebrief 2021-58").is_visible()
    assert page.get_by_text("25 november 2021").is_visible()
    screenshot(page, "journey5-toezegging-settled")

    page.get_by_role("link", name="Besluitvorming Zaanstreek-Waterland").click()
    page.get_by_role("link", name="Toezeggingen", exact=True).first.click()
    assert (
        page.get_by_text("0 open").is_visible() or page.locator("strong").first.inner_text() == "0"
    )
