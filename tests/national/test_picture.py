"""The national picture: answers side by side from what regions sent (never a concept), the
picture per bouwsteen, exports, the national document, in a number of queries that does not
grow with the number of regions."""

import datetime
import re
import subprocess
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from docx import Document
from openpyxl import load_workbook

from monitoring.national import document
from monitoring.national.models import NationalDocument
from programmes.models import BuildingBlock, Programme
from tests.factories import ActionFactory, ActionLineFactory, ProgrammeFactory
from tests.monitoring.reports import make_report
from tests.monitoring.uitvraag import make_questionnaire

pytestmark = pytest.mark.django_db

ZAWA_WORDS = "Zaanstreek-Waterland leert van het radarwerk"
KENNEMERLAND_WORDS = "Kennemerland bouwt het Veiligheidshuis uit"
CONCEPT_WORDS = "Groningen concept dat nooit naar buiten mag"


def _answer_texts(questionnaire, text: str, code: str = "2B", judgement: str = "op_schema"):
    q = questionnaire.questions.get(kind="tekst")
    return {
        "actions": {code: {"judgement": judgement, "remark": f"Toelichting: {text}"}},
        "uitvraag": {
            "questionnaire": questionnaire.pk,
            "answers": {str(q.pk): {"value": text, "facts": {}, "edited": True}},
        },
    }


def _snapshot(code: str, title: str) -> dict:
    return {
        "period": {"code": "2021-H2"},
        "action_lines": [
            {
                "actions": [
                    {
                        "code": code,
                        "title": title,
                        "status": "in_uitvoering",
                        "milestones": [{"done_on": "2021-09-01"}, {"done_on": "2020-01-01"}],
                        "risks": [{"title": f"Risico van {title}", "measure": ""}],
                    }
                ]
            }
        ],
    }


def _sent(programme, questionnaire, words, code="2B"):
    line = programme.action_lines.order_by("order").first() or ActionLineFactory(
        programme=programme, order=1
    )
    action = programme.actions.filter(code=code).first() or ActionFactory(
        action_line=line, code=code
    )
    action.building_blocks.add(BuildingBlock.objects.get(code="2.1"))
    return make_report(
        programme,
        "verzonden",
        "2021-H2",
        texts=_answer_texts(questionnaire, words, code),
        snapshot=_snapshot(code, action.title),
    )


@pytest.fixture
def loop():
    questionnaire = make_questionnaire("2021-H2", deadline=datetime.date(2022, 1, 31))
    zawa = Programme.objects.get(region__slug="zaanstreek-waterland")
    kennemerland = Programme.objects.get(region__slug="kennemerland")
    groningen = Programme.objects.get(region__slug="groningen")
    _sent(zawa, questionnaire, ZAWA_WORDS)
    _sent(kennemerland, questionnaire, KENNEMERLAND_WORDS, code="K1")
    make_report(
        groningen,
        "concept",
        "2021-H2",
        texts=_answer_texts(questionnaire, CONCEPT_WORDS, code="G1"),
        snapshot=_snapshot("G1", "Concept-actie"),
    )
    return questionnaire


def test_the_rijk_sees_both_sent_answers_side_by_side_and_never_a_concept(
    client_for, rijk, other_projectleider, loop
):
    url = reverse("monitoring:national_answers", args=[loop.pk])
    for user in (rijk, other_projectleider):
        html = client_for(user).get(url).content.decode()
        assert ZAWA_WORDS in html and KENNEMERLAND_WORDS in html
        assert CONCEPT_WORDS not in html
    rows = re.findall(r'<th scope="row"[^>]*>([^<]+)</th><td[^>]*>([^<]+)', html)
    states = {region: state for region, state in rows}
    assert states["Zaanstreek-Waterland"] == "Verzonden"
    assert states["Groningen"] == "Te laat"  # the deadline has passed


