"""The governance pages show the demo data of the seeds."""

import re

from django.urls import reverse

import pytest

from governance.models import Decision, DecisionRoute, Meeting


def _text(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")


@pytest.fixture
def kennemerland_client(client_for, other_projectleider):
    return client_for(other_projectleider)


def test_kennemerland_route_shows_where_the_document_is_and_what_comes_next(kennemerland_client):
    route = DecisionRoute.objects.get(region__slug="kennemerland")
    text = _text(kennemerland_client.get(route.get_absolute_url()))
    assert (
        "Waar is het stuk nu? College van B&amp;W Haarlem, 14 september 2021: vaststellen – Akkoord"
        in text
    )
    assert "Wat komt hierna? Commissie Samenleving Haarlem: informeren" in text
    assert "Vastgesteld" in text  # the programme's derived status
    assert "2021/457717" in text  # the decision taken on step 3


def test_kennemerland_decision_with_its_besluitpunten(kennemerland_client):
    decision = Decision.objects.get(number="2021/457717")
    text = _text(kennemerland_client.get(decision.get_absolute_url()))
    assert "Besluit 2021/457717" in text
    assert "vast te stellen" in text and "ter kennisname te delen met de raad" in text
    assert "stap 3 (College van B&amp;W Haarlem)" in text
    listing = _text(
        kennemerland_client.get(reverse("governance:decision_list", args=["kennemerland"]))
    )
    assert "2021/457717" in listing and "2020/1048818" in listing


def test_gooi_treatment_table_shows_the_three_conditions(client_for, beheerder):
    route = DecisionRoute.objects.get(region__slug="gooi-en-vechtstreek")
    text = _text(client_for(beheerder).get(route.get_absolute_url()))
    for condition in (
        "'waarom'",
        "consequenties zijn voor de uitvoeringsdiensten",
        "samenwerking met Veilig Thuis",
    ):
        assert condition in text
    assert "Akkoord met voorwaarden" in text
    assert "Wat komt hierna? Portefeuillehoudersoverleg: vaststellen op 23 mei 2019" in text


def test_zawa_meeting_calendar_lists_ao_and_bo_from_q4_2020_to_q4_2021(client_for, projectleider):
    client = client_for(projectleider)
    url = reverse("governance:meeting_list", args=["zaanstreek-waterland"])
    text = _text(client.get(url, {"date_from": "2020-10-01", "date_to": "2021-12-31"}))
    assert "Vergaderkalender (11 vergaderingen)" in text
    assert "9 oktober 2020 Bestuurlijk Overleg Zorg en Veiligheid BO okt" in text
    assert "januari 2021 Ambtelijk Overleg Zorg en Veiligheid AO-jan 5" in text  # 5 milestones
    bo = Meeting.objects.get(body__region__slug="zaanstreek-waterland", label="BO okt").body
    only_bo = _text(client.get(url, {"body": bo.pk}))
    assert "Vergaderkalender (2 vergaderingen)" in only_bo
    year = _text(client.get(url, {"year": "2021"}))
    assert "Vergaderkalender (7 vergaderingen)" in year


def test_month_view_has_one_captioned_table_per_month(client_for, projectleider):
    url = reverse("governance:meeting_months", args=["zaanstreek-waterland"])
    html = client_for(projectleider).get(url, {"year": "2021"}).content.decode()
    captions = re.findall(r"<caption[^>]*>(.*?)</caption>", html)
    assert captions == [
        "Januari 2021",
        "Februari 2021",
        "Maart 2021",
        "April 2021",
        "Juli 2021",
        "November 2021",
    ]
    assert html.count('scope="col" style="width: 12rem">Datum</th>') == len(captions)


def test_the_bo_okt_agenda_shows_the_plan_and_its_milestone(client_for, projectleider):
    meeting = Meeting.objects.get(body__region__slug="zaanstreek-waterland", label="BO okt")
    response = client_for(projectleider).get(meeting.get_absolute_url())
    text = _text(response)
    assert "Agenda Bestuurlijk Overleg Zorg en Veiligheid, 9 oktober 2020" in text
    assert "Regionaal Actieplan Geweld hoort nergens thuis 2020-2021 Vaststellen Akkoord" in text
    assert "PvA MDA++ en voorbereiding" in text  # milestone j, planned for "BO okt"
    assert "ghnt-no-print" in response.content.decode()  # buttons hidden on paper


def test_the_ao_january_agenda_lists_its_milestones_and_toezeggingen_due(client_for, projectleider):
    from tests.world import World

    world = World()
    commitment = world.zawa_commitment
    commitment.due_date = "2021-01-20"  # before AO feb
    commitment.save()
    text = _text(client_for(projectleider).get(world.zawa_ao_january.get_absolute_url()))
    assert "Communicatieplan/pakket" in text and "Voorstel nieuwsbrieven" in text
    assert "vóór de volgende vergadering (februari 2021)" in text
    assert "TZ-ZW-1" in text


def test_a_step_on_a_day_in_a_month_meeting_appears_on_its_agenda(client_for, projectleider):
    from governance.services import add_route_step
    from tests.world import World

    world = World()
    add_route_step(
        world.zawa_route, body=world.zawa_ao_january.body, purpose="informeren", date="2021-01-19"
    )
    text = _text(client_for(projectleider).get(world.zawa_ao_january.get_absolute_url()))
    assert "Regionaal Actieplan Geweld hoort nergens thuis 2020-2021 Informeren" in text


def test_nav_has_a_besluitvorming_link_for_the_projectleider(client_for, projectleider):
    html = client_for(projectleider).get(reverse("home")).content.decode()
    assert f'href="{reverse("governance:index")}"' in html and ">Besluitvorming</a>" in html
