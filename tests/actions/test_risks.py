"""The risk register: kept by the projectleider, read by everyone who sees the programme,
holding the risks the source documents name."""

from django.urls import reverse

import pytest

from actions.models import Risk
from programmes.models import Programme
from tests.world import World

pytestmark = pytest.mark.django_db


def test_projectleider_adds_edits_and_deletes_a_risk_of_an_action(client_for, projectleider):
    world = World()
    client = client_for(projectleider)
    url = reverse("actions:risk_create", args=[world.zawa_programme.pk])
    response = client.post(
        url,
        {
            "title": "Te weinig trainers",
            "action": world.action_2b.pk,
            "likelihood": "groot",
            "impact": "middel",
            "measure": "Extra trainer inhuren.",
            "owner": "Veilig Thuis",
            "status": "open",
        },
    )
    assert response.status_code == 302
    risk = Risk.objects.get(title="Te weinig trainers")
    assert (risk.programme, risk.action) == (world.zawa_programme, world.action_2b)

    page = client.get(world.action_2b.get_absolute_url()).text
    assert "Te weinig trainers" in page and "Extra trainer inhuren." in page
    programme_page = client.get(world.zawa_programme.get_absolute_url()).text
    assert "Te weinig trainers" in programme_page

    edit = reverse("actions:risk_edit", args=[risk.pk])
    client.post(
        edit,
        {
            "title": "Te weinig trainers",
            "likelihood": "klein",
            "impact": "middel",
            "status": "beheerst",
        },
    )
    risk.refresh_from_db()
    assert (risk.likelihood, risk.status, risk.action) == ("klein", "beheerst", None)

    client.post(reverse("actions:risk_delete", args=[risk.pk]))
    assert not Risk.objects.filter(pk=risk.pk).exists()


def test_a_risk_without_a_name_gets_a_dutch_error_next_to_the_field(client_for, projectleider):
    world = World()
    response = client_for(projectleider).post(
        reverse("actions:risk_create", args=[world.zawa_programme.pk]),
        {"title": "", "likelihood": "klein", "impact": "klein", "status": "open"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["title"] == ["Geef het risico een korte naam."]
    assert not Risk.objects.filter(programme=world.zawa_programme).exists()


def test_an_action_of_another_programme_cannot_be_chosen(client_for, projectleider):
    world = World()
    response = client_for(projectleider).post(
        reverse("actions:risk_create", args=[world.zawa_programme.pk]),
        {
            "title": "X",
            "action": world.kennemerland_action.pk,
            "likelihood": "klein",
            "impact": "klein",
            "status": "open",
        },
    )
    assert response.status_code == 200
    assert "action" in response.context["form"].errors


def test_wethouder_reads_the_register_but_cannot_change_it(client_for, wethouder):
    world = World()
    client = client_for(wethouder)
    risk = world.zawa_risk
    assert (
        client.get(reverse("actions:risk_list", args=[world.zawa_programme.pk])).status_code == 200
    )
    assert (
        client.post(reverse("actions:risk_edit", args=[risk.pk]), {"title": "x"}).status_code == 403
    )
    assert client.post(reverse("actions:risk_delete", args=[risk.pk])).status_code == 403
    assert Risk.objects.filter(pk=risk.pk, title="Te weinig trainers voor MDA++").exists()


def test_demo_data_holds_the_risks_of_kennemerland_and_zuid_holland_zuid(client_for, projectleider):
    kennemerland = Programme.objects.get(region__slug="kennemerland")
    [risk] = Risk.objects.filter(programme=kennemerland)
    assert "stopt in principe per 31 december 2021" in risk.description
    assert "geen extra budget beschikbaar gesteld door het rijk" in risk.description
    assert risk.measure.startswith("In 2021 investeren we in de basis op orde krijgen")
    # The source names the risk without weighing it: the portal does not invent a weight.
    assert (risk.get_likelihood_display(), risk.get_impact_display()) == (
        "Niet beoordeeld",
        "Niet beoordeeld",
    )
    zhz = Programme.objects.get(region__slug="zuid-holland-zuid")
    titles = list(Risk.objects.filter(programme=zhz).values_list("title", flat=True))
    assert titles == [
        "Bestuurlijke dekking",
        "Versterking van de lokale infrastructuur is noodzakelijk",
    ]


def test_risk_list_query_count_is_flat(client_for, projectleider, django_assert_num_queries):
    world = World()
    client = client_for(projectleider)
    url = reverse("actions:risk_list", args=[world.zawa_programme.pk])
    client.get(url)
    # session, user, the second factor's device, memberships, programme (+region),
    # risks (+action); may-edit reads the scope already loaded;
    # "Te beoordelen (n)" in the navigation
    with django_assert_num_queries(7):
        client.get(url)
    for n in range(5):
        Risk.objects.create(
            programme=world.zawa_programme, order=10 + n, title=f"R{n}", action=world.action_2d
        )
    with django_assert_num_queries(7):
        client.get(url)
