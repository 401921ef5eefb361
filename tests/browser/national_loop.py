"""The browser steps of the national loop, shared by the live-server test (tasks eager,
tests/browser/test_national_loop.py) and the end-to-end one on the real worker
(tests/e2e/test_national_loop.py). They talk to the portal only through the page; the
caller looks up the primary keys in its own database."""

import re
import subprocess
from io import BytesIO

from openpyxl import load_workbook

from tests.browser import journeys

ZAWA = "Het MDA++-overleg werkt sinds de voorzitter wisselt per casus."
KENNEMERLAND = "Een vaste contactpersoon per gemeente maakt de lijnen kort."
CONCEPT = "Groningen schrijft dit nog in concept."
QUESTION = "Wat heeft u geleerd dat andere regio's kunnen gebruiken?"
BLOCK_QUESTION = "Hoe staan uw acties op het radarwerk?"
BLOCK = "2.1 Radarwerk en samenwerking in de keten"
TOLD = {"projectleider-zawa@example.nl", "projectleider-kennemerland@example.nl"}
REGIONS = (
    ("projectleider-zawa", "zaanstreek-waterland", ZAWA),
    ("projectleider-kennemerland", "kennemerland", KENNEMERLAND),
)


def rijk_publishes(page):
    journeys.log_in(page, "rijk", "national-01-home-rijk")
    page.goto(page.base_url + "/monitoring/landelijk/uitvragen/")
    page.get_by_role("link", name="Nieuwe uitvraag").click()
    page.get_by_label("Titel").fill("Uitvraag eerste halfjaar 2021")
    page.get_by_label("Halfjaar").fill("2021-H1")
    page.get_by_label("Uiterste datum").fill("2021-09-30")
    journeys.seen(page, "national-02-uitvraag-form")
    page.get_by_role("button", name="Uitvraag aanmaken").click()
    block_kind = "Stand van de acties op een bouwsteen"
    for theme, text, kind, block in (
        ("Stoppen en duurzaam oplossen", BLOCK_QUESTION, block_kind, BLOCK),
        ("Leren van elkaar", QUESTION, "Tekst", None),
    ):
        page.get_by_label("Thema").fill(theme)
        page.get_by_label(re.compile(r"^\s*Vraag\s*\*?\s*$")).fill(text)
        page.get_by_label("Soort antwoord").select_option(label=kind)
        if block:
            page.get_by_label("Bouwsteen").select_option(label=block)
        page.get_by_role("button", name="Vraag toevoegen").click()
        page.get_by_text("De vraag is toegevoegd.").wait_for()
    journeys.seen(page, "national-03-uitvraag-questions")
    page.get_by_role("button", name="Publiceren aan alle regio's").click()
    page.get_by_text("De uitvraag is gepubliceerd").wait_for()
    journeys.log_out(page)


def region_answers(page, username, programme_pk, slug, words):
    journeys.log_in(page, username, f"national-10-home-{slug}")
    page.goto(page.base_url + f"/monitoring/programmas/{programme_pk}/rapportages/")
    page.get_by_label("Periode").select_option("2021-H1")
    page.get_by_role("button", name="Rapportage maken").click(timeout=60_000)
    journeys._wait_until_made(page, 60_000)
    page.get_by_role("link", name="Uitvraag beantwoorden").click()
    prefilled = page.get_by_label(BLOCK_QUESTION).input_value()
    assert re.match(r"^\S+ .+: ", prefilled) or prefilled == "Geen acties op deze bouwsteen."
    journeys.seen(page, f"national-11-answers-{slug}")
    page.get_by_label(QUESTION).fill(words)
    page.get_by_role("button", name="Antwoorden opslaan").click()
    page.get_by_text("De antwoorden zijn opgeslagen").wait_for()
    journeys._wait_until_made(page, 60_000)
    page.get_by_role("link", name="Teksten bewerken").click()
    page.get_by_label("Samenvatting").fill(f"Samenvatting van {slug}.")
    page.get_by_role("button", name="Teksten opslaan").click()
    page.get_by_text("De teksten zijn opgeslagen").wait_for()
    journeys._wait_until_made(page, 60_000)
    for link, day, conclusion, done in (
        ("Bespreking in AO vastleggen", "2021-07-05", "Positief", "is vastgelegd"),
        ("Vaststelling in BO vastleggen", "2021-07-12", "Akkoord", "vaststelling is vastgelegd"),
    ):
        page.get_by_role("link", name=link).click()
        page.get_by_label(re.compile(r"^\s*Overleg\s*\*?\s*$")).select_option(index=1)
        page.get_by_label("Datum van het overleg").fill(day)
        page.get_by_label("Conclusie").select_option(label=conclusion)
        page.get_by_role("button", name="Vastleggen").click()
        page.get_by_text(done).first.wait_for()
    journeys._wait_until_made(page, 60_000)
    page.get_by_role("link", name="Definitief maken…").click()
    page.get_by_role("button", name="Ja, definitief maken").click()
    page.get_by_role("status").filter(has_text="De rapportage is definitief").wait_for()
    page.get_by_role("link", name="Verzenden aan het Rijk…").click()
    page.get_by_role("button", name=f"Ja, verzenden aan {journeys.RIJK_ADDRESS}").click()
    page.get_by_text(f"verzonden aan {journeys.RIJK_ADDRESS}", exact=False).first.wait_for()
    assert words in page.get_by_role("region", name="Uitvraag van het Rijk").inner_text()
    journeys.log_out(page)


def pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return re.sub(r"\s+", " ", out.stdout.decode())


def rijk_reads_the_picture(page, questionnaire_pk):
    journeys.log_in(page, "rijk", "national-20-home-rijk")
    page.goto(page.base_url + f"/monitoring/landelijk/uitvragen/{questionnaire_pk}/antwoorden/")
    table = page.get_by_role("table").inner_text()
    assert ZAWA in table and KENNEMERLAND in table and CONCEPT not in table
    assert re.search(r"Groningen\s+Te laat", table)
    journeys.seen(page, "national-21-answers-side-by-side")
    with page.expect_download() as info:
        page.get_by_role("link", name="Excel (een blad per thema)").click()
    book = load_workbook(BytesIO(open(info.value.path(), "rb").read()))
    assert book.sheetnames == ["1 Stoppen en duurzaam oplossen", "2 Leren van elkaar"]
    cells = [c for row in book["2 Leren van elkaar"].iter_rows(values_only=True) for c in row]
    assert ZAWA in cells and KENNEMERLAND in cells and CONCEPT not in cells

    page.goto(page.base_url + "/monitoring/landelijk/bouwstenen/?period=2021-H1")
    journeys.seen(page, "national-22-bouwstenen")
    page.get_by_role("link", name=re.compile("Regionaal deel van de voortgangsrapportage")).click()
    page.get_by_role("button", name="Document maken").click(timeout=60_000)
    page.get_by_role("link", name="Download PDF").wait_for(timeout=60_000)
    journeys.seen(page, "national-23-document")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download PDF").click()
    text = pdf_text(open(info.value.path(), "rb").read())
    assert ZAWA in text and KENNEMERLAND in text
    assert CONCEPT not in text
    journeys.log_out(page)
