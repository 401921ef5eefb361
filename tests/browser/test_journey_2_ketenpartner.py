"""Journey 2: Veilig Thuis reports progress on its own action; the projectleider accepts it."""

from tests.browser.conftest import login, screenshot


def test_veilig_thuis_posts_an_update_and_the_projectleider_accepts_it(page):
    login(page, "veiligthuis-zawa")
    page.get_by_role("link", name="Mijn acties").click()
    page.wait_for_url("**/acties/mijn/")
    table = page.get_by_role("table").first
    assert table.get_by_role("rowheader", name="2B").is_visible()
    # 2C belongs to Projectteam GHNT only: not on Veilig Thuis's list.
    assert page.get_by_role("rowheader", name="2C").count() == 0
    screenshot(page, "journey2-mijn-acties")

    page.get_by_role("link", name="Update geven op actie 2B").click()
    page.get_by_label("Status").select_option(label="In uitvoering")
    page.get_by_label("Voortgang (%)").fill("40")
    page.get_by_label("Toelichting").fill("Twee MDA++-trainingen gegeven aan de casusregisseurs.")
    screenshot(page, "journey2-update-form")
    page.get_by_role("button", name="Update indienen").click()
    page.wait_for_url("**/acties/mijn/")
    assert page.get_by_text("Uw voortgangsupdate op actie 2B is ingediend").is_visible()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/inloggen/")

    login(page, "projectleider-zawa")
    page.get_by_role(
        "link", name="Regionaal Actieplan Geweld hoort nergens thuis 2020-2021"
    ).click()
    assert page.get_by_text("laatste update door Veilig Thuis Zaanstreek-Waterland").is_visible()
    page.get_by_role("link", name="Versterken casusoverleg MDA++", exact=False).first.click()
    assert page.get_by_text("Twee MDA++-trainingen gegeven aan de casusregisseurs.").is_visible()
    summary = page.locator("p", has_text="Actielijn:")
    assert "Voortgang 0%" in summary.inner_text()  # not applied before acceptance
    page.get_by_role("link", name="Beoordelen").click()
    page.get_by_label("Accepteren: de waarden worden in de actie overgenomen").check()
    page.get_by_role("button", name="Besluit opslaan").click()
    assert page.get_by_text("De update is geaccepteerd").is_visible()
    assert "Voortgang 40%" in summary.inner_text()
    assert page.get_by_text("Geaccepteerd door Projectleider Zaanstreek-Waterland").is_visible()
    screenshot(page, "journey2-accepted")
