"""Readers (wethouder, raadslid) see governance of adopted programmes only."""

from django.urls import reverse

import pytest

from governance.models import Commitment, Decision, DecisionBody, DecisionRoute, RouteStep
from governance.services import add_route_step
from tests.factories import ProgrammeFactory


@pytest.fixture
def draft_route(zawa):
    programme = ProgrammeFactory(region=zawa, status="concept", title="Concept actieplan 2022")
    route = DecisionRoute.objects.create(region=zawa, programme=programme, title="Concept 2022")
    ao = DecisionBody.objects.get(region=zawa, abbreviation="AO")
    add_route_step(route, body=ao, purpose="bespreken", remarks="interne notitie")
    return route


@pytest.mark.parametrize("reader", ["wethouder", "raadslid"])
def test_readers_do_not_see_the_route_of_a_draft_programme(
    request, client_for, draft_route, reader
):
    client = client_for(request.getfixturevalue(reader))
    assert client.get(draft_route.get_absolute_url()).status_code == 404
    overview = client.get(reverse("governance:region", args=["zaanstreek-waterland"]))
    assert "Concept 2022" not in overview.content.decode()
    assert "Regionaal Actieplan Geweld hoort nergens thuis 2020-2021" in overview.content.decode()


def test_the_projectleider_sees_the_draft_route(client_for, projectleider, draft_route):
    response = client_for(projectleider).get(draft_route.get_absolute_url())
    assert response.status_code == 200
    assert "interne notitie" in response.content.decode()


def test_a_route_without_programme_is_visible_to_readers_once_adopted(client_for, wethouder, zawa):
    route = DecisionRoute.objects.create(
        region=zawa, title="Notitie uitbreiding aanpak", adopts_programme=False
    )
    bo = DecisionBody.objects.get(region=zawa, abbreviation="BO")
    step = add_route_step(route, body=bo, purpose="vaststellen")
    client = client_for(wethouder)
    assert client.get(route.get_absolute_url()).status_code == 404
    RouteStep.objects.filter(pk=step.pk).update(conclusion="akkoord")
    assert client.get(route.get_absolute_url()).status_code == 200


def test_decisions_and_commitments_of_a_draft_follow_it(wethouder, projectleider, draft_route):
    step = draft_route.steps.get()
    decision = Decision.objects.create(
        region=draft_route.region, number="D-1", title="Concept", route_step=step
    )
    action = draft_route.programme.actions.create(
        code="9Z", order=1, title="Concept-actie", action_line=_line(draft_route.programme)
    )
    commitment = Commitment.objects.create(region=draft_route.region, number="T-1", text="x")
    commitment.actions.add(action)
    assert not Decision.objects.visible_to(wethouder).filter(pk=decision.pk).exists()
    assert not Commitment.objects.visible_to(wethouder).filter(pk=commitment.pk).exists()
    assert Decision.objects.visible_to(projectleider).filter(pk=decision.pk).exists()
    assert Commitment.objects.visible_to(projectleider).filter(pk=commitment.pk).exists()


def _line(programme):
    return programme.action_lines.create(order=1, title="Actielijn")


def test_raadslid_does_not_see_internal_remarks_of_steps(client_for, raadslid, wethouder, zawa):
    route = DecisionRoute.objects.get(region=zawa)
    assert (
        "verdiepingssessies"
        not in client_for(raadslid).get(route.get_absolute_url()).content.decode()
    )
    assert (
        "verdiepingssessies" in client_for(wethouder).get(route.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize("role", ["veiligthuis", "politie", "rijk"])
def test_ketenpartners_and_rijk_see_no_besluitvorming(db, request, client_for, role):
    client = client_for(request.getfixturevalue(role))
    assert client.get(reverse("governance:index")).status_code == 404
    home = client.get(reverse("home")).content.decode()
    assert "Besluitvorming" not in home  # no nav link to a page that would answer 404
