"""The narrative parts of the five documents, as ordered titled sections on the programme
page, and the participating organisations."""

import re

from django.utils.html import strip_tags

import pytest

from governance.models import Decision
from programmes.models import Programme, ProgrammeSection

pytestmark = pytest.mark.django_db

# The Kernboodschap of document 000 (Kennemerland), as printed: five sentences.
KERNBOODSCHAP = (
    "Het 'Actieprogramma Verbinden en Versterken in de aanpak van huiselijk geweld "
    "Kennemerland 2021-2024' (hierna actieprogramma) is een concrete uitwerking van de "
    "regiovisie die vastgesteld is in alle gemeenteraden. In de regiovisie staan 11 "
    "doelstellingen welke concreet vertaald worden naar acties in het actieprogramma. We "
    "kunnen niet alles tegelijk en daarom gaan we de doelstellingen gefaseerd over vier jaren "
    "uitvoeren. Dit doen we plan- en procesmatig om tot een effectieve implementatie te komen. "
    "We werken nu concreet aan de eerste twee doelstellingen die zijn uitgewerkt in zes acties/ "
    "activiteiten, daarna verschuift de focus op andere doelstellingen uit de regiovisie."
)


def _page_text(client, programme):
    html = client.get(programme.get_absolute_url()).content.decode()
    return html, re.sub(r"\s+", " ", strip_tags(html))


def _programme(slug):
    return Programme.objects.get(region__slug=slug)


def test_zawa_shows_its_speerpunten_project_organisation_and_accountability(
    client_for, projectleider
):
    programme = _programme("zaanstreek-waterland")
    titles = list(programme.sections.values_list("title", flat=True))
    assert titles == ["Regionale visie en speerpunten", "Projectorganisatie", "Verantwoording"]
    html, text = _page_text(client_for(projectleider), programme)
    assert "<li>de-escalatie in de wijk</li>" in html  # 1.4, speerpunt 1
    assert "<li>adequate toeleiding naar hoog-specialistische hulpverlening</li>" in html
    assert "<li>Vertegenwoordiger Zorg en Veiligheidshuis</li>" in html  # 3.2
    assert (
        "Twee keer in het jaar (januari en oktober) legt het projectteam verantwoording af aan "
        "het Rijk over de voortgang." in text
    )
    # The participating organisations, every one of them.
    for name in programme.participants.values_list("name", flat=True):
        assert f"<li>{name}</li>" in html.replace("&amp;", "&")


def test_groningen_lists_its_ten_existing_measures(client_for, projectleider, beheerder):
    section = ProgrammeSection.objects.get(
        programme=_programme("groningen"), kind="bestaande_maatregelen"
    )
    items = [line for line in section.body.splitlines() if line.startswith("- ")]
    assert len(items) == 10
    assert items[0] == (
        "- uitvoering van 'de 10 van Noord' en actieve deelname aan de Taskforce "
        "Kindermishandeling met diverse acties gericht op preventie en signalering;"
    )
    assert items[-1] == "- opzet van een lectoraat kindermishandeling."
    html, _text = _page_text(client_for(beheerder), _programme("groningen"))
    assert html.count("<li>") >= 10 and "inrichting expertpool;" in html


def test_gooi_shows_its_planning_phases_per_month(client_for, beheerder):
    section = _programme("gooi-en-vechtstreek").sections.get(kind="planning")
    for phase in (
        "In kaart brengen huidige situatie: maart/april 2019",
        "Benoemen speerpunten voor de regio en richtinggevende discussie: mei/ juni 2019",
        "Beschrijven regionaal actie- programma: juni/ juli 2019",
        "Vaststelling regionaal actie- programma: augustus/ september 2019",
        "- 26 september portefeuillehouders- overleg",
    ):
        assert phase in section.body


def test_kennemerland_kernboodschap_in_full_as_the_source_prints_it(client_for, beheerder):
    kernboodschap = KERNBOODSCHAP
    programme = _programme("kennemerland")
    assert programme.sections.get(kind="kernboodschap").body == kernboodschap
    assert Decision.objects.get(number="2021/457717").summary == kernboodschap
    _html, text = _page_text(client_for(beheerder), programme)
    assert "Dit doen we plan- en procesmatig om tot een effectieve implementatie te komen." in text
    assert "daarna verschuift de focus op andere doelstellingen uit de regiovisie." in text
