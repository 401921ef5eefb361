"""The national loop in the browser: the Rijk publishes an uitvraag; the projectleiders of
Zaanstreek-Waterland and Kennemerland answer it inside their reports (prefilled answers
visible), take them through AO and BO, make them definitief and send them; Groningen is late
and gets the reminder; the Rijk sees both answers side by side, downloads the xlsx and the
national PDF, whose text holds both answers and not the late region's concept. Tasks run
eagerly here (no broker); every page is checked with axe (`journeys.seen`)."""

import re
import subprocess
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core import mail

import pytest
from openpyxl import load_workbook

from monitoring.national.tasks import remind_uitvraag
from monitoring.uitvraag.models import Questionnaire
from programmes.models import Membership, Programme
from tests.browser import journeys
from tests.monitoring.reports import make_report

ZAWA = "Het MDA++-overleg werkt sinds de voorzitter wisselt per casus."
KENNEMERLAND = "Een vaste contactpersoon per gemeente maakt de lijnen kort."
CONCEPT = "Groningen schrijft dit nog in concept."
QUESTION = "Wat heeft u geleerd dat andere regio's kunnen gebruiken?"
BLOCK_QUESTION = "Hoe staan uw acties op het radarwerk?"
BLOCK = "2.1 Radarwerk en samenwerking in de keten"


def _rijk_publishes(page):
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


def _region_answers(page, username, slug, words):
    programme = Programme.objects.get(region__slug=slug)
    journeys.log_in(page, username, f"national-10-home-{slug}")
    page.goto(page.base_url + f"/monitoring/programmas/{programme.pk}/rapportages/")
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


def _groningen_is_late():
    """Groningen has a projectleider and only a concept with an answer in it."""
    user, _ = get_user_model().objects.get_or_create(
        username="projectleider-groningen",
        defaults={"email": "projectleider-groningen@example.nl"},
    )
    programme = Programme.objects.get(region__slug="groningen")
    Membership.objects.get_or_create(user=user, role="projectleider", region=programme.region)
    questionnaire = Questionnaire.objects.get(period="2021-H1")
    question = questionnaire.questions.get(text=QUESTION)
    make_report(
        programme,
        "concept",
        "2021-H1",
        texts={
            "uitvraag": {
                "questionnaire": questionnaire.pk,
                "answers": {str(question.pk): {"value": CONCEPT, "edited": True}},
            }
        },
    )
    mail.outbox.clear()
    remind_uitvraag("2021-09-25")
    reminded = {m.to[0] for m in mail.outbox}
    assert user.email in reminded
    assert "projectleider-zawa@example.nl" not in reminded  # answered and sent
    assert "projectleider-kennemerland@example.nl" not in reminded


def _pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return re.sub(r"\s+", " ", out.stdout.decode())


def _rijk_reads_the_picture(page):
    journeys.log_in(page, "rijk", "national-20-home-rijk")
    questionnaire = Questionnaire.objects.get(period="2021-H1")
    page.goto(page.base_url + f"/monitoring/landelijk/uitvragen/{questionnaire.pk}/antwoorden/")
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
    text = _pdf_text(open(info.value.path(), "rb").read())
    assert ZAWA in text and KENNEMERLAND in text
    assert CONCEPT not in text
    journeys.log_out(page)


def test_the_national_loop_from_uitvraag_to_the_national_document(page):
    page.set_default_timeout(60_000)
    _rijk_publishes(page)
    told = {m.to[0] for m in mail.outbox if "Uitvraag van het Rijk" in m.subject}
    assert {"projectleider-zawa@example.nl", "projectleider-kennemerland@example.nl"} <= told
    _region_answers(page, "projectleider-zawa", "zaanstreek-waterland", ZAWA)
    _region_answers(page, "projectleider-kennemerland", "kennemerland", KENNEMERLAND)
    _groningen_is_late()
    _rijk_reads_the_picture(page)


@pytest.fixture(autouse=True)
def _no_leftover_mail():
    mail.outbox.clear()
