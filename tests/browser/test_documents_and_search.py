"""Issue 22's done-when in a real browser: the projectleider attaches the raadsvoorstel to a
route step and is refused a file with a BSN; a raadslid finds it by a word in its text with
the header's search box and downloads it. Every page is checked with axe."""

from tests.browser.journeys import log_in, log_out, seen
from tests.documents import files


def test_attach_search_and_download(page):
    log_in(page, "projectleider-zawa", "documents-01-start")
    page.goto(page.base_url + "/besluitvorming/")
    page.get_by_role(
        "link", name="Regionaal Actieplan Geweld hoort nergens thuis 2020-2021"
    ).first.click()
    page.get_by_role("heading", level=1).wait_for()
    seen(page, "documents-02-route")
    page.get_by_role("link", name="Document toevoegen bij behandeling").first.click()
    page.get_by_role("heading", name="Document toevoegen").wait_for()
    seen(page, "documents-03-add")
    page.get_by_label("Titel").fill("Raadsvoorstel klankbordbijeenkomst")
    page.get_by_label("Bestand").set_input_files(
        {
            "name": "lijst.docx",
            "mimeType": "application/octet-stream",
            "buffer": files.docx(table=[["cliënt", files.BSN]]),
        }  # fmt: skip
    )
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("burgerservicenummer").first.wait_for()
    seen(page, "documents-04-bsn-refused")
    page.get_by_label("Bestand").set_input_files(
        {
            "name": "voorstel.pdf",
            "mimeType": "application/pdf",
            "buffer": files.pdf("De raad besluit tot de Klankbordbijeenkomst ouderenmishandeling"),
        }  # fmt: skip
    )
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("is toegevoegd").wait_for()
    seen(page, "documents-05-route-with-document")
    log_out(page)

    log_in(page, "raadslid-zaanstad", "documents-06-raadslid")
    page.get_by_label("Zoeken", exact=True).fill("klankbordbijeenkomst")
    page.get_by_role("button", name="Zoek").click()
    page.get_by_role("heading", name="1 resultaat").wait_for()
    seen(page, "documents-07-results")
    page.get_by_role("link", name="Raadsvoorstel klankbordbijeenkomst").click()
    page.get_by_role("heading", name="Raadsvoorstel klankbordbijeenkomst").wait_for()
    seen(page, "documents-08-document")
    with page.expect_download() as download:
        page.get_by_role("link", name="voorstel.pdf").click()
    assert download.value.suggested_filename == "voorstel.pdf"
