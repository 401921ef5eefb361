"""A region's theme in a real browser: the projectleider refuses nothing by accident (a theme
with too little contrast is refused with the failing pairs), saves one that passes, and the
region's pages take its tokens; another region's pages keep theirs. Axe on the theme page."""

from tests.browser.a11y import assert_accessible
from tests.browser.conftest import login, screenshot

PRIMARY = "--ghnt-color-primary"


def _token(page, name):
    return page.evaluate(
        f"getComputedStyle(document.documentElement).getPropertyValue('{name}').trim()"
    )


def test_the_projectleider_gives_the_region_its_colours(page):
    from programmes.models import Region

    zawa = Region.objects.get(slug="zaanstreek-waterland")
    login(page, "projectleider-zawa")
    page.goto(page.base_url + f"/thema/regio/{zawa.slug}/aanpassen/")
    assert_accessible(page)

    page.get_by_role("textbox", name="Primaire kleur", exact=True).fill("#ffbf47")
    page.get_by_role("button", name="Thema opslaan").click()
    page.get_by_text("Dit thema heeft te weinig contrast en is niet opgeslagen").first.wait_for()
    assert page.get_by_text("tekst op de primaire kleur (#ffffff op #ffbf47)").count() >= 1
    assert_accessible(page)
    screenshot(page, "theme-refused")

    page.get_by_role("textbox", name="Primaire kleur", exact=True).fill("#5b2c6f")
    page.get_by_role("button", name="Thema opslaan").click()
    page.get_by_text("is opgeslagen").wait_for()

    programme = zawa.programmes.get()
    page.goto(page.base_url + programme.get_absolute_url())
    assert _token(page, PRIMARY) == "#5b2c6f"
    # The header takes it (tokens.css maps the token onto the page header's background).
    header = page.evaluate(
        "getComputedStyle(document.querySelector('.utrecht-page-header')).backgroundColor"
    )
    assert header == "rgb(91, 44, 111)"
    screenshot(page, "theme-region-programme")

    # A page of no region for a visitor of no region: not the region's theme.
    page.context.clear_cookies()
    page.goto(page.base_url + "/openbaar/")
    assert _token(page, PRIMARY) != "#5b2c6f"