def test_filters_narrow_the_table_and_a_bad_filter_is_named_not_a_500(client_for, rijk, loop):
    url = reverse("monitoring:national_answers", args=[loop.pk])
    html = client_for(rijk).get(url, {"state": "te_laat"}).content.decode()
    assert "Groningen" in html and ZAWA_WORDS not in html
    html = client_for(rijk).get(url, {"theme": "Middelen"}).content.decode()
    assert re.search(r'<th scope="col"[^>]*>5\. Hoeveel fte zet de regio in\?</th>', html)
    assert not re.search(r'<th scope="col"[^>]*>2\. Wat heeft u geleerd', html)
    response = client_for(rijk).get(url, {"state": "alles", "question": "x"})
    assert response.status_code == 200
    assert "Kies een van de opties." in response.content.decode()


def test_the_downloads_hold_the_sent_answers_one_sheet_per_theme(client_for, rijk, loop):
    client = client_for(rijk)
    csv = client.get(reverse("monitoring:national_answers_csv", args=[loop.pk]))
    text = csv.content.decode("utf-8-sig")
    assert ZAWA_WORDS in text and KENNEMERLAND_WORDS in text and CONCEPT_WORDS not in text
    xlsx = client.get(reverse("monitoring:national_answers_xlsx", args=[loop.pk]))
    book = load_workbook(BytesIO(xlsx.content))
    assert book.sheetnames == ["1 Aanpak", "2 Middelen", "3 Samenwerking"]
    cells = [c for row in book["1 Aanpak"].iter_rows(values_only=True) for c in row]
    assert ZAWA_WORDS in cells and KENNEMERLAND_WORDS in cells and CONCEPT_WORDS not in cells


def test_the_bouwsteen_picture_counts_sent_reports_and_quotes_the_regionale_route(
    client_for, other_projectleider, loop
):
    html = (
        client_for(other_projectleider)
        .get(reverse("monitoring:national_block", args=["2.1"]), {"period": "2021-H2"})
        .content.decode()
    )
    assert "Kennemerland, Zaanstreek-Waterland." in html
    assert re.search(r"<p[^>]*>2 regio.{1,8}s met acties op deze bouwsteen", html)
    assert f"Toelichting: {ZAWA_WORDS}" in html
    assert "Concept-actie" not in html and CONCEPT_WORDS not in html
    overview = client_for(other_projectleider).get(reverse("monitoring:national_blocks"))
    assert "Risico van" in overview.content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_national_pages_use_as_many_queries_for_more_regions(client_for, rijk, loop):
    client = client_for(rijk)
    urls = [
        reverse("monitoring:national_answers", args=[loop.pk]),
        reverse("monitoring:national_blocks") + "?period=2021-H2",
        reverse("monitoring:national_block", args=["2.1"]) + "?period=2021-H2",
    ]
    before = [_queries(client, url) for url in urls]
    for n in range(4):
        programme = ProgrammeFactory()
        _sent(programme, loop, f"Antwoord van regio {n}", code=f"N{n}")
    after = [_queries(client, url) for url in urls]
    assert after == before
    # answers: session, user, scope, uitvraag, questions, regions, reports, sheets, ...
    assert max(after) <= 15


def test_the_national_document_holds_both_answers_and_not_the_late_regions_concept(loop, rijk):
    made = document.request_document(loop.half_year, rijk)  # eager in the tests
    made = NationalDocument.objects.get(pk=made.pk)
    if made.state != "gereed":  # the outbox publishes after the commit; run it here
        made = document.generate(made.pk)
    assert made.progress == 100 and made.regions == 2
    text = re.sub(
        r"\s+",
        " ",
        subprocess.run(
            ["pdftotext", made.pdf.path, "-"], capture_output=True, check=True
        ).stdout.decode(),
    )
    assert ZAWA_WORDS in text and KENNEMERLAND_WORDS in text
    assert CONCEPT_WORDS not in text
    words = "\n".join(p.text for p in Document(made.docx.path).paragraphs)
    assert ZAWA_WORDS in words and CONCEPT_WORDS not in words
    assert document.generate(made.pk).generated_at == made.generated_at  # twice: once
