"""A route of three new steps in one save: "Behandeling toevoegen" adds rows in the page
(the formset's empty form, static/js/portal.js), without a round trip."""

from django.urls import reverse

from governance.models import RouteStep
from tests.browser.a11y import assert_accessible
from tests.browser.conftest import login, screenshot
from tests.world import World


def test_three_steps_added_in_the_page_are_saved_at_once(page):
    login(page, "projectleider-zawa")
    route = World().zawa_route
    before = route.steps.count()
    page.goto(page.base_url + reverse("governance:route_update", args=[route.pk]))
    rows = page.get_by_role("group", name="Nieuwe behandeling")
    assert rows.count() == 1  # JavaScript keeps one empty row of the three
    add = page.get_by_role("button", name="Behandeling toevoegen")
    add.click()
    add.click()
    assert rows.count() == 3
    # The focus went to the new row's first field.
    assert page.evaluate("document.activeElement.name") == f"steps-{before + 2}-date"
    for i, (day, purpose) in enumerate(
        [("2021-11-02", "Informeren"), ("2021-11-16", "Bespreken"), ("2021-12-07", "Informeren")]
    ):
        row = rows.nth(i)
        row.locator("input[type=date]").fill(day)
        row.locator("select[name$='-body']").select_option(label="College van B&W Zaanstad")
        row.locator("select[name$='-purpose']").select_option(label=purpose)
    screenshot(page, "route-steps-01-three-new")
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.get_by_text("De besluitvormingsroute is opgeslagen").wait_for()
    assert RouteStep.objects.filter(route=route).count() == before + 3
