"""A programme's status follows from its decision routes; nobody types it."""

import json

from django.conf import settings
from django.urls import reverse

import pytest

from governance.models import DecisionBody, DecisionRoute
from governance.services import (
    add_route_step,
    delete_route,
    derive_programme_status,
    refresh_programme_status,
    update_route_step,
)
from programmes.models import Programme
from tests.factories import ProgrammeFactory

EXPECTED = {
    "zaanstreek-waterland": "vastgesteld",
    "kennemerland": "vastgesteld",
    "groningen": "in_besluitvorming",
    "gooi-en-vechtstreek": "in_besluitvorming",
    "zuid-holland-zuid": "in_besluitvorming",
}


@pytest.mark.django_db
@pytest.mark.parametrize(("slug", "expected"), EXPECTED.items())
def test_demo_programme_status_is_derived_from_its_route_and_agrees_with_the_fixture(
    slug, expected
):
    programme = Programme.objects.get(region__slug=slug)
    assert derive_programme_status(programme) == expected
    assert programme.status == expected
    fixture = json.loads((settings.BASE_DIR / "fixtures" / "regions" / f"{slug}.json").read_text())
    assert fixture["programmes"][0]["status"] == expected


@pytest.fixture
def draft(zawa):
    """A new programme of Zaanstreek-Waterland with an (empty) adopting route."""
    programme = ProgrammeFactory(region=zawa, status="concept", title="Actieplan 2022-2023")
    route = DecisionRoute.objects.create(region=zawa, programme=programme, title="Actieplan 2022")
    return programme, route


def _bodies(zawa):
    return (
        DecisionBody.objects.get(region=zawa, abbreviation="AO"),  # not competent
        DecisionBody.objects.get(region=zawa, abbreviation="BO"),  # competent
    )


def _status(programme):
    programme.refresh_from_db()
    return programme.status


def test_a_programme_without_steps_is_concept(draft):
    programme, _route = draft
    assert refresh_programme_status(programme) == "concept"
    assert _status(programme) == "concept"


def test_a_first_step_puts_the_programme_in_besluitvorming(draft, zawa):
    programme, route = draft
    ao, _bo = _bodies(zawa)
    add_route_step(route, body=ao, purpose="bespreken")
    assert _status(programme) == "in_besluitvorming"


def test_akkoord_of_a_non_competent_body_does_not_adopt(draft, zawa):
    programme, route = draft
    ao, _bo = _bodies(zawa)
    add_route_step(route, body=ao, purpose="vaststellen", conclusion="akkoord")
    assert _status(programme) == "in_besluitvorming"


@pytest.mark.parametrize("conclusion", ["afgewezen", "aangehouden", "positief", ""])
def test_the_competent_body_rejecting_or_deferring_does_not_adopt(draft, zawa, conclusion):
    programme, route = draft
    _ao, bo = _bodies(zawa)
    add_route_step(route, body=bo, purpose="vaststellen", conclusion=conclusion)
    assert _status(programme) == "in_besluitvorming"


@pytest.mark.parametrize("conclusion", ["akkoord", "akkoord_met_voorwaarden"])
def test_akkoord_of_the_competent_body_on_vaststellen_adopts(draft, zawa, conclusion):
    programme, route = draft
    _ao, bo = _bodies(zawa)
    add_route_step(route, body=bo, purpose="vaststellen", conclusion=conclusion, conditions="x")
    assert _status(programme) == "vastgesteld"


def test_akkoord_of_the_competent_body_on_mere_bespreken_does_not_adopt(draft, zawa):
    programme, route = draft
    _ao, bo = _bodies(zawa)
    add_route_step(route, body=bo, purpose="bespreken", conclusion="akkoord")
    assert _status(programme) == "in_besluitvorming"


def test_deferral_then_adoption_then_withdrawing_the_conclusion(draft, zawa):
    programme, route = draft
    _ao, bo = _bodies(zawa)
    step = add_route_step(route, body=bo, purpose="vaststellen", conclusion="aangehouden")
    assert _status(programme) == "in_besluitvorming"
    update_route_step(step, conclusion="akkoord")
    assert _status(programme) == "vastgesteld"
    update_route_step(step, conclusion="afgewezen")
    assert _status(programme) == "in_besluitvorming"
    delete_route(route)
    assert _status(programme) == "concept"


