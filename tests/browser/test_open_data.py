"""A visitor without an account reads the public accountability pages; a projectleider
brings a Word plan into a new programme from the browser. Every page is axe-checked."""

import re

from tests.browser.a11y import assert_accessible
from tests.browser.conftest import login, screenshot
from tests.planio.sources import zawa_document


def test_visitor_reads_the_public_accountability_pages(page):
    page.goto(page.base_url + "/inloggen/")
    page.get_by_role("link", name="openbare verantwoording").click()
    # Each step waits for the next page's own heading (is_visible does not wait).
    page.get_by_role("heading", level=1, name="Openbare verantwoording").wait_for()
    assert_accessible(page)
    page.get_by_role(
        "link", name="Regionaal Actieplan Geweld hoort nergens thuis 2020-2021"
    ).click()
    page.get_by_role("heading", name="Voortgang per actielijn").wait_for()
    screenshot(page, "public-programme-zawa")
    assert_accessible(page)
    page.get_by_role("link", name="Verbeteren en borgen casusafhandeling").first.click()
    page.get_by_role("heading", level=1, name=re.compile(r"^Actie 2C")).wait_for()
    assert_accessible(page)


def test_projectleider_imports_a_word_plan_from_the_browser(page, tmp_path):
    from programmes.models import Programme, Region

    programme = Programme.objects.create(
        region=Region.objects.get(slug="zaanstreek-waterland"), title="Actieplan 2026"
    )
    path = tmp_path / "actieplan.docx"
    path.write_bytes(zawa_document())
    login(page, "projectleider-zawa")
    page.goto(page.base_url + f"/acties/programma/{programme.pk}/plan/importeren/")
    assert_accessible(page)
    page.get_by_label("Plan als Excel- of Word-bestand").set_input_files(str(path))
    page.get_by_role("button", name="Bekijk wat er verandert").click()
    page.get_by_text("Acties: 9 nieuw, 0 gewijzigd, 0 ongewijzigd").wait_for()
    screenshot(page, "plan-import-preview")
    assert_accessible(page)
    page.get_by_role("button", name="Bevestig de import").click()
    page.get_by_text("Plan geïmporteerd").wait_for()
    assert programme.actions.count() == 9
    assert_accessible(page)
