"""The API: sent uitvraag answers (all for the Rijk, only public regions for others) and the
national aggregates per bouwsteen."""

from django.urls import reverse

import pytest

from programmes.models import Programme
from tests.monitoring.reports import make_report
from tests.national.test_picture import (
    CONCEPT_WORDS,
    KENNEMERLAND_WORDS,
    ZAWA_WORDS,
    loop,  # noqa: F401  (fixture)
)

pytestmark = pytest.mark.django_db


def _values(response) -> list[str]:
    assert response.status_code == 200
    return [row["value"] for row in response.json()["results"]]


def test_the_rijk_reads_every_sent_answer_and_never_a_concept(client_for, rijk, loop):  # noqa: F811
    values = _values(
        client_for(rijk).get(reverse("api:uitvraaganswer-list"), {"period": "2021-H2"})
    )
    assert ZAWA_WORDS in values and KENNEMERLAND_WORDS in values
    assert CONCEPT_WORDS not in values


def test_anonymous_callers_read_only_regions_that_opened_their_data(client, loop):  # noqa: F811
    values = _values(client.get(reverse("api:uitvraaganswer-list")))
    assert ZAWA_WORDS in values  # Zaanstreek-Waterland opened its data in the demo
    assert KENNEMERLAND_WORDS not in values
    rows = client.get(reverse("api:nationalbuildingblock-list")).json()["results"]
    assert rows == []


def test_the_aggregates_per_bouwsteen_count_the_sent_reports(client_for, rijk, loop):  # noqa: F811
    rows = client_for(rijk).get(reverse("api:nationalbuildingblock-list")).json()["results"]
    block = next(r for r in rows if r["code"] == "2.1")
    assert block["regions"] == 2
    assert block["judgements"] == {"op_schema": 2}
    assert block["milestones_done"] == 2


def test_a_bad_period_is_a_clear_400(client_for, rijk):
    response = client_for(rijk).get(reverse("api:uitvraaganswer-list"), {"period": "2021-H3"})
    assert response.status_code == 400
    assert "Geef een halfjaar als 2021-H1 of 2021-H2." in response.content.decode()


def test_an_unsent_report_stays_out_also_for_its_own_projectleider(client_for, projectleider):
    from tests.monitoring.uitvraag import make_questionnaire

    questionnaire = make_questionnaire("2021-H2")
    q = questionnaire.questions.get(kind="tekst")
    make_report(
        Programme.objects.get(region__slug="zaanstreek-waterland"),
        "definitief",
        "2021-H2",
        texts={
            "uitvraag": {
                "questionnaire": questionnaire.pk,
                "answers": {str(q.pk): {"value": "Nog niet verzonden", "edited": True}},
            }
        },
    )
    values = _values(client_for(projectleider).get(reverse("api:uitvraaganswer-list")))
    assert "Nog niet verzonden" not in values
