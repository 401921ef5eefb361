"""Issue 22's done-when in a real browser: the projectleider attaches the raadsvoorstel to a
route step (and is refused a file with a BSN), the agenda to a meeting and the raadsbesluit
to the adopted programme, and records the plan's own budget total; a raadslid finds the
raadsvoorstel and the raadsbesluit by a word in their text with the header's search box and
downloads them. Every page is checked with axe."""

import re

from tests.browser.journeys import log_in, log_out, seen
from tests.documents import files
from tests.world import World


def _add_document(page, title, kind, text, name):
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Soort").select_option(kind)
    page.get_by_label("Bestand").set_input_files(
        {"name": f"{kind}.pdf", "mimeType": "application/pdf", "buffer": files.pdf(text)}
    )
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("is toegevoegd").first.wait_for()
    seen(page, name)


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

    world = World()
    page.goto(page.base_url + world.zawa_ao_january.get_absolute_url())
    page.get_by_role("link", name=re.compile("^Document toevoegen")).first.click()
    page.get_by_role("heading", name="Document toevoegen").wait_for()
    _add_document(page, "Agenda AO januari", "agenda", "Agenda van het AO", "documents-05a-meeting")
    assert page.get_by_role("link", name="Agenda AO januari", exact=True).count() == 1

    programme = world.zawa_programme
    page.goto(page.base_url + programme.get_absolute_url())
    page.get_by_role("link", name=re.compile("^Document toevoegen bij Regionaal")).click()
    page.get_by_role("heading", name="Document toevoegen").wait_for()
    _add_document(
        page,
        "Raadsbesluit actieplan",
        "raadsbesluit",
        "De raad stelt het actieplan vast met het Ijsvogelbesluit",
        "documents-05b-programme",
    )
    page.locator("[data-stated-budget]").get_by_role("link", name="Wijzigen").click()
    page.get_by_role("heading", name="Begroting volgens het plan").wait_for()
    seen(page, "documents-05c-stated-budget")
    page.get_by_label("Begroting volgens het plan (€)").fill("-5")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Een bedrag kan niet negatief zijn").first.wait_for()
    seen(page, "documents-05d-stated-budget-refused")
    page.get_by_label("Begroting volgens het plan (€)").fill("186.000")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("de berekende som is € 593.190 meer").wait_for()
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

    page.get_by_label("Zoeken", exact=True).fill("ijsvogelbesluit")
    page.get_by_role("button", name="Zoek").click()
    page.get_by_role("heading", name="1 resultaat").wait_for()
    seen(page, "documents-09-results-raadsbesluit")
    page.get_by_role("link", name="Raadsbesluit actieplan").click()
    page.get_by_role("heading", name="Raadsbesluit actieplan").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="raadsbesluit.pdf").click()
    assert download.value.suggested_filename == "raadsbesluit.pdf"
