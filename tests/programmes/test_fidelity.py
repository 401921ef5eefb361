"""Small slips against the sources, fixed on every page: the source's own words for an
uncertain amount, "capaciteit" for columns without money, no grand total a source never
states, 33 milestones where the plan has 33 items."""

import re

from django.urls import reverse
from django.utils.html import strip_tags

import pytest

from programmes.models import Programme

pytestmark = pytest.mark.django_db


def _text(client, url):
    return re.sub(r"\s+", " ", strip_tags(client.get(url).content.decode()))


def _programme(slug):
    return Programme.objects.get(region__slug=slug)


def test_an_uncertain_amount_shows_the_sources_words_not_ca(client_for, beheerder):
    # Gooi en Vechtstreek: "De landelijke middelen bedragen voor 2018 €25.000¹ ...
    # ¹ Bedragen onder voorbehoud."
    text = _text(client_for(beheerder), _programme("gooi-en-vechtstreek").get_absolute_url())
    assert "€ 25.000 (2018) onder voorbehoud" in text
    assert "(ca.)" not in text


def test_zhz_shows_no_grand_total_the_source_never_states(client_for, beheerder):
    # "Voor de Hoeksche Waard heeft de centrumgemeente Nissewaard een bedrag (ca. € 75.000
    # per jaar) gereserveerd": per year, without years; never added once into a total.
    programme = _programme("zuid-holland-zuid")
    client = client_for(beheerder)
    text = _text(client, programme.get_absolute_url())
    assert "€ 75.000 ca., per jaar" in text
    assert "€ 525.000" not in text
    assert "Geen totaal over alle bronnen" in text
    dashboard = _text(client, reverse("monitoring:dashboard", args=[programme.pk]))
    assert "€ 525.000" not in dashboard
    assert "Geen totaal: de bron noemt een bedrag per jaar zonder looptijd." in dashboard


def test_capacity_only_columns_say_capaciteit_not_zero_euro(client_for, projectleider):
    html = client_for(projectleider).get(_programme("zaanstreek-waterland").get_absolute_url())
    html = html.content.decode()
    for source in ("Gemeente", "Partner"):
        cell = re.search(
            rf'<tr [^>]*data-source="{source}">.*?class="[^"]*source-planned">([^<]*)<', html, re.S
        )
        assert cell.group(1) == "capaciteit", source
        total = re.search(rf'class="[^"]*total-planned" data-source="{source}">([^<]*)<', html)
        assert total.group(1) == "capaciteit", source


def test_zawa_has_33_milestones_in_34_cells(client_for, projectleider):
    programme = _programme("zaanstreek-waterland")
    # Table 3.3 prints 33 items (a ... ee; "v." and "w." twice, for different items) and
    # item "aa. Voortgangsrapportage GHNT" in two cells (AO okt BO, AO jul).
    assert programme.milestones.count() == 34
    assert programme.milestones.values("letter", "title").distinct().count() == 33
    text = _text(client_for(projectleider), reverse("monitoring:dashboard", args=[programme.pk]))
    assert "Het plan telt 33 mijlpalen in 34 vakjes van de planning" in text
    assert "mijlpaal aa staat er meer dan eens in" in text
