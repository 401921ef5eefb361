"""A person logs in in a real browser and sees the programmes of their region."""

from tests.browser.a11y import assert_accessible
from tests.browser.conftest import login, screenshot


def test_projectleider_logs_in_and_opens_the_zaanstreek_waterland_plan(page):
    page.goto(page.base_url + "/")
    assert "/inloggen/" in page.url  # anonymous visitors see only the login page
    assert_accessible(page)
    login(page, "projectleider-zawa")
    screenshot(page, "home-projectleider")
    assert_accessible(page)
    page.locator(".ghnt-card--programme").get_by_role(
        "link", name="Regionaal Actieplan Geweld hoort nergens thuis 2020-2021"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Regionaal Actieplan")
    assert page.get_by_text("€ 115.478").first.is_visible()
    screenshot(page, "programme-zawa")
    assert_accessible(page)
