"""Each role's start page in a real browser, at 1280 and 375 px: what to do next, readable on
a phone (no sideways scrolling), and no serious or critical axe finding."""

import pytest

from tests.browser.a11y import assert_accessible
from tests.browser.conftest import login, screenshot, watch_csp
from tests.browser.test_reflow import OVERFLOW_SCRIPT

WIDTHS = {"1280": {"width": 1280, "height": 900}, "375": {"width": 375, "height": 740}}

# What each role must see first: (username, heading of a panel, a text in it).
ROLES = {
    "projectleider": ("projectleider-zawa", "Te beoordelen", "Beoordeel update op actie 2B"),
    "ketenpartner": ("veiligthuis-zawa", "Uw laatste updates", "wacht op beoordeling"),
    "wethouder": ("wethouder-zaanstad", "Laatst verzonden rapportages", "2e halfjaar 2020"),
    "raadslid": ("raadslid-zaanstad", "Mijn programma's", "Regionaal Actieplan"),
    "rijk": ("rijk", "Laatst verzonden rapportages", "Landelijk overzicht"),
}


def _work_to_show():
    """A submitted update on 2B, a toezegging and a sent report: something in every panel."""
    from django.contrib.auth import get_user_model

    from actions.services import submit_status_update
    from monitoring.constants import ReportStatus
    from tests.monitoring.reports import make_report
    from tests.world import World

    world = World()
    author = get_user_model().objects.get(username="veiligthuis-zawa")
    submit_status_update(action=world.action_2b, author=author, status="in_uitvoering", progress=30)
    world.zawa_commitment  # noqa: B018  (made on first use)
    make_report(world.zawa_programme, ReportStatus.SENT, "2020-H2")


@pytest.fixture
def demo_with_work(live_demo):
    _work_to_show()
    return live_demo  # its sent report goes with the cleanup of tests/conftest.py


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("role", ROLES)
def test_start_page(chromium, demo_with_work, role, width):
    live_demo = demo_with_work
    context = chromium.new_context(locale="nl-NL", viewport=WIDTHS[width])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_demo.url
    violations = watch_csp(page)
    try:
        username, heading, text = ROLES[role]
        if width == "375":
            # Log in wide (the login form is the same), then look at the start page narrow.
            page.set_viewport_size(WIDTHS["1280"])
            login(page, username)
            page.set_viewport_size(WIDTHS["375"])
            page.reload()
        else:
            login(page, username)
        assert page.get_by_role("heading", level=1).is_visible()
        assert page.get_by_role("heading", name=heading).first.is_visible()
        assert page.get_by_text(text).first.is_visible()
        result = page.evaluate(OVERFLOW_SCRIPT)
        assert result["scrollWidth"] <= result["width"], result
        screenshot(page, f"start-{role}-{width}")
        assert_accessible(page)
    finally:
        context.close()
    assert not violations, violations


def test_rijk_goes_from_the_start_page_through_the_national_portfolio(page, demo_with_work):
    """Start page -> national portfolio -> a region -> the inbox -> a report, axe-checked."""
    login(page, "rijk")
    page.get_by_role("link", name="Landelijk overzicht van alle regio's en rapportages").click()
    page.get_by_role("heading", level=1, name="Landelijk overzicht").wait_for()
    assert page.get_by_text("In besluitvorming").first.is_visible()  # Groningen is listed
    screenshot(page, "national-portfolio")
    assert_accessible(page)
    page.get_by_role("link", name="Regio Zaanstreek-Waterland").click()
    page.get_by_role("heading", level=1, name="Regio Zaanstreek-Waterland").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Landelijk overzicht").click()
    page.get_by_role("link", name="Alle verzonden rapportages").click()
    page.get_by_role("heading", level=1, name="Verzonden rapportages").wait_for()
    assert page.get_by_role("cell", name="2e halfjaar 2020", exact=True).is_visible()
    assert_accessible(page)