def test_a_route_of_another_document_does_not_adopt_the_programme(draft, zawa):
    programme, _route = draft
    _ao, bo = _bodies(zawa)
    report = DecisionRoute.objects.create(
        region=zawa, programme=programme, title="Voortgangsrapportage", adopts_programme=False
    )
    add_route_step(report, body=bo, purpose="vaststellen", conclusion="akkoord")
    assert _status(programme) == "concept"


def test_afgerond_is_kept_only_after_adoption(draft, zawa):
    programme, route = draft
    _ao, bo = _bodies(zawa)
    Programme.objects.filter(pk=programme.pk).update(status="afgerond")
    programme.refresh_from_db()
    assert derive_programme_status(programme) == "concept"  # not adopted: not afgerond either
    step = add_route_step(route, body=bo, purpose="vaststellen", conclusion="akkoord")
    Programme.objects.filter(pk=programme.pk).update(status="afgerond")
    programme.refresh_from_db()
    assert derive_programme_status(programme) == "afgerond"
    update_route_step(step, conclusion="afgewezen")
    assert _status(programme) == "in_besluitvorming"


def test_recording_a_competent_akkoord_through_the_route_form_adopts(client_for, projectleider):
    """Groningen-like situation in ZaWa: a draft route, then the BO concludes akkoord."""
    zawa_programme = Programme.objects.get(region__slug="zaanstreek-waterland")
    route = DecisionRoute.objects.get(programme=zawa_programme)
    bo_step = route.steps.get(order=6)
    update_route_step(bo_step, conclusion="aangehouden")
    assert _status(zawa_programme) == "in_besluitvorming"
    client = client_for(projectleider)
    from tests.governance.access_rows import _route_data
    from tests.world import World

    data = _route_data(World())
    data["steps-5-conclusion"] = "akkoord"
    response = client.post(reverse("governance:route_update", args=[route.pk]), data)
    assert response.status_code == 302
    assert _status(zawa_programme) == "vastgesteld"


def test_programme_status_is_read_only_in_the_admin(client_for, beheerder, zawa_programme):
    client = client_for(beheerder)
    url = reverse("admin:programmes_programme_change", args=[zawa_programme.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()


def test_akkoord_of_the_competent_body_on_afronden_closes_an_adopted_programme(draft, zawa):
    programme, route = draft
    _ao, bo = _bodies(zawa)
    add_route_step(route, body=bo, purpose="vaststellen", conclusion="akkoord")
    final = DecisionRoute.objects.create(
        region=zawa, programme=programme, title="Eindverantwoording", adopts_programme=False
    )
    add_route_step(final, body=bo, purpose="bespreken", conclusion="akkoord")
    assert _status(programme) == "vastgesteld"  # discussing the end is not ending
    step = add_route_step(final, body=bo, purpose="afronden", conclusion="aangehouden")
    assert _status(programme) == "vastgesteld"
    update_route_step(step, conclusion="akkoord")
    assert _status(programme) == "afgerond"


def test_afronden_needs_adoption_first_and_a_competent_body(draft, zawa):
    programme, route = draft
    ao, bo = _bodies(zawa)
    add_route_step(route, body=bo, purpose="afronden", conclusion="akkoord")
    assert _status(programme) == "in_besluitvorming"  # never adopted: cannot be afgerond
    add_route_step(route, body=bo, purpose="vaststellen", conclusion="akkoord")
    assert _status(programme) == "afgerond"
    other = ProgrammeFactory(region=zawa, status="concept", title="Actieplan 2024")
    other_route = DecisionRoute.objects.create(region=zawa, programme=other, title="Plan 2024")
    add_route_step(other_route, body=bo, purpose="vaststellen", conclusion="akkoord")
    add_route_step(other_route, body=ao, purpose="afronden", conclusion="akkoord")
    assert _status(other) == "vastgesteld"  # the ambtelijk overleg cannot end a programme
