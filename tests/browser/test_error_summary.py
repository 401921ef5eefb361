"""The error summary in a real browser: after a bad submit the focus is on the summary at the
top of the page; its link moves the focus to the field with the error (static/js/portal.js)."""

from django.urls import reverse

from playwright.sync_api import expect

from tests.browser.a11y import assert_accessible
from tests.browser.conftest import login, screenshot
from tests.world import World


def test_after_a_bad_submit_the_summary_has_the_focus_and_links_to_the_field(page):
    login(page, "projectleider-zawa")
    action = World().action_2b
    page.goto(page.base_url + reverse("actions:edit", args=[action.pk]))
    page.locator("#id_progress").fill("150")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert summary.get_by_role("heading", name="Er is een probleem").is_visible()
    # The summary is near the top of the page, not 7,000 px down.
    assert summary.evaluate("el => el.getBoundingClientRect().top + window.scrollY") < 900
    screenshot(page, "error-summary-01-focus")
    assert_accessible(page)

    summary.get_by_role("link", name="Voortgang (%): De voortgang ligt tussen 0 en 100").click()
    assert page.evaluate("document.activeElement.id") == "id_progress"
    expect(page.locator("#id_progress")).to_be_in_viewport()  # scrolled to (smoothly)


def test_keyboard_users_reach_the_field_from_the_summary(page):
    login(page, "projectleider-zawa")
    page.goto(page.base_url + reverse("governance:meeting_create", args=["zaanstreek-waterland"]))
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.locator("[data-error-summary]").wait_for()
    page.keyboard.press("Tab")  # from the focused summary to its first link
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_body"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_body"
