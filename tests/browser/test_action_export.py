"""The beheerder exports a long action list to Excel: the file is made in the background,
the page says how far it is and offers the download when it is ready (issue 26)."""

from tests.browser.a11y import assert_accessible
from tests.browser.conftest import login, screenshot


def test_a_long_list_is_exported_in_the_background_and_downloaded(page, settings):
    settings.ACTION_EXPORT_BACKGROUND_ROWS = 3  # the demo's 15 actions count as long
    login(page, "beheerder")
    page.goto(page.base_url + "/acties/export.xlsx")
    page.get_by_text("De lijst telt").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Excel-bestand maken").click()
    page.wait_for_url("**/acties/export/*/")
    # Without a worker the eager outbox made it within the request; the status says so.
    link = page.get_by_role("link", name="Excel-bestand downloaden")
    link.wait_for()
    assert page.get_by_role("status").inner_text().startswith("Klaar")
    screenshot(page, "action-export-done")
    assert_accessible(page)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".xlsx")
